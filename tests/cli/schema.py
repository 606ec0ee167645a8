#!/usr/bin/env python3
"""schema.py SPCOMM SCHEMA_DIR - the JSON Schemas of `spcomm forms --json-schema`.

For every form and output language: the schema is a valid draft 2020-12
schema, the same bytes twice and the same as the build tree's
SCHEMA_DIR/<form>.<lang>.json.  Every case that `spcomm check` accepts
(cases/, tests/realistic/, tests/warn/) validates against its form's schema,
read as editors read YAML (1.2: only true/false are booleans, `yes`, `no`,
`NO` and dates stay strings, 017 is decimal).  And the schema refuses, in
each of those cases, every mapping given a misspelt key and every
enumerated value misspelt.  One line per check; exit 1 on any failure.
"""
import glob
import json
import os
import re
import subprocess
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:
    print(f"FAIL: {e}: install python3-jsonschema and python3-yaml (.ci/packages-test)")
    sys.exit(1)

spcomm, schema_dir = sys.argv[1], sys.argv[2]
LANGS = ["en", "fr", "es", "ru", "zh", "ar"]
passed = failed = 0


def ok(msg):
    global passed
    passed += 1
    print("ok:", msg)


def bad(msg):
    global failed
    failed += 1
    print("FAIL:", msg)


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML reads YAML 1.1 (yes/no/on/off booleans, 1:30 sexagesimal,
    2024-01-01 timestamps, 017 octal); this loader resolves plain scalars
    by the YAML 1.2 core schema, as yaml-language-server does."""


Yaml12Loader.yaml_implicit_resolvers = {}
CORE = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
]
for tag, rx, first in CORE:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(rx), list(first) + ([""] if tag.endswith("null") else []))


def core_int(loader, node):
    s = loader.construct_scalar(node)
    if s.startswith("0o"):
        return int(s[2:], 8)
    if s.startswith("0x"):
        return int(s[2:], 16)
    return int(s, 10)


def core_bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", core_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", core_bool)


def load12(text):
    return yaml.load(text, Loader=Yaml12Loader)


def run(*args):
    return subprocess.run([spcomm, *args], capture_output=True)


# The loader itself: the YAML 1.1 traps read as 1.2 does.
probe = load12("a: yes\nb: NO\nc: 2024-01-02\nd: 07:40\ne: 017\nf: True\ng:\nh: 1.5\n")
want = {"a": "yes", "b": "NO", "c": "2024-01-02", "d": "07:40", "e": 17, "f": True, "g": None, "h": 1.5}
if probe == want:
    ok("the YAML 1.2 loader types scalars as editors do")
else:
    bad(f"the YAML 1.2 loader read {probe!r}, want {want!r}")

forms = [line.split()[0] for line in run("forms").stdout.decode().splitlines() if line.strip()]
if forms:
    ok(f"forms: {' '.join(forms)}")
else:
    bad("spcomm forms lists no form")

schemas = {}
for form in forms:
    for lang in LANGS:
        first = run("forms", "--json-schema", form, "-l", lang)
        again = run("forms", "--json-schema", form, "-l", lang)
        name = f"{form}.{lang}"
        if first.returncode != 0:
            bad(f"{name}: exit {first.returncode}: {first.stderr.decode()}")
            continue
        if first.stdout != again.stdout:
            bad(f"{name}: two runs give different schemas")
        built = os.path.join(schema_dir, f"{name}.json")
        if not os.path.exists(built) or open(built, "rb").read() != first.stdout:
            bad(f"{name}: {built} is missing or differs from the program's output")
        try:
            s = json.loads(first.stdout)
            jsonschema.Draft202012Validator.check_schema(s)
            schemas[(form, lang)] = s
            ok(f"{name}: a valid draft 2020-12 schema, deterministic, as built")
        except (ValueError, jsonschema.exceptions.SchemaError) as e:
            bad(f"{name}: not a valid schema: {str(e)[:300]}")

# An unknown language and form are refused with a usage error.
for args in (["forms", "--json-schema", "nosuchform"], ["forms", "--json-schema", forms[0], "-l", "de"]):
    r = run(*args)
    if r.returncode == 2 and not r.stdout:
        ok(f"spcomm {' '.join(args)}: refused (exit 2)")
    else:
        bad(f"spcomm {' '.join(args)}: exit {r.returncode}, want 2 and no output")


def errors(schema, doc):
    return list(jsonschema.Draft202012Validator(schema).iter_errors(doc))


def deref(schema, root):
    while isinstance(schema, dict) and "$ref" in schema:
        schema = root["$defs"][schema["$ref"].split("/")[-1]]
    return schema


def branches(schema, root):
    """The schema and the subschemas an instance must (allOf) or may
    (anyOf) satisfy too."""
    schema = deref(schema, root)
    if not isinstance(schema, dict):
        return
    yield schema
    for k in ("allOf", "anyOf"):
        for s in schema.get(k, []):
            yield from branches(s, root)


def sub(schema, key, root):
    for b in branches(schema, root):
        if isinstance(key, int) and isinstance(b.get("items"), dict):
            return b["items"]
        if isinstance(key, str) and key in b.get("properties", {}):
            return b["properties"][key]
    return None


def walk(doc, schema, root, path=()):
    """(path, value, schema) of every value of the case."""
    yield path, doc, schema
    if isinstance(doc, dict):
        for k, v in doc.items():
            s = sub(schema, k, root)
            if s is not None:
                yield from walk(v, s, root, path + (k,))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            s = sub(schema, i, root)
            if s is not None:
                yield from walk(v, s, root, path + (i,))


def enumerated(schema, root):
    return any("enum" in b for b in branches(schema, root))


def with_value(doc, path, value):
    doc = json.loads(json.dumps(doc))
    at = doc
    for p in path[:-1]:
        at = at[p]
    if value is KeyError:
        at[path[-1] + "x"] = at.pop(path[-1])   # misspell the key
    else:
        at[path[-1]] = value
    return doc


cases = sorted(glob.glob("cases/*.yaml") + glob.glob("tests/realistic/*.yaml") + glob.glob("tests/warn/*.yaml"))
validated = misspelt = enums = 0
for case in cases:
    if run("check", case).returncode != 0:
        print(f"skip: {case}: spcomm check refuses it")
        continue
    doc = load12(open(case, encoding="utf-8").read())
    form = doc.get("form")
    for lang in ("en", doc.get("language", "en")):
        schema = schemas.get((form, lang))
        if schema is None:
            bad(f"{case}: no schema for form {form!r} ({lang})")
            continue
        errs = errors(schema, doc)
        if errs:
            bad(f"{case}: spcomm check accepts it but the {form}.{lang} schema does not: "
                + "; ".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}" for e in errs[:5]))
        else:
            validated += 1
    schema = schemas.get((form, "en"))
    if schema is None:
        continue
    # every key of every mapping, misspelt; every enumerated value, misspelt
    for path, value, s in walk(doc, schema, schema):
        if path and isinstance(path[-1], str):
            if not errors(schema, with_value(doc, path, KeyError)):
                bad(f"{case}: misspelt key {'/'.join(map(str, path))}x accepted")
            else:
                misspelt += 1
        if path and isinstance(value, str) and enumerated(s, schema):
            if not errors(schema, with_value(doc, path, value + "x")):
                bad(f"{case}: value {value + 'x'!r} at {'/'.join(map(str, path))} accepted")
            else:
                enums += 1

# Values an editor types but spcomm reads as text: a number, a boolean, a
# bare year, an empty value (null).  Each replaces, in turn, up to four
# string values of each case (spread over the file); whenever `spcomm
# check` accepts the variant, the schema must accept it too.
import shutil
import tempfile

work = tempfile.mkdtemp()
typed_checked = typed_refused = 0
try:
    for case in cases:
        d = os.path.join(work, os.path.dirname(case))
        if not os.path.isdir(d):
            os.makedirs(d)
            if os.path.isdir(os.path.join(os.path.dirname(case), "annexes")):
                shutil.copytree(os.path.join(os.path.dirname(case), "annexes"), os.path.join(d, "annexes"))
        doc = load12(open(case, encoding="utf-8").read())
        schema = schemas.get((doc.get("form"), "en"))
        if schema is None:
            continue
        leaves = [p for p, v, _ in walk(doc, schema, schema) if p and isinstance(v, str)]
        years = [p for p, v, _ in walk(doc, schema, schema)
                 if p and isinstance(v, str) and re.fullmatch(r"(19|20)[0-9]{2}(-[0-9]{2}){0,2}", v)]
        for kind, paths in (("number", leaves), ("boolean", leaves), ("null", leaves), ("year", years)):
            step = max(1, len(paths) // 4)
            for path in paths[::step][:4]:
                value = {"number": 12345, "boolean": True, "null": None}.get(kind)
                if kind == "year":
                    at = doc
                    for k in path:
                        at = at[k]
                    value = int(at[:4])
                variant = with_value(doc, path, value)
                f = os.path.join(d, "variant.yaml")
                with open(f, "w", encoding="utf-8") as out:
                    yaml.safe_dump(variant, out, allow_unicode=True, sort_keys=False, width=1000)
                if run("check", f).returncode != 0:
                    typed_refused += 1
                    continue
                typed_checked += 1
                errs = errors(schema, load12(open(f, encoding="utf-8").read()))
                if errs:
                    bad(f"{case}: {kind} {value!r} at {'/'.join(map(str, path))}: spcomm check "
                        f"accepts it, the schema does not: {errs[0].message[:160]}")
finally:
    shutil.rmtree(work)
if typed_checked > 100:
    ok(f"{typed_checked} variants with YAML 1.2 typed values that spcomm accepts validate "
       f"({typed_refused} refused by spcomm check, not compared)")
else:
    bad(f"too few typed variants accepted by spcomm check: {typed_checked}")

# A class is only tested when it has members: at least every bundled case.
if validated >= len(glob.glob("cases/*.yaml")) and misspelt > 100 and enums > 50:
    ok(f"{validated} case validations; {misspelt} misspelt keys and {enums} misspelt "
       "enumerated values refused")
else:
    bad(f"too few checks: {validated} validations, {misspelt} misspelt keys, {enums} enum values")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
