#!/usr/bin/env python3
"""check.py - every value a copy may hold is printed in that copy.

    check.py SPCOMM SRCDIR WORKDIR LANGS CASE.yaml...

For each case, renders the full, Government and public copies in each
language of LANGS (comma-separated; "case" stands for the case's own
language), extracts their text with pdftotext and looks for every
non-empty leaf of the case whose disclosure class the copy holds,
formatted as the document formats it:

- strings and texts: the text in the document's language (a translation)
  or the original, each paragraph on its own; a paragraph or one-line
  value that names a person whose name the copy withholds is legitimately
  left out (the gate: docs/security.md) and is not looked for;
- enumerations: their label in locale/<lang>.yaml (a select pattern on
  the person's sex resolved as the layout resolves it);
- dates: "5 March 2024", "March 2024", "2024" in English, by their year
  and day elsewhere; integers: grouped as ICU groups them for the
  language (28,983 / 28 983 / 28.983); countries: the UN name
  (locale/countries.yaml) or ICU's; mandates: their catalog name;
- references: an annex as "Annex N" and its title, a person by name;
- names: the family and given names, the original script and every
  other name, in the copies the person's consent allows.

Text is compared after NFKC, with soft hyphens removed and white space
(line breaks included) taken out, so that a value broken over lines is
found; numbers are compared with their grouping separator kept.  Prints
"ok:" and "FAIL:" lines (a FAIL names the case, language, copy, field
path and the text looked for); exits 0 unless it could not run.

The disclosure classes come from `spcomm forms FORM` (the program's own
reading of forms/*.yaml, with the classes a field inherits); the case
is read with PyYAML's BaseLoader (every scalar a string, as the case
loader reads them).
"""
import ctypes
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata

import yaml

SPCOMM, SRC, WORK, LANGS = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
CASES = sys.argv[5:]
COPIES = ("full", "government", "public")
ALLOWED = {"full": {"SRC", "GOV", "PUB"}, "government": {"GOV", "PUB"}, "public": {"PUB"}}
# how ICU groups digits per language (grouping separator; minimum digits
# before grouping applies: CLDR's minimumGroupingDigits, 2 for Spanish)
GROUPING = {"en": (",", 1), "fr": ("\u202f", 1), "es": (".", 2), "ru": ("\u00a0", 1),
            "zh": (",", 1), "ar": (",", 1)}
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]

results = []


def ok(msg):
    results.append("ok: " + msg)


def fail(msg):
    results.append("FAIL: " + msg)

# ---------------------------------------------------------------- data


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.BaseLoader)


CATALOGS = {}


def catalog(lang):
    if lang not in CATALOGS:
        CATALOGS[lang] = load_yaml(os.path.join(SRC, "locale", lang + ".yaml"))
    return CATALOGS[lang]


COUNTRIES = load_yaml(os.path.join(SRC, "locale", "countries.yaml"))
MANDATES = load_yaml(os.path.join(SRC, "forms", "mandates.yaml"))["mandates"]
COMMON = load_yaml(os.path.join(SRC, "forms", "common.yaml"))
BLOCKS = set(COMMON["blocks"])
TOP = set(COMMON["top"])


def icu_country(code, lang):
    libs = sorted(glob.glob("/usr/lib/*/libicuuc.so.[0-9]*"))
    if not libs:
        return None
    lib = ctypes.CDLL(libs[0])
    ver = libs[0].rsplit(".so.", 1)[1].split(".")[0]
    f = getattr(lib, "uloc_getDisplayCountry_" + ver)
    buf = (ctypes.c_uint16 * 256)()
    err = ctypes.c_int(0)
    n = f(("und_" + code).encode(), lang.encode(), buf, 256, ctypes.byref(err))
    return bytes(bytearray(buf)[: n * 2]).decode("utf-16-le") if err.value <= 0 else None


def country_name(code, lang):
    un = COUNTRIES.get(code, {})
    return un.get(lang) or icu_country(code, lang)


def refs_of_forms():
    """field name -> the list it refers to ('/attachments'), from forms/."""
    out = {}

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if isinstance(v, dict) and "refs" in v:
                    out[k] = v["refs"].lstrip("/")
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    for f in glob.glob(os.path.join(SRC, "forms", "*.yaml")):
        walk(load_yaml(f))
    return out


REFS = refs_of_forms()

SCHEMAS = {}
LINE = re.compile(r"^(\S+)\s+(SRC|GOV|PUB)\s+(.*?), (required|optional|recommended)\b")


def schema(form):
    """path -> (class, type) as `spcomm forms FORM` prints them."""
    if form not in SCHEMAS:
        out = subprocess.run([SPCOMM, "forms", form], capture_output=True, text=True,
                             check=True).stdout
        s = {}
        for line in out.splitlines():
            m = LINE.match(line)
            if m:
                t = re.sub(r", at (least|most) \d+", "", m.group(3).replace(" (translatable)", ""))
                s[m.group(1)] = (m.group(2), t)
        SCHEMAS[form] = s
    return SCHEMAS[form]


def block_of(t):
    t = t[len("list of "):] if t.startswith("list of ") else t
    return t if t in BLOCKS else None


def label_key(form, path):
    """The catalog key of a field: top.X or FORM.X at the top, BLOCK.X
    inside a block, PARENT.X inside a record (form.c's label keys)."""
    parts = path.replace("[]", "").split(".")
    sch = schema(form)
    key = None
    sofar = ""
    for i, p in enumerate(parts):
        sofar = p if i == 0 else sofar + "." + p
        if i == 0:
            key = ("top." if p in TOP else form + ".") + p
        else:
            key = prefix + "." + p
        # what the members of this field are keyed by
        t = None
        for cand in (sofar, sofar + "[]"):
            for k, v in sch.items():
                if k.replace("[]", "") == cand.replace("[]", ""):
                    t = v[1]
                    break
            if t:
                break
        b = block_of(t) if t else None
        prefix = b if b else key
    return key

# ---------------------------------------------------------------- formatting


def norm(s):
    s = unicodedata.normalize("NFKC", s).replace("\u00ad", "")
    # pdftotext joins a word broken at its hyphen without the hyphen
    return re.sub(r"[\s\-\u2010\u2011]+", "", s)


def norm_spaces(s):
    """NFC, runs of white space (no-break ones too) as one space: the
    grouping separator of French and Russian is a space, and must be there."""
    s = unicodedata.normalize("NFC", s)
    # pdftotext writes the narrow no-break space as a space
    return re.sub(r"[ \t\r\n\u00a0\u202f]+", " ", s)


def number(n, lang):
    sep, min_group = GROUPING[lang]
    s = str(abs(int(n)))
    if len(s) >= 4 + (min_group - 1):
        g = []
        while len(s) > 3:
            g.insert(0, s[-3:])
            s = s[:-3]
        g.insert(0, s)
        s = sep.join(g)
    return ("-" if int(n) < 0 else "") + s


def simple_pattern(pat, args=(), sex=None):
    """A catalog pattern with string arguments and select arguments."""
    def sel(m):
        body = m.group(2)
        cases = dict(re.findall(r"(\w+)\s*\{([^{}]*)\}", body))
        return cases.get(sex or "other", cases.get("other", ""))
    # a select on the sex of the person the value is about (layout.c
    # subject_sex): any other sex, or none, takes `other`
    pat = re.sub(r"\{(\d+),\s*select,((?:[^{}]|\{[^{}]*\})*)\}", sel, pat)
    for i, a in enumerate(args):
        pat = pat.replace("{%d}" % i, a)
    return pat.replace("''", "'")


def date_forms(v, lang):
    """What must be found of a date: in English the whole formatted date,
    elsewhere its year and day (by parts)."""
    core = v.rstrip("~?")
    parts = core.split("-")
    y = parts[0]
    if lang == "en":
        if len(parts) == 1:
            return [y]
        m = MONTHS_EN[int(parts[1]) - 1]
        if len(parts) == 2:
            return ["%s %s" % (m, y)]
        return ["%d %s %s" % (int(parts[2]), m, y)]
    out = [y]
    if len(parts) == 3 and lang != "zh":
        out.append(str(int(parts[2])))
    return out

# ---------------------------------------------------------------- the case


def text_in(v, lang, case_lang):
    """A translatable value: its text in lang, else the original."""
    if isinstance(v, dict):
        return v.get(lang) or v.get(case_lang) or next(iter(v.values()), "")
    return v


def person_paths(form):
    return [p for p, (c, t) in schema(form).items() if block_of(t) == "person"]


def persons(case, form):
    """(value, path) of every person block of the case."""
    out = []
    for p in person_paths(form):
        key = p.replace("[]", "")
        if "." in key:
            continue
        v = case.get(key)
        if isinstance(v, list):
            out += [(x, p) for x in v if isinstance(x, dict)]
        elif isinstance(v, dict):
            out.append((v, p))
    return out


def name_shown(person, copy):
    c = person.get("consent") or {}
    if copy == "full":
        return "full"
    if copy == "government":
        return "full" if c.get("share_name_with_government") == "yes" else "withheld"
    return {"full_name": "full", "initials": "initials"}.get(c.get("publish_name"), "withheld")


def name_words(n):
    out = []
    if not isinstance(n, dict):
        return out
    for k in ("family", "given"):
        out += (n.get(k) or "").split()
    o = n.get("original") or {}
    for k in ("family", "given"):
        out += (o.get(k) or "").split()
    for x in n.get("other") or []:
        out += x.split()
    return out


def withheld_words(case, form, copy):
    words = set()
    for p, _ in persons(case, form):
        if name_shown(p, copy) != "full":
            # each word of two letters or more, as the gate's matcher
            # splits them ("Al" of "Al-Haddad": docs/security.md)
            words |= {w.casefold() for n in name_words(p.get("name"))
                      for w in re.findall(r"\w+", n) if len(w) >= 2}
    return words


def names_withheld(text, words):
    t = unicodedata.normalize("NFKC", text).casefold()
    toks = set(re.findall(r"\w+", t))
    return any(w in toks or (not w.isascii() and w in t) for w in words)


def strip_footers(text, lang):
    """The text without the footer of each page (case id, copy, page
    number), which pdftotext puts inside a paragraph running over a page."""
    cat = catalog(lang)
    marks = [re.escape(cat[k]) for k in ("doc.copy.full", "doc.copy.government", "doc.copy.public")]
    page = re.escape(cat["doc.page"]).replace(r"\{0\}", r"\d+").replace(r"\{1\}", r"\d+")
    foot = re.compile(r"^(.* \u00b7 (%s)|%s)$" % ("|".join(marks), page))
    return "\n".join(l for l in text.splitlines() if not foot.match(l.strip("\f")))


class Doc:
    def __init__(self, text):
        self.raw = norm_spaces(text)
        self.flat = norm(text)

    def has(self, s):
        return norm(s) in self.flat

    def has_exact(self, s):
        return norm_spaces(s) in self.raw


def expectations(case, form, lang, copy):
    """(path, kind, string) the copy must show; kind 'flat' or 'exact'."""
    sch = schema(form)
    cat = catalog(lang)
    case_lang = case.get("language", "en")
    withheld = withheld_words(case, form, copy)
    allowed = ALLOWED[copy]
    out = []
    skipped = []

    def want(path, s, kind="flat"):
        if s:
            out.append((path[:-2] if path.endswith("[]") else path, kind, s))

    def gated(path, s):
        if copy != "full" and names_withheld(s, withheld):
            skipped.append(path)
            return True
        return False

    def ref_target(field, value):
        lst = case.get(REFS.get(field, ""), [])
        for i, it in enumerate(lst if isinstance(lst, list) else []):
            if isinstance(it, dict) and it.get("id") == value:
                return i, it
        return None, None

    def walk(v, path, person, sex, ent=None):
        ent = ent or sch.get(path)
        if ent is None:
            fail("%s: %s is not in `spcomm forms %s`" % (case.get("id"), path, form))
            return
        cls, t = ent
        last = path.replace("[]", "").split(".")[-1]
        blk = block_of(t)
        if blk == "person" and isinstance(v, dict):
            person, sex = v, v.get("sex")
        if isinstance(v, list):
            # an item: the list's class, and its item type
            item = (cls, t[len("list of "):] if t.startswith("list of ") else t)
            for x in v:
                walk(x, path + "[]", person, sex, item)
            return
        if isinstance(v, dict) and blk == "name" and not t.startswith("list"):
            # a person's own name follows the consent; any other name its class
            own = person is not None and path.endswith(".name") and \
                path[: -len(".name")] in {q for p in person_paths(form) for q in (p, p + "[]")}
            shown = name_shown(person, copy) if own else None
            if shown is None:
                if cls not in allowed:
                    return
                shown = "full"
            if shown != "full":
                return
            for part in ("family", "given"):
                want(path + "." + part, v.get(part))
            for part in ("family", "given"):
                want(path + ".original." + part, (v.get("original") or {}).get(part))
            for x in v.get("other") or []:
                want(path + ".other", x)
            return
        if isinstance(v, dict) and blk == "attachment" and v.get("disclosure") not in allowed:
            return   # an annex follows its own disclosure
        if isinstance(v, dict) and t not in ("string", "text"):
            for k, x in v.items():
                walk(x, path + "." + k, person, sex)
            return
        if cls not in allowed or v in ("", None):
            return
        if NOT_PRINTED.search(path):
            return
        if t in ("string", "text"):
            s = text_in(v, lang, case_lang)
            for para in re.split(r"\n\s*\n", s):
                if para.strip() and not gated(path, para):
                    want(path, para)
        elif t.startswith("one of") or t == "enum":
            key = label_key(form, path) + "." + v
            pat = cat.get(key)
            if pat is None:
                fail("%s: %s: no catalog key %s in %s" % (case.get("id"), path, key, lang))
            else:
                want(path, simple_pattern(pat, (), sex))
        elif t in ("date", "pdate"):
            for s in date_forms(v, lang):
                want(path, s)
        elif t == "int":
            want(path, number(v, lang), "exact")
        elif t == "country":
            want(path, country_name(v, lang))
        elif t == "mandate":
            m = MANDATES.get(v)
            # the catalog key is mandate.<key> unless the entry names one
            want(path, cat.get(m.get("name", "mandate." + v)) if m else v)
        elif t in ("bool", "tri"):
            key = {"true": "doc.yes", "false": "doc.no", "yes": "doc.yes", "no": "doc.no"}.get(v, "doc.unknown")
            want(path, cat.get(key))
        elif t == "ref":
            i, it = ref_target(last, v)
            if it is None:
                want(path, v)
            elif "disclosure" in it:
                if it.get("disclosure") in allowed:
                    want(path, simple_pattern(cat.get("doc.annex_ref", "{0}"), (str(i + 1), "")).split("(")[0].strip())
                    want(path, text_in(it.get("title", ""), lang, case_lang))
            elif name_shown(it, copy) == "full":
                # a reference prints the name, not the other names
                n = dict(it.get("name") or {}, other=[])
                for w in name_words(n):
                    want(path, w)
        elif t in ("email", "time", "lang"):
            want(path, v)
        else:
            want(path, v)

    # a label outside a person agrees with the case's persons when they
    # all have the same sex (layout.c subject_sex)
    sexes = {p.get("sex", "") for p, _ in persons(case, form)}
    one_sex = sexes.pop() if len(sexes) == 1 else None
    for k, v in case.items():
        walk(v, k, None, one_sex)
    return out, skipped

# ---------------------------------------------------------------- running


def render(path, outdir, lang):
    os.makedirs(outdir, exist_ok=True)
    r = subprocess.run([SPCOMM, "render", "--force", "-d", outdir, "-l", lang, "--copy", "full",
                        "--copy", "government", "--copy", "public", path],
                       capture_output=True, text=True,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="1790000000"))
    if r.returncode != 0:
        return None, r.stderr
    files = r.stdout.split()
    docs = {}
    for copy in COPIES:
        suffix = "" if copy == "full" else "." + copy
        pdf = [f for f in files if f.endswith(".%s%s.pdf" % (lang, suffix))]
        if not pdf:
            return None, "no %s copy in %s" % (copy, files)
        t = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf[0], "-"], capture_output=True,
                           text=True, check=True).stdout
        docs[copy] = Doc(strip_footers(t, lang))
    return docs, ""


# fields that are no fact to print: keys the file uses to link items, the
# format version, the form (its title says it), the order of a name's parts
# (the name is printed in it), an annex's file and disclosure (they decide
# what is sent, and to whom)
NOT_PRINTED = re.compile(r"(^|\.)(id|order)$|^(spcomm|form)$|attachments\[\]\.(file|disclosure)$")

seen = {}


def coverage():
    """With COVERAGE=1 (generated cases): every leaf of every form that was
    rendered has been looked for in some full copy."""
    for form, paths in sorted(seen.items()):
        leaves = [p for p, (c, t) in schema(form).items()
                  if not any(q.startswith(p + ".") or q.startswith(p + "[].")
                             for q in schema(form)) and not NOT_PRINTED.search(p)]
        missing = [p for p in leaves if p not in paths]
        for p in missing:
            fail("%s: %s is in no generated case (or never looked for)" % (form, p))
        if not missing:
            ok("%s: all %d fields of the form looked for" % (form, len(leaves)))


def main():
    total = 0
    for path in CASES:
        case = load_yaml(path)
        base = os.path.splitext(os.path.basename(path))[0]
        form = case.get("form")
        langs = [case.get("language", "en") if l == "case" else l for l in LANGS.split(",")]
        for lang in dict.fromkeys(langs):
            docs, err = render(path, os.path.join(WORK, base, lang), lang)
            if docs is None:
                fail("%s.%s: render failed: %s" % (base, lang, err.strip()))
                continue
            for copy in COPIES:
                exp, skipped = expectations(case, form, lang, copy)
                if copy == "full":
                    seen.setdefault(form, set()).update(p for p, _, _ in exp)
                missing = 0
                for p, kind, s in exp:
                    found = docs[copy].has_exact(s) if kind == "exact" else docs[copy].has(s)
                    if not found:
                        missing += 1
                        fail("%s.%s.%s: %s: not found: %s" % (base, lang, copy, p,
                                                             json.dumps(s[:80], ensure_ascii=False)))
                total += len(exp)
                if missing == 0:
                    ok("%s.%s.%s: all %d values found (%d withheld by consent)"
                       % (base, lang, copy, len(exp), len(skipped)))
    if os.environ.get("COVERAGE") == "1":
        coverage()
    print("\n".join(results))
    print("values looked for: %d" % total)


main()
