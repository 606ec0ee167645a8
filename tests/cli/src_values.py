#!/usr/bin/env python3
"""src_values.py FORMS_MD CASE [FILE...]: the SRC text values of CASE.

FORMS_MD is `spcomm forms --markdown FORM` (field path, type, class); CASE
the case file.  Without FILE, prints each SRC value of type string, text or
email (4 characters or more) on
its own line.  With FILEs, prints "FILE: VALUE" for each value a file holds
(PO string continuations joined, escapes read, white space collapsed) and
exits 1 if any does.
"""
import re
import sys

import yaml


def classes(md):
    out = {}
    for line in open(md, encoding="utf-8"):
        m = re.match(r"\| `([^`]+)` \| ([^|]*) \| [^|]* \| (SRC|GOV|PUB) \|", line)
        if m:
            out[m.group(1)] = (m.group(3), m.group(2).strip())
    return out


def walk(node, path, cls, out):
    info = cls.get(path)
    if isinstance(node, dict):
        if info and info[0] == "SRC" and info[1].startswith(("string", "text", "email")):
            # a translatable value: {en: ..., fr: ...}
            out.extend(str(v) for v in node.values() if isinstance(v, str))
            return
        for k, v in node.items():
            walk(v, f"{path}.{k}" if path else str(k), cls, out)
    elif isinstance(node, list):
        for v in node:
            walk(v, f"{path}[]", cls, out)
    elif isinstance(node, str) and info and info[0] == "SRC" and \
            info[1].split(" ")[0] in ("string", "text", "email", "list"):
        out.append(node)


def norm(s):
    return re.sub(r"\s+", " ", s).strip().casefold()


def po_text(path):
    t = open(path, encoding="utf-8", errors="replace").read()
    t = re.sub(r'"\s*\n\s*"', "", t)   # string continuations
    t = t.replace("\\n", " ").replace("\\t", " ").replace('\\"', '"').replace("\\\\", "\\")
    return norm(t)


def main():
    cls = classes(sys.argv[1])
    case = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
    values = []
    walk(case, "", cls, values)
    values = sorted({v.strip() for v in values if len(v.strip()) >= 4})
    if len(sys.argv) == 3:
        for v in values:
            print(norm(v))
        return 0
    found = 0
    for f in sys.argv[3:]:
        text = po_text(f)
        for v in values:
            if norm(v) in text:
                print(f"{f}: {v}")
                found += 1
    return 1 if found else 0


sys.exit(main())
