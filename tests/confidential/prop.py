#!/usr/bin/env python3
"""prop.py - the confidentiality properties over gen.py's cases.

    prop.py SPCOMM SRCDIR WORKDIR

Prints one `ok: ...` or `FAIL: ...` line per property checked (the
caller, tests/cli/confidential.sh, counts them) and `known: ...` for a
product failure listed in KNOWN below (reported, not counted).

- source cases: `spcomm check` must refuse each with source-in-narrative;
- victim cases: check accepts them, `spcomm batch --copy government
  --copy public` renders them, and the name is in none of the copies it
  may not reach: in the text pdftotext extracts, the text Ghostscript's
  txtwrite extracts, the decompressed file (hex UTF-16 strings of the TJ
  arrays joined and decoded, and the plain bytes: metadata), the output
  file names and the manifest lines of those copies;
- legit cases: check accepts them (exit 0, no source-in-narrative) and
  the copies show what consent allows.

Every text is normalised the way match.c reads one (NFKC, case folding,
default-ignorable characters and combining marks removed, whitespace
collapsed), so that an obfuscated secret that reached a PDF is found; a
self-test renders full copies of obfuscated cases and requires the secret
in all three views, so that the search can fail.
"""
import concurrent.futures as cf
import glob
import json
import os
import time
import re
import subprocess
import sys
import unicodedata
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import gen  # noqa: E402

SPCOMM, SRC, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
JOBS = 2

# Known product failures (docs/ bug reports): (group, kind, obfuscation,
# field kind) with None as a wildcard.  A matching case is reported as
# `known:` and not counted; one that no longer fails is a FAIL (remove it).
KNOWN = [
    # none: the phone next to Chinese characters and the letters with a
    # stroke (Đ) it found are fixed in match.c
]
known_seen = set()


def known(e):
    """Whether entry e (a case, or one placement of a victim case) is a
    known failure."""
    pl = e.get("placements") or [[None, e.get("obfuscation"), None, e.get("field_kind")]]
    for g, k, o, f in KNOWN:
        if g in (None, e["group"]) and k in (None, e.get("kind")) and all(
                o in (None, p[1]) and f in (None, p[3]) for p in pl):
            known_seen.add((g, k, o, f))
            return True
    return False


def describe(e):
    pl = e.get("placements")
    if not pl:
        return "%s in %s" % (e.get("obfuscation"), e.get("fields", ["?"])[0])
    if len(pl) == 1:
        return "%s in %s%s" % (pl[0][1], pl[0][0], "." + pl[0][2] if pl[0][2] else "")
    return "%d placements" % len(pl)


results = {"ok": 0, "FAIL": 0, "known": 0}


T0 = time.time()


def phase(what):
    print("# %5.1f s: %s" % (time.time() - T0, what), flush=True)


def say(kind, msg):
    results[kind] += 1
    print("%s: %s" % (kind, msg), flush=True)

# ---------------------------------------------------------------- normalising


# letters with a stroke have no decomposition: read "Đức" as "Duc" too
STROKES = str.maketrans({"đ": "d", "ø": "o", "ł": "l", "ħ": "h", "ŧ": "t", "ƀ": "b", "ɨ": "i"})


def norm(t):
    t = unicodedata.normalize("NFKD", t)
    t = "".join(c for c in t if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
                and c != "\u0640")
    t = unicodedata.normalize("NFKC", t).casefold()
    t = unicodedata.normalize("NFKC", t).translate(STROKES)
    t = re.sub(r"(\w)-\s+(\w)", r"\1\2", t)      # a word hyphenated at a line end
    return re.sub(r"\s+", " ", t).strip()


def dense(t):
    return "".join(c for c in t if c.isalnum())


def is_dense_script(s):
    return any("\u3040" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in s)


def fell_back(e, lang, text):
    """Whether a translation into lang placed by entry e gave way to its
    original: the gate cannot read a Chinese text for a name the case
    gives in no Han form (docs/security.md, "Scripts"), and prints the
    original, which the base case has clean, instead of a withheld note.
    The first words of that original are then in the copy's text."""
    base = gen.BASES[e["form"]]()
    for p in e["placements"]:
        if p[2] != lang:
            continue
        path = [int(k) if k.isdigit() else k for k in p[0].split(".")]
        first = gen.plain_of(gen.get(base, path)).strip().split("\n")[0].split()[:5]
        if first and found(" ".join(first), text):
            return True
    return False


def found(secret, text):
    """Whether secret, read as words, is in the normalised text; a secret
    in a script without spaces anywhere in its letters; a long one also
    with every non-letter left out."""
    s = norm(secret)
    if is_dense_script(s):
        return dense(s) in dense(text)
    if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
        return True
    # separators written differently (an address, a phone, an e-mail)
    ds = dense(s)
    return len(ds) >= 8 and ds in dense(text)

# ---------------------------------------------------------------- the views


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def view_pdftotext(pdf):
    return norm(run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout.decode("utf-8", "replace"))


# A string in a content stream: a literal "(...)" (spcomm escapes every
# parenthesis in one) or a hex "<...>"; a TJ array is strings and numbers.
STRING = rb"\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>"
TJ_ARRAY = re.compile(rb"\[((?:" + STRING + rb"|[-0-9.\s])*)\]\s*TJ|(" + STRING + rb")\s*Tj", re.S)
ESCAPE = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\n": b""}


def string_bytes(tok):
    """The bytes a string token (literal or hex) stands for."""
    if tok.startswith(b"<"):
        h = re.sub(rb"\s", b"", tok[1:-1])
        return bytes.fromhex(h.decode()) if len(h) % 2 == 0 else b""
    return re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8) & 255])
                  if re.fullmatch(rb"[0-7]+", m.group(1)) else ESCAPE.get(m.group(1), m.group(1)),
                  tok[1:-1], flags=re.S)


def view_raw(pdf):
    """The decompressed file: plain bytes (metadata), every hex string
    (/ActualText too) and the strings of the TJ arrays, each array's joined
    (a name kerned apart stays one word), decoded as UTF-16."""
    data = open(pdf, "rb").read()
    parts = [data]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompress(m.group(1)))
        except zlib.error:
            pass
    texts = []
    for part in parts[1:]:
        for m in TJ_ARRAY.finditer(part):
            b = b"".join(string_bytes(t.group(0))
                         for t in re.finditer(STRING, m.group(2) if m.group(1) is None else m.group(1), re.S))
            if len(b) % 2 == 0:
                texts.append(b.decode("utf-16-be", "replace"))
    allb = b"\n".join(parts)
    for h in re.findall(rb"<([0-9a-fA-F]{4,})>", allb):
        if len(h) % 4 == 0:
            texts.append(bytes.fromhex(h.decode()).decode("utf-16-be", "replace"))
    return norm(allb.decode("latin-1") + " " + allb.decode("utf-8", "replace") + " " + " ".join(texts))


def views_gs(pdfs, outdir):
    """txtwrite over many files in one Ghostscript run (its page counter
    runs on across files): the text of each."""
    os.makedirs(outdir, exist_ok=True)
    npages = []
    for p in pdfs:
        m = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", open(p, "rb").read())
        if not m:
            m = re.findall(rb"/Count\s+(\d+)", open(p, "rb").read())
        npages.append(max(int(x) for x in m))
    run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=txtwrite",
         "-sOutputFile=" + os.path.join(outdir, "p%06d.txt")] + pdfs)
    out, page = {}, 1
    for p, n in zip(pdfs, npages):
        t = []
        for i in range(page, page + n):
            f = os.path.join(outdir, "p%06d.txt" % i)
            t.append(open(f, encoding="utf-8", errors="replace").read() if os.path.exists(f) else "")
        page += n
        out[p] = norm(" ".join(t))
    return out


def extract(pdfs):
    """{pdf: {view: normalised text}} for every pdf."""
    pdfs = sorted(set(pdfs))
    res = {p: {} for p in pdfs}
    with cf.ThreadPoolExecutor(JOBS) as ex:
        chunks = [pdfs[i:i + 40] for i in range(0, len(pdfs), 40)]
        gs_f = [ex.submit(views_gs, ch, os.path.join(WORK, "gs%d" % i)) for i, ch in enumerate(chunks)]
        pt = {p: ex.submit(view_pdftotext, p) for p in pdfs}
        for p in pdfs:
            res[p]["pdftotext"] = pt[p].result()
            res[p]["raw"] = view_raw(p)
        for f in gs_f:
            for p, t in f.result().items():
                res[p]["gs"] = t
    return res

# ---------------------------------------------------------------- spcomm


def check(files, cwd):
    """{file: [diagnostics]} and the exit status, in chunks."""
    diags = {f: [] for f in files}
    for i in range(0, len(files), 800):
        r = run([SPCOMM, "check", "--format", "json"] + files[i:i + 800], cwd=cwd)
        # JSON Lines on standard output (spcomm(1), --format)
        for line in r.stdout.decode("utf-8", "replace").splitlines():
            try:
                d = json.loads(line)
            except ValueError:
                continue
            diags.setdefault(d.get("file"), []).append(d)
    return diags


def errors(ds):
    return [d for d in ds if d.get("severity") == "error"]


def batch(files, cwd, outdir, langs=None, copies=("government", "public")):
    os.makedirs(outdir, exist_ok=True)
    cmd = [SPCOMM, "batch", "-j", str(JOBS), "-d", outdir]
    for c in copies:
        cmd += ["--copy", c]
    if langs:
        cmd += ["-l", ",".join(langs)]
    run(cmd + files, cwd=cwd)
    lines = {}
    for l in open(os.path.join(outdir, "manifest.jsonl"), encoding="utf-8"):
        d = json.loads(l)
        if "run" in d:
            continue  # the line a run starts with (manifest.h)
        lines.setdefault(os.path.basename(d["input"]), []).append((d, l))
    return lines

def leak_where(e, path, line, texts):
    """Where entry e's secret is in one document: its views, its file
    name, its manifest line (less the input path)."""
    where = [v for v in ("pdftotext", "gs", "raw") if found(e["secret"], texts[path][v])]
    if found(e["secret"], norm(os.path.basename(path))):
        where.append("file name")
    d = json.loads(line)
    d.pop("input", None)
    if found(e["secret"], norm(json.dumps(d, ensure_ascii=False))):
        where.append("manifest")
    return where


def leaks_of(e, outs, texts):
    """{(file, copy, lang): where} for entry e's documents outs."""
    res = {}
    for copy, lang, path, line, status in outs:
        where = leak_where(e, path, line, texts)
        if where:
            res[(e["file"], copy, lang)] = where
    return res


def narrow(leaks, cases):
    """The leaks, a victim case of several placements narrowed down to
    the placements that leak alone (each rendered as its own case)."""
    out = []
    single = []
    for key, (e, path, where) in sorted(leaks.items()):
        if e["group"] != "victim" or len(e["placements"]) == 1:
            out.append((e, key, where))
            continue
        for i, p in enumerate(e["placements"]):
            c = gen.victim_case(e["form"], e["kind"], e["target"], [p])
            fn = "%s-p%02d.yaml" % (e["file"][:-5], i)
            c["id"] = "%s-p%02d" % (c["id"] if p[3] == "case-id" else "narrow-" + e["file"][:5], i)
            if not os.path.exists(os.path.join(cases, fn)):
                open(os.path.join(cases, fn), "w", encoding="utf-8").write(gen.dump(c))
                single.append(dict(e, file=fn, placements=[p], langs=[p[2]] if p[2] else None))
    if single:
        phase("narrowing %d leaking cases down to %d single placements" % (
            len({k[0] for k in leaks}), len(single)))
        mf = {}
        for langs in {tuple(x["langs"] or []) for x in single}:
            sel = [x for x in single if tuple(x["langs"] or []) == langs]
            m = batch([x["file"] for x in sel], cases,
                      os.path.join(WORK, "narrow-" + ("-".join(langs) or "en")), langs=list(langs))
            mf.update(m)
        outs = {}
        for x in single:
            outs[x["file"]] = [(d["copy"], d["lang"], o["path"], line, d["status"])
                               for d, line in mf.get(x["file"], []) for o in d.get("outputs") or []
                               if x["target"] == "government" or d["copy"] == "public"]
        texts = extract([o[2] for v in outs.values() for o in v])
        for x in single:
            for key, where in sorted(leaks_of(x, outs[x["file"]], texts).items()):
                out.append((x, key, where))
    return out


# ---------------------------------------------------------------- main


def main():
    cases = os.path.join(WORK, "cases")
    r = run([sys.executable, os.path.join(HERE, "gen.py"), cases])
    if r.returncode != 0:
        say("FAIL", "gen.py: " + r.stderr.decode())
        return
    plan = json.load(open(os.path.join(cases, "plan.json"), encoding="utf-8"))["cases"]
    by_file = {e["file"]: e for e in plan}
    groups = {g: [e for e in plan if e["group"] == g] for g in ("source", "victim", "legit")}
    print("generated: %d source, %d victim, %d legit cases (seed %s)" % (
        len(groups["source"]), len(groups["victim"]), len(groups["legit"]),
        json.load(open(os.path.join(cases, "plan.json")))["seed"]), flush=True)
    withheld_note = {}
    for lang in ("en", "zh", "ar", "fr"):
        for l in open(os.path.join(SRC, "locale", lang + ".yaml"), encoding="utf-8"):
            if l.startswith("doc.withheld:"):
                withheld_note[lang] = norm(json.loads(l.split(":", 1)[1].strip()))[:12]

    phase("generated")
    diags = check([e["file"] for e in plan], cases)
    phase("checked")

    # -- source: refused, with source-in-narrative
    accepted_sources = []
    agg = {}
    for e in groups["source"]:
        ds = errors(diags.get(e["file"], []))
        key = (e["form"], e["kind"])
        good = any(d["code"] == "source-in-narrative" for d in ds)
        agg.setdefault(key, [0, 0])[0 if good else 1] += 1
        if not good:
            what = "accepted" if not ds else "refused only for " + ",".join(sorted({d["code"] for d in ds}))
            say("known" if known(e) else "FAIL",
                "source %s %s %r (%s) in %s: %s, want source-in-narrative [%s]" % (
                    e["form"], e["kind"], e["secret"], e["obfuscation"], e["fields"][0], what, e["file"]))
            if not ds:
                accepted_sources.append(e)
    for (form, kind), (g, b) in sorted(agg.items()):
        if b == 0:
            say("ok", "source %s %s: %d cases refused with source-in-narrative" % (form, kind, g))
    # the exit status, file by file, for a few
    for e in groups["source"][:: max(1, len(groups["source"]) // 5)]:
        st = run([SPCOMM, "check", e["file"]], cwd=cases).returncode
        if st == 1:
            say("ok", "check %s exits 1" % e["file"])
        else:
            say("FAIL", "check %s exits %d, want 1" % (e["file"], st))

    # -- victim and legit: check accepts them
    for e in groups["victim"]:
        ds = errors(diags.get(e["file"], []))
        if ds:
            say("known" if known(e) else "FAIL", "victim %s %s (%s, %s) refused by check: %s [%s]" % (
                e["form"], e["kind"], describe(e), e["target"],
                ", ".join("%s %s" % (d["path"], d["code"]) for d in ds), e["file"]))
    for e in groups["legit"]:
        ds = diags.get(e["file"], [])
        bad = [d for d in ds if d["severity"] == "error" or
               (d["code"] == "source-name-part" and not e.get("warn"))]
        st = run([SPCOMM, "check", e["file"]], cwd=cases).returncode
        if bad or st != 0:
            say("FAIL", "legit %s refused (exit %d): %s [%s]" % (
                e["name"], st, "; ".join("%s %s: %s" % (d["path"], d["code"], d["message"]) for d in bad),
                e["file"]))
        else:
            say("ok", "legit %s accepted (exit 0, no source-in-narrative)" % e["name"])

    # -- render: victim cases in their languages, the wrongly accepted
    # sources, the legit cases; and full copies of one case per obfuscation
    # (the self-test of the search)
    # a source check missed: rendered too, to say whether it leaks (one
    # case per form, secret and field kind: the property failed already)
    sample = {}
    for e in accepted_sources:
        sample.setdefault((e["form"], e["kind"], e["field_kind"]), e)
    accepted_sources = list(sample.values())
    tr_src = [e for e in accepted_sources if e["field_kind"].startswith("translation-")]
    plain = [e["file"] for e in groups["victim"] if not e.get("langs")] + \
        [e["file"] for e in accepted_sources if e not in tr_src] + \
        [e["file"] for e in groups["legit"]]
    trans = [e["file"] for e in groups["victim"] if e.get("langs")]
    phase("check properties")
    m1 = batch(plain, cases, os.path.join(WORK, "out1"))
    m2 = batch(trans, cases, os.path.join(WORK, "out2"), langs=gen.TRANSLATIONS)
    for la in gen.TRANSLATIONS:
        sel = [e["file"] for e in tr_src if e["field_kind"] == "translation-" + la]
        if sel:
            m2.update(batch(sel, cases, os.path.join(WORK, "out2-" + la), langs=[la]))
    # the self-test: one case per obfuscation, the secret in one GOV text
    selftest = {}
    st_dir = os.path.join(WORK, "selftest")
    os.makedirs(st_dir, exist_ok=True)
    for i, obf in enumerate(gen.OBFUSCATIONS):
        form = list(gen.BASES)[i % len(gen.BASES)]
        kind = "full-name"
        f = next(f for f in gen.FIELDS[form] if f[1] == "text" and f[2] == "GOV")
        pl = [[".".join(map(str, f[0])), obf, None, "gov-text"]]
        c = gen.victim_case(form, kind, gen.valid_target(form, "government"), pl)
        c["id"] = "selftest-%d" % i
        fn = "selftest-%02d.yaml" % i
        open(os.path.join(st_dir, fn), "w", encoding="utf-8").write(gen.dump(c))
        selftest[obf] = {"group": "victim", "file": fn, "kind": kind, "obfuscation": obf,
                         "secret": gen.VICTIM_SECRETS[form][kind], "placements": pl}
    m3 = batch([e["file"] for e in selftest.values()], st_dir, os.path.join(WORK, "out3"),
               copies=("full",))
    phase("rendered")
    manifest = {}
    for m in (m1, m2):
        for f, ls in m.items():
            manifest.setdefault(f, []).extend(ls)

    def outputs(f, mf):
        out = []
        for d, line in mf.get(f, []):
            for o in d.get("outputs") or []:
                out.append((d["copy"], d["lang"], o["path"], line, d["status"]))
        return out

    want = {}        # pdf -> [(entry, secret)]
    for e in groups["victim"] + accepted_sources:
        for copy, lang, path, line, status in outputs(e["file"], manifest):
            if e["group"] == "source" or e["target"] == "government" or copy == "public":
                want.setdefault(path, []).append(e)
    shows = {}
    for e in groups["legit"]:
        for copy, lang, path, line, status in outputs(e["file"], manifest):
            for c, s in e.get("shows", []):
                if c == copy:
                    shows.setdefault(path, []).append((e, s))
    full = {}
    for e in selftest.values():
        for copy, lang, path, line, status in outputs(e["file"], m3):
            full[path] = e
    texts = extract(list(want) + list(shows) + list(full))
    phase("extracted %d documents" % len(texts))

    # the self-test: every view of the full copy shows the obfuscated name
    for path, e in sorted(full.items()):
        got = [v for v in ("pdftotext", "gs", "raw") if found(e["secret"], texts[path][v])]
        if len(got) == 3:
            say("ok", "self-test: %s written %s is found in the full copy in all three views" % (
                e["secret"], e["obfuscation"]))
        else:
            say("FAIL", "self-test: %s written %s is found in the full copy only in: %s [%s]" % (
                e["secret"], e["obfuscation"], " ".join(got) or "none", e["file"]))

    # the property: absent from every copy it may not reach
    leaks = {}
    checked = {}
    for e in groups["victim"] + accepted_sources:
        outs = [o for o in outputs(e["file"], manifest)
                if e["group"] == "source" or e["target"] == "government" or o[0] == "public"]
        if errors(diags.get(e["file"], [])):
            continue
        if not outs or any(o[4] != "ok" for o in outs):
            say("FAIL", "%s %s (%s): not rendered: %s [%s]" % (
                e["group"], e["kind"], describe(e),
                [o[4] for o in outs] or "no output", e["file"]))
            continue
        for copy, lang, path, line, status in outs:
            where = leak_where(e, path, line, texts)
            # not vacuous: the copy withheld something (or replaced the id)
            if e["group"] == "victim":
                if e["placements"][0][3] == "case-id":
                    if not os.path.basename(path).startswith("case-"):
                        where.append("(id not replaced by case-<hex>)")
                elif lang != "ar" and withheld_note[lang] not in texts[path]["pdftotext"] and \
                        not fell_back(e, lang, texts[path]["pdftotext"]):
                    # (pdftotext gives Arabic in visual order: not checked)
                    where.append("(no withheld note: nothing was placed?)")
            key = (e["file"], copy, lang)
            checked[key] = e
            if where:
                leaks[key] = (e, path, where)
    for e, key, where in narrow(leaks, cases):
        say("known" if known(e) else "FAIL",
            "%s %s %s %r (%s, consent %s) in the %s copy (%s): found in %s [%s]" % (
                e["group"], e["form"], e["kind"], e["secret"], describe(e), e.get("target", "-"),
                key[1], key[2], ", ".join(where), e["file"]))
    agg = {}
    for key, e in checked.items():
        if key not in leaks:
            k = (e["group"], e["kind"], key[1])
            agg[k] = agg.get(k, 0) + 1
    for (g, kind, copy), n in sorted(agg.items()):
        say("ok", "%s %s: absent from %d %s copies (3 views, file name, manifest)" % (g, kind, n, copy))

    # legit: the copies show what consent allows
    for path, lst in sorted(shows.items()):
        for e, s in lst:
            got = [v for v in ("pdftotext", "gs", "raw") if found(s, texts[path][v])]
            if len(got) == 3:
                say("ok", "legit %s: %s copy shows %r" % (e["name"], os.path.basename(path).split(".")[-2], s))
            else:
                say("FAIL", "legit %s: %s lacks %r (found in: %s) [%s]" % (
                    e["name"], os.path.basename(path), s, " ".join(got) or "none", e["file"]))

    # coverage: every secret kind x obfuscation x field kind
    cov = {}
    for e in plan:
        if e["group"] == "legit":
            continue
        for p in e.get("placements") or [[None, e["obfuscation"], None, e["field_kind"]]]:
            cov.setdefault(e["group"], set()).add((e["kind"], p[1], p[3]))
    for g, s in sorted(cov.items()):
        kinds = {k for k, _, _ in s}
        obfs = {o for _, o, _ in s}
        fks = {f for _, _, f in s}
        print("coverage: %s: %d secret kinds x %d obfuscations x %d field kinds: %d combinations" % (
            g, len(kinds), len(obfs), len(fks), len(s)))


if __name__ == "__main__":
    main()
    for k in KNOWN:
        if k not in known_seen:
            say("FAIL", "known failure %r did not happen: remove it from KNOWN in %s" % (
                k, os.path.basename(__file__)))
    print("prop.py: %d ok, %d FAIL, %d known" % (results["ok"], results["FAIL"], results["known"]))
