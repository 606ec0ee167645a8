"""The content of a case as the peer renderers lay it out: the same words spcomm prints.

`build(path, data_dir)` reads a case file (python3-yaml) and returns a Doc: the
addressee lines, the title, the banner, the header rows, then each section of
the form in the form's order with its heading, the label/value rows and the
narrative paragraphs.  Labels, section headings, item headings, enumeration
values, yes/no and mandate names come from spcomm's own catalogs
(locale/<lang>.yaml) and form definitions (forms/*.yaml), found by the same
keys spcomm uses (<block>.<path>, <form>.<path>, top.<name>); country names
from locale/countries.yaml, else ICU (python3-icu, the ICU spcomm links);
dates in the long form of the language ("20 November 2026").  So the peers
typeset the same text as spcomm, not a look-alike; what differs is only
layout detail (exact field order inside a record, the summary box).
"""
import argparse
import hashlib
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import yaml

# libyaml's parser when python3-yaml has it, as spcomm uses libyaml
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

try:
    import icu
except ImportError:  # country codes stay codes
    icu = None


class Doc:
    def __init__(self):
        self.blocks = []   # (kind, level, *args)
        self.footer = ""
        self.page_fmt = "Page {0} of {1}"
        self.lang = "en"

    def add(self, kind, level, *args):
        self.blocks.append((kind, level) + args)


_cache = {}


def _load(path):
    if path not in _cache:
        with open(path, encoding="utf-8") as f:
            _cache[path] = yaml.load(f, Loader=LOADER)
    return _cache[path]


MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}


class Ctx:
    def __init__(self, data_dir, form, lang):
        self.cat = _load(os.path.join(data_dir, "locale", lang + ".yaml"))
        self.countries = _load(os.path.join(data_dir, "locale", "countries.yaml"))
        self.common = _load(os.path.join(data_dir, "forms", "common.yaml"))
        self.form = _load(os.path.join(data_dir, "forms", form + ".yaml"))
        self.mandates = _load(os.path.join(data_dir, "forms", "mandates.yaml"))
        self.lang, self.form_name = lang, form
        self.blocks = self.common["blocks"]

    def t(self, key, default=None):
        v = self.cat.get(key)
        return v if isinstance(v, str) else (default if default is not None else key.rsplit(".", 1)[-1].replace("_", " ").capitalize())

    def country(self, code):
        code = str(code)
        c = self.countries.get(code)
        if isinstance(c, dict) and self.lang in c:
            return c[self.lang]
        if icu is not None:
            return icu.Locale("und_" + code).getDisplayCountry(icu.Locale(self.lang))
        return code

    def date(self, v):
        s = str(v)
        approx = s.startswith("~") or s.endswith("~")
        s = s.strip("~")
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", s)
        if not m:
            return s
        y, mo, d = m.group(1), m.group(2), m.group(3)
        if mo is None:
            out = y
        elif self.lang not in MONTHS:
            out = s
        else:
            mn = MONTHS[self.lang][int(mo) - 1]
            if d is None:
                out = f"{mn} {y}" if self.lang != "es" else f"{mn} de {y}"
            elif self.lang == "en":
                out = f"{int(d)} {mn} {y}"
            elif self.lang == "fr":
                out = f"{'1er' if int(d) == 1 else int(d)} {mn} {y}"
            elif self.lang == "es":
                out = f"{int(d)} de {mn} de {y}"
            else:
                out = f"{y}-{mo}-{d}"
        return self.t("doc.around", "around {0}").replace("{0}", out) if approx else out


CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff]")


def fmt_name(n):
    if not isinstance(n, dict):
        return str(n)
    fam, giv = n.get("family", ""), n.get("given", "")
    latin = " ".join(x for x in ([fam, giv] if n.get("order") == "family_given" else [giv, fam]) if x)
    o = n.get("original")
    if isinstance(o, dict):
        of, og = o.get("family", ""), o.get("given", "")
        parts = [of, og] if n.get("order") == "family_given" or CJK.search(of + og) else [og, of]
        sep = "" if CJK.search(of + og) else " "
        orig = sep.join(x for x in parts if x)
        return f"{latin} ({orig})" if latin else orig
    return latin


class Builder:
    def __init__(self, ctx, case, case_dir, doc):
        self.c, self.case, self.dir, self.d = ctx, case, case_dir, doc

    # the spec of a field: (type, spec) with block types resolved
    def children(self, spec, key):
        """(child spec dict, key prefix for the children's labels)."""
        typ = spec.get("type")
        if typ == "list":
            of = spec.get("of")
            if of in self.c.blocks:
                return self.c.blocks[of].get("fields", {}), of
            return spec.get("fields", {}), key
        if typ in self.c.blocks:
            return self.c.blocks[typ].get("fields", {}), typ
        return spec.get("fields", {}), key

    def label(self, key):
        return self.c.t(key)

    def scalar(self, spec, key, v):
        typ = spec.get("type")
        if isinstance(v, dict) and typ not in ("name",) and self.c.lang in v:  # translatable
            v = v[self.c.lang]
        elif isinstance(v, dict) and typ != "name" and all(isinstance(x, str) for x in v.values()) and typ not in self.c.blocks:
            v = next(iter(v.values()))
        if typ == "enum":
            return self.c.t(f"{key}.{v}", str(v))
        if typ in ("date", "pdate"):
            return self.c.date(v)
        if typ == "country":
            return self.c.country(v)
        if typ == "bool":
            return self.c.t("doc.yes" if v else "doc.no")
        if typ == "tri":
            return self.c.t({"yes": "doc.yes", "no": "doc.no"}.get(str(v), "doc.unknown"))
        if typ == "mandate":
            return self.c.t(f"mandate.{v}", str(v))
        if typ == "name":
            return fmt_name(v)
        if typ == "place" and isinstance(v, dict):
            parts = [v.get("locality"), v.get("region"), self.c.country(v["country"]) if "country" in v else None]
            return ", ".join(str(p[self.c.lang] if isinstance(p, dict) else p) for p in parts if p)
        return str(v)

    def text(self, label, v, level):
        if isinstance(v, dict):
            v = v.get(self.c.lang) or next(iter(v.values()))
        self.d.add("label", level, label)
        for para in re.split(r"\n\s*\n", str(v).strip()):
            self.d.add("para", level, " ".join(para.split()))

    def field(self, name, spec, key, v, level):
        typ = spec.get("type")
        label = self.label(key)
        if v is None:
            return
        if typ == "text":
            self.text(label, v, level)
        elif typ == "list":
            of = spec.get("of")
            if of in ("record",) or of in self.c.blocks and of not in ("name",):
                fields, prefix = self.children(spec, key)
                item = self.c.cat.get(key + ".item") or self.c.cat.get(prefix + ".item") or (label + " {0}")
                for i, x in enumerate(v, 1):
                    if of == "attachment":
                        self.annex(i, x, level)
                        continue
                    self.d.add("item", level, item.replace("{0}", str(i)))
                    self.record(fields, prefix, x, level + 1)
            else:
                sub = {"type": of}
                if of == "enum":
                    sub = {"type": "enum"}
                vals = [self.scalar(sub, key, x) for x in v]
                self.d.add("row", level, label, "; ".join(vals))
        elif typ == "record" or (typ in self.c.blocks and typ != "name"):
            if typ == "place":
                self.d.add("row", level, label, self.scalar(spec, key, v))
                if isinstance(v, dict) and v.get("details"):
                    self.d.add("row", level + 1, self.c.t("place.details"), " ".join(str(v["details"]).split()))
                return
            fields, prefix = self.children(spec, key)
            self.d.add("label", level, label)
            self.record(fields, prefix, v, level + 1)
        else:
            self.d.add("row", level, label, self.scalar(spec, key, v))

    def record(self, fields, prefix, v, level):
        if not isinstance(v, dict):
            self.d.add("row", level, "", str(v))
            return
        for k in v:
            spec = fields.get(k, {"type": "string"})
            self.field(k, spec, f"{prefix}.{k}", v[k], level)

    def annex(self, i, a, level):
        path = os.path.join(self.dir, a.get("file", ""))
        try:
            with open(path, "rb") as f:
                data = f.read()
            size = self.c.t("doc.bytes", "{0} bytes")
            size = f"{len(data)} bytes" if "plural" in size else size.replace("{0}", str(len(data)))
            sha = hashlib.sha256(data).hexdigest()
        except OSError:
            size, sha = "?", "?"
        title = a.get("title")
        if isinstance(title, dict):
            title = title.get(self.c.lang) or next(iter(title.values()))
        kind = self.c.t(f"attachment.kind.{a.get('kind')}", str(a.get("kind")))
        pat = self.c.t("doc.annex", "Annex {0}: {1} ({2}, {3}, SHA-256 {4})")
        for n, s in enumerate([str(i), title, kind, size, sha]):
            pat = pat.replace("{%d}" % n, str(s))
        self.d.add("para", level, pat)


def build(path, data_dir, lang=None):
    """lang: the output language (default the case's), as spcomm's -l."""
    with open(path, encoding="utf-8") as f:
        case = yaml.load(f, Loader=LOADER)
    lang = lang or str(case.get("language", "en"))
    form = str(case["form"])
    c = Ctx(data_dir, form, lang)
    d = Doc()
    d.lang = lang
    b = Builder(c, case, os.path.dirname(os.path.abspath(path)), d)
    top = c.common["top"]
    fields = dict(top)
    fields.update(c.form.get("fields", {}))

    # Addressees, title, banner, header rows.
    for m in case.get("addressees") or []:
        d.add("small", 0, c.t(f"mandate.{m}", str(m)))
    d.add("small", 0, c.t("doc.addressee_block"))
    d.add("title", 0, c.t(f"{form}.title", c.t(f"top.form.{form}")))
    banner = c.form.get("banner")
    if banner:
        rec, fld = banner.split(".")
        v = (case.get(rec) or {}).get(fld)
        if v:
            d.add("banner", 0, c.t(f"{form}.{banner}.{v}", str(v)))
    d.add("row", 0, c.t("doc.date_prepared"), c.date(case["date"]))
    d.add("row", 0, c.t("doc.case_id"), str(case["id"]))
    d.add("row", 0, c.t("doc.language"), c.t(f"top.language.{case.get('language', lang)}"))
    copy = c.t("doc.copy.full")
    d.add("banner", 0, copy)
    d.footer = f"{case['id']} · {copy}"
    d.page_fmt = c.t("doc.page", "Page {0} of {1}")

    # Sections in the form's order; every top-level field of the case once.
    done = {"spcomm", "form", "id", "language", "date"}
    numbered = c.form.get("numbering") != "none"
    n = 0
    for sec in c.form.get("sections", []):
        present = [f for f in sec["fields"] if case.get(f) is not None and f not in done]
        if sec["id"] in ("submission",) or sec["fields"] and "addressees" in sec["fields"]:
            present = [f for f in sec["fields"] if f not in done and case.get(f) is not None]
        if not present:
            continue
        n += 1
        head = c.t(f"{form}.section.{sec['id']}")
        d.add("section", 0, f"{n}. {head}" if numbered else head)
        for f in present:
            done.add(f)
            spec = fields.get(f, {"type": "string"})
            key = f"top.{f}" if f in top else f"{form}.{f}"
            if spec.get("type") == "record" and f not in top:
                b.record(spec.get("fields", {}), key, case[f], 0)
            else:
                b.field(f, spec, key, case[f], 0)
    rest = [f for f in case if f not in done]
    for f in rest:  # fields no section lists
        spec = fields.get(f, {"type": "string"})
        b.field(f, spec, f"top.{f}" if f in top else f"{form}.{f}", case[f], 0)
    return d


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    doc = build(sys.argv[1], os.path.join(here, ".."))
    for blk in doc.blocks:
        print("  " * blk[1] + blk[0] + ": " + " | ".join(str(x) for x in blk[2:]))


def run_peer(name, render, jobs=False):
    """The command line of every peer: -d OUT [--data-dir D] [-l LANG] [-j N]
    CASE|DIR...; render(path, outdir, data_dir, lang) returns the output
    path, or (path, pages), printed one line per case (tab-separated), in
    input order; -j N (jobs) renders N cases at a time."""
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(prog=name)
    ap.add_argument("-d", dest="outdir", required=True)
    if jobs:
        ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--data-dir", default=os.path.join(here, ".."))
    ap.add_argument("-l", dest="lang", help="output language (default: the case's), as spcomm -l")
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    files = []
    for p in a.inputs:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".yaml"))
        else:
            files.append(p)
    os.makedirs(a.outdir, exist_ok=True)
    t0 = time.perf_counter()

    def one(f):
        return render(f, a.outdir, a.data_dir, a.lang)

    with ThreadPoolExecutor(a.j if jobs else 1) as ex:
        for r in ex.map(one, files):
            print("\t".join(str(x) for x in r) if isinstance(r, tuple) else r)
    sys.stderr.write(f"{name}: {len(files)} cases in {time.perf_counter() - t0:.2f} s\n")
