#!/usr/bin/python3
"""spcomm benchmark: spcomm and its peers on the same synthetic cases, in one run.

Run through bench/run.sh (see bench/README.md).  Builds nothing.  Prints a
Markdown report to stdout and writes it to bench/results-latest.md.
"""
import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PY = "/usr/bin/python3"          # Debian's python3: python3-reportlab, weasyprint, python3-yaml, python3-icu
TIME = "/usr/bin/time"


def log(msg):
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {msg}\n")
    sys.stderr.flush()


def timed(cmd, **kw):
    """Run cmd under /usr/bin/time -v: (wall seconds, peak RSS in KB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.perf_counter()
        p = subprocess.run([TIME, "-v", "-o", tf.name] + cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, **kw)
        wall = time.perf_counter() - t0
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", tf.read()).group(1))
    if p.returncode not in (0,):
        log(f"warning: {' '.join(cmd[:3])}... exited {p.returncode}: {p.stderr.strip()[-300:]}")
    return wall, rss, p.stdout


def pdfs(d):
    return {f: os.path.join(d, f) for f in os.listdir(d) if f.endswith(".pdf")}


def pages(path):
    out = subprocess.run(["pdfinfo", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def text_chars(path):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode("utf-8", "replace")
    return len(re.sub(r"\s+", "", out))


def fresh(d):
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def gen(n, outdir, seed):
    subprocess.run([sys.executable, os.path.join(HERE, "gen_cases.py"), str(n), outdir, "--seed", str(seed),
                    "--annexes"], check=True)


REPEAT = 1


def best(fn):
    """Run fn() REPEAT times: the fastest wall time, the largest peak RSS (the machine may be shared)."""
    runs = [fn() for _ in range(REPEAT)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def spcomm_batch(spcomm, cases, out, j, repeat=True):
    def once():
        fresh(out)
        wall, rss, _ = timed([spcomm, "batch", "-d", out, "-j", str(j), cases])
        return wall, rss
    return best(once) if repeat else once()


def peer(script, out, args):
    def once():
        fresh(out)
        wall, rss, _ = timed([PY, os.path.join(HERE, script), "-d", out] + args)
        return wall, rss
    return best(once)


def kb(x):
    return f"{x / 1024:.1f} KB"


def fmt_ratio(a, b):
    return f"{a / b:.2f}×" if b else "n/a"


# A word: a Han character (Chinese is written without spaces, and each
# tool breaks its lines elsewhere), or a run of other letters and digits.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(f"[{HAN}]|[^\\W{HAN}]+")


def tokens(s):
    return TOKEN.findall(unicodedata.normalize("NFC", s))


def multiset(xs):
    m = {}
    for x in xs:
        m[x] = m.get(x, 0) + 1
    return m


def common(ref, got):
    """How many of ref's items got has too (multisets)."""
    return sum(min(n, got.get(k, 0)) for k, n in ref.items())


def extraction(case, lang, pdf):
    """(words, order) for one PDF: the share of the words of the content
    (bench/peer_content.py's, in the output language, the same for every
    tool) that pdftotext gives back, and the share of the pairs of
    adjacent words within one text (a label, a value, a paragraph) that it
    gives back adjacent and in that order: right-to-left text extracted in
    visual order, or letters extracted as presentation forms, fail both.
    NFC only: a presentation form is not the letter a reader searches for."""
    sys.path.insert(0, HERE)
    import peer_content
    doc = peer_content.build(case, REPO, lang)
    ref_words, ref_pairs = [], []
    for blk in doc.blocks:
        for s in blk[2:]:
            t = tokens(str(s))
            ref_words += t
            ref_pairs += list(zip(t, t[1:]))
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode("utf-8", "replace")
    got = tokens(out)
    rw, rp = multiset(ref_words), multiset(ref_pairs)
    words = common(rw, multiset(got)) / max(1, len(ref_words))
    order = common(rp, multiset(zip(got, got[1:]))) / max(1, len(ref_pairs))
    return words, order


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spcomm", default=os.path.join(REPO, "build-bench/src/spcomm"))
    ap.add_argument("-n", type=int, default=200, help="cases in the main comparison (default 200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--weasyprint", type=int, default=30, help="cases WeasyPrint renders (default 30)")
    ap.add_argument("--pandoc", type=int, default=10, help="cases pandoc+xelatex renders, if installed (default 10; 0: skip)")
    ap.add_argument("--same", type=int, default=100, help="copies of the one 3-page English case (default 100)")
    ap.add_argument("--linearity", default="", help="comma-separated case counts for the linearity check, e.g. 1000,10000")
    ap.add_argument("--scripts", type=int, default=50,
                    help="cases rendered with -l ar and -l zh by spcomm and ReportLab (default 50)")
    ap.add_argument("--scripts-weasyprint", type=int, default=10,
                    help="of those, the cases WeasyPrint renders, and those whose extraction is scored (default 10)")
    ap.add_argument("--cold-runs", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of each spcomm and ReportLab measurement; the fastest is reported (default 3)")
    ap.add_argument("--work", help="work directory (default: a new one under /tmp, removed at the end)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--out", default=os.path.join(HERE, "results-latest.md"))
    a = ap.parse_args()

    global REPEAT
    REPEAT = max(1, a.repeat)
    load0 = os.getloadavg()
    spcomm = os.path.abspath(a.spcomm)
    if not os.access(spcomm, os.X_OK):
        sys.exit(f"bench: no spcomm binary at {spcomm} (build it first, see bench/README.md)")
    work = a.work or tempfile.mkdtemp(prefix="spcomm-bench-")
    os.makedirs(work, exist_ok=True)
    cases = os.path.join(work, "cases")
    log(f"work directory {work}")

    # ---- cases
    fresh(cases)
    gen(a.n, cases, a.seed)
    yamls = sorted(f for f in os.listdir(cases) if f.endswith(".yaml"))
    sample = [os.path.join(cases, f) for f in yamls[:50]]
    chk = subprocess.run([spcomm, "check"] + sample, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    n_err = len(re.findall(r": error: ", chk.stderr))
    log(f"spcomm check on {len(sample)} generated cases: exit {chk.returncode}, {n_err} errors")

    R = {}   # tool -> dict
    # ---- spcomm batch -j1, -j2 (each on a fresh output directory)
    for j in (1, 2):
        log(f"spcomm batch -j{j} over {a.n} cases")
        out = os.path.join(work, f"spcomm-j{j}")
        wall, rss = spcomm_batch(spcomm, cases, out, j)
        R[f"spcomm -j{j}"] = {"wall": wall, "rss": rss, "n": a.n, "dir": out}

    # ---- ReportLab: one Python process over every case
    log(f"ReportLab over {a.n} cases (one process)")
    out = os.path.join(work, "reportlab")
    wall, rss = peer("peer_reportlab.py", out, [cases])
    R["ReportLab"] = {"wall": wall, "rss": rss, "n": a.n, "dir": out}

    # ---- WeasyPrint: one Python process over a subset
    sub = [os.path.join(cases, f) for f in yamls[:a.weasyprint]]
    log(f"WeasyPrint over {len(sub)} cases (one process)")
    out = fresh(os.path.join(work, "weasyprint"))
    wall, rss, _ = timed([PY, os.path.join(HERE, "peer_weasyprint.py"), "-d", out] + sub)
    R["WeasyPrint"] = {"wall": wall, "rss": rss, "n": len(sub), "dir": out}

    # ---- pandoc + xelatex, if installed: one process per case, two at a time
    have_pandoc = shutil.which("pandoc") and shutil.which("xelatex") and a.pandoc > 0
    if have_pandoc:
        sub_p = [os.path.join(cases, f) for f in yamls[:a.pandoc]]
        log(f"pandoc+xelatex over {len(sub_p)} cases (-j2)")
        out = fresh(os.path.join(work, "pandoc"))
        wall, rss, _ = timed([PY, os.path.join(HERE, "peer_pandoc.py"), "-j", "2", "-d", out] + sub_p)
        R["pandoc+xelatex -j2"] = {"wall": wall, "rss": rss, "n": len(sub_p), "dir": out}

    # ---- sizes, pages, text on the same cases
    def stats(tool, names):
        d = pdfs(R[tool]["dir"])
        sz = [os.path.getsize(d[n]) for n in names if n in d]
        pg = [pages(d[n]) for n in names if n in d]
        return {"mean": statistics.mean(sz) if sz else 0, "median": statistics.median(sz) if sz else 0,
                "pages": statistics.mean(pg) if pg else 0, "count": len(sz),
                "per_page": sum(sz) / sum(pg) if pg and sum(pg) else 0}

    all_names = sorted(pdfs(R["spcomm -j1"]["dir"]))
    n_ok = len(all_names)
    for tool in R:
        R[tool]["rate"] = R[tool]["n"] / R[tool]["wall"]
        R[tool]["own"] = stats(tool, sorted(pdfs(R[tool]["dir"])))

    # pages distribution of spcomm's output
    sp_pages = {n: pages(p) for n, p in pdfs(R["spcomm -j1"]["dir"]).items()}
    dist = {}
    for v in sp_pages.values():
        dist[v] = dist.get(v, 0) + 1

    # ---- one 3-page English case: cold single renders, sizes, and throughput on copies of it
    three_en = [n for n in sorted(sp_pages) if n.endswith(".en.pdf") and sp_pages[n] == 3]
    fixed = None
    for n in three_en:  # one the peers also set on 3 pages, if any
        rl = pdfs(R["ReportLab"]["dir"]).get(n)
        if rl and pages(rl) == 3:
            fixed = n
            break
    fixed = fixed or (three_en[0] if three_en else all_names[0])
    fixed_yaml = os.path.join(cases, fixed.split(".")[0] + ".yaml")
    log(f"fixed case {fixed}: cold renders x{a.cold_runs}")
    cold = []
    cold_dir = fresh(os.path.join(work, "cold"))
    for i in range(a.cold_runs):
        o = os.path.join(cold_dir, f"r{i}.pdf")
        t0 = time.perf_counter()
        subprocess.run([spcomm, "render", "-o", o, fixed_yaml], check=True, stderr=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL)
        cold.append((time.perf_counter() - t0) * 1000)
    cold_ms = statistics.median(cold)

    same = fresh(os.path.join(work, "same"))
    src = open(fixed_yaml, encoding="utf-8").read()
    shutil.copytree(os.path.join(cases, "annexes"), os.path.join(same, "annexes"))
    cid = re.search(r"^id: (\S+)", src, re.M).group(1)
    for i in range(a.same):
        with open(os.path.join(same, f"same-{i:04d}.yaml"), "w", encoding="utf-8") as f:
            f.write(src.replace(f"id: {cid}\n", f"id: same-{i:04d}\n", 1))
    S = {}
    for j in (1, 2):
        log(f"same case x{a.same}: spcomm -j{j}")
        wall, rss = spcomm_batch(spcomm, same, os.path.join(work, f"same-spcomm-j{j}"), j)
        S[f"spcomm -j{j}"] = (a.same / wall, rss, os.path.join(work, f"same-spcomm-j{j}"))
    log(f"same case x{a.same}: ReportLab")
    o = os.path.join(work, "same-reportlab")
    wall, rss = peer("peer_reportlab.py", o, [same])
    S["ReportLab"] = (a.same / wall, rss, o)
    nw = min(a.same, 20)
    log(f"same case x{nw}: WeasyPrint")
    o = fresh(os.path.join(work, "same-weasyprint"))
    wall, rss, _ = timed([PY, os.path.join(HERE, "peer_weasyprint.py"), "-d", o] +
                         [os.path.join(same, f"same-{i:04d}.yaml") for i in range(nw)])
    S["WeasyPrint"] = (nw / wall, rss, o)
    if have_pandoc:
        npd = min(a.same, 6)
        log(f"same case x{npd}: pandoc+xelatex -j2")
        o = fresh(os.path.join(work, "same-pandoc"))
        wall, rss, _ = timed([PY, os.path.join(HERE, "peer_pandoc.py"), "-j", "2", "-d", o] +
                             [os.path.join(same, f"same-{i:04d}.yaml") for i in range(npd)])
        S["pandoc+xelatex -j2"] = (npd / wall, rss, o)
    fixed_size = {}
    for tool, (_, _, d) in S.items():
        p = os.path.join(d, "same-0000.en.pdf")
        if os.path.exists(p):
            fixed_size[tool] = (os.path.getsize(p), pages(p), text_chars(p))

    # ---- Arabic and Chinese: the same cases with -l ar and -l zh; speed,
    # size, and the words pdftotext gives back
    X = {}
    nx = min(a.scripts, len(yamls))
    nq = min(a.scripts_weasyprint, nx)
    sub_x = [os.path.join(cases, f) for f in yamls[:nx]]
    for lang in ("ar", "zh"):
        runs = {}
        log(f"-l {lang}: spcomm batch -j1 over {nx} cases")
        o = os.path.join(work, f"{lang}-spcomm")
        runs["spcomm -j1"] = (nx,) + best(lambda: (fresh(o), timed([spcomm, "batch", "-d", o, "-j", "1", "-l", lang] + sub_x))[1][:2]) + (o,)
        log(f"-l {lang}: ReportLab over {nx} cases")
        o2 = os.path.join(work, f"{lang}-reportlab")
        runs["ReportLab"] = (nx,) + peer("peer_reportlab.py", o2, ["-l", lang] + sub_x) + (o2,)
        log(f"-l {lang}: WeasyPrint over {nq} cases")
        o3 = fresh(os.path.join(work, f"{lang}-weasyprint"))
        wall, rss, _ = timed([PY, os.path.join(HERE, "peer_weasyprint.py"), "-d", o3, "-l", lang] + sub_x[:nq])
        runs["WeasyPrint"] = (nq, wall, rss, o3)
        scored = [os.path.basename(c)[:-5] + f".{lang}.pdf" for c in sub_x[:nq]]
        for tool, (n, wall, rss, d) in runs.items():
            got = pdfs(d)
            names = [x for x in scored if x in got]
            q = [extraction(os.path.join(cases, x.split(".")[0] + ".yaml"), lang, got[x]) for x in names]
            sz = [os.path.getsize(got[x]) for x in names]
            X[(lang, tool)] = {"n": n, "rate": n / wall, "rss": rss, "scored": len(names),
                               "size": statistics.mean(sz) if sz else 0,
                               "pages": statistics.mean(pages(got[x]) for x in names) if names else 0,
                               "words": statistics.mean(w for w, _ in q) if q else 0,
                               "order": statistics.mean(o_ for _, o_ in q) if q else 0}

    # ---- linearity (optional)
    L = []
    for n in [int(x) for x in a.linearity.split(",") if x.strip()]:
        d = fresh(os.path.join(work, f"lin-{n}"))
        log(f"linearity: generating {n} cases")
        gen(n, d, a.seed)
        for j in (1, 2):
            log(f"linearity: spcomm -j{j} over {n} cases")
            od = os.path.join(work, f"lin-{n}-j{j}")
            wall, rss = spcomm_batch(spcomm, d, od, j, repeat=False)
            nout = len(pdfs(od))
            L.append((n, j, nout, wall, n / wall, rss))
            shutil.rmtree(od, ignore_errors=True)
        shutil.rmtree(d, ignore_errors=True)

    # ---- report
    load1 = os.getloadavg()
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no", "src"],
                           stdout=subprocess.PIPE, text=True).stdout.strip()
    cpu = ""
    try:
        cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read()).group(1)
    except (OSError, AttributeError):
        pass
    lines = []
    P = lines.append
    P(f"# spcomm benchmark, {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}")
    P("")
    # the build tree's program takes the data files' trees from the build's
    # trees.bin (src/ytree_image.h), parsing them without it
    trees = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(spcomm))), "trees.bin")
    trees_note = "" if os.path.exists(trees) else \
        " (no trees.bin beside it: it parses the data files on every start; build the target `trees`)"
    P(f"spcomm `{commit}`{' (with uncommitted changes in src/)' if dirty else ''}, binary `{os.path.relpath(spcomm, REPO)}`{trees_note}; "
      f"{os.cpu_count()} CPUs ({cpu}); seed {a.seed}. Load average (1, 5, 15 min) at the start "
      f"{load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f}, at the end {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f} "
      f"(other work on the machine slows the runs, -j2 most). spcomm and ReportLab timings: fastest of {REPEAT} runs; "
      f"WeasyPrint, pandoc and the linearity runs: one run; peak RSS: the largest.")
    P(f"{a.n} generated cases (`spcomm check` on the first {len(sample)}: exit {chk.returncode}, {n_err} errors); "
      f"spcomm wrote {n_ok} PDFs; their pages: " + ", ".join(f"{k} pages: {dist[k]}" for k in sorted(dist)) + ".")
    P("")
    P("## Throughput and memory (mixed cases)")
    P("")
    P("| tool | cases | cases/s | peak RSS | spcomm -j1 ÷ tool | spcomm -j2 ÷ tool |")
    P("| --- | ---: | ---: | ---: | ---: | ---: |")
    r1, r2 = R["spcomm -j1"]["rate"], R["spcomm -j2"]["rate"]
    for tool, v in R.items():
        P(f"| {tool} | {v['n']} | {v['rate']:.1f} | {v['rss'] / 1024:.0f} MB | {fmt_ratio(r1, v['rate'])} | {fmt_ratio(r2, v['rate'])} |")
    P("")
    P("## PDF size on the same cases")
    P("")
    P("Each row compares spcomm's PDFs with the peer's for exactly the cases the peer rendered "
      "(text = characters pdftotext extracts, whitespace removed: the check that the content is the same).")
    P("")
    P("| tool | cases | mean size | median size | mean pages | bytes/page | spcomm mean size ÷ tool | spcomm text ÷ tool text | spcomm pages ÷ tool pages |")
    P("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for tool in R:
        if tool.startswith("spcomm -j2"):
            continue
        names = sorted(pdfs(R[tool]["dir"]))
        t = stats(tool, names)
        s = stats("spcomm -j1", names)
        if tool.startswith("spcomm"):
            P(f"| {tool} | {t['count']} | {kb(t['mean'])} | {kb(t['median'])} | {t['pages']:.2f} | {t['per_page']:.0f} | — | — | — |")
            continue
        sp_txt = sum(text_chars(os.path.join(R['spcomm -j1']['dir'], n)) for n in names[:30])
        tl_txt = sum(text_chars(os.path.join(R[tool]['dir'], n)) for n in names[:30])
        P(f"| {tool} | {t['count']} | {kb(t['mean'])} | {kb(t['median'])} | {t['pages']:.2f} | {t['per_page']:.0f} | "
          f"{fmt_ratio(s['mean'], t['mean'])} (spcomm {kb(s['mean'])}) | {fmt_ratio(sp_txt, tl_txt)} | {fmt_ratio(s['pages'], t['pages'])} |")
    P("")
    P(f"## One 3-page English case (`{fixed.split('.')[0]}`), as in the issue's targets")
    P("")
    P(f"`spcomm render` of this case, cold (a new process each time, {a.cold_runs} runs): "
      f"median **{cold_ms:.1f} ms** (min {min(cold):.1f}, max {max(cold):.1f}).")
    P("")
    P(f"Throughput on {a.same} copies of it (WeasyPrint on {nw}{', pandoc on %d' % npd if have_pandoc else ''}):")
    P("")
    P("| tool | cases/s | peak RSS | PDF size | pages | text chars | spcomm -j1 ÷ tool (speed) | spcomm -j2 ÷ tool (speed) | spcomm size ÷ tool size |")
    P("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    s1, s2 = S["spcomm -j1"][0], S["spcomm -j2"][0]
    ssz = fixed_size.get("spcomm -j1", (0, 0, 0))[0]
    for tool, (rate, rss, _) in S.items():
        size, pg, tc = fixed_size.get(tool, (0, 0, 0))
        P(f"| {tool} | {rate:.1f} | {rss / 1024:.0f} MB | {kb(size)} | {pg} | {tc} | {fmt_ratio(s1, rate)} | "
          f"{fmt_ratio(s2, rate)} | {fmt_ratio(ssz, size) if not tool.startswith('spcomm') else '—'} |")
    P("")
    P("## Arabic and Chinese (`-l ar`, `-l zh`): the same cases")
    P("")
    P(f"The first {nx} generated cases rendered in Arabic and in Chinese (labels, headings, dates and "
      f"countries in the output language; the case's own texts as written), spcomm and ReportLab on all "
      f"{nx}, WeasyPrint on the first {nq}. Size, pages and extraction on those first {nq}, the same for every "
      "tool: **words**, the share of the content's words (bench/peer_content.py's text in that language; a Han "
      "character counts as a word) that `pdftotext` gives back; **order**, the share of pairs of adjacent words "
      "within one label, value or paragraph that come back adjacent and in that order (text extracted in visual "
      "order, or as Arabic presentation forms, fails both). spcomm's summary box is extra text, not counted; "
      "ReportLab 3.6 does not shape Arabic (no joining), WeasyPrint shapes with HarfBuzz.")
    P("")
    P("| language | tool | cases | cases/s | peak RSS | mean size | mean pages | words | order | spcomm -j1 ÷ tool (speed) | spcomm size ÷ tool size |")
    P("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (lang, tool), v in X.items():
        sp = X[(lang, "spcomm -j1")]
        P(f"| {lang} | {tool} | {v['n']} | {v['rate']:.1f} | {v['rss'] / 1024:.0f} MB | {kb(v['size'])} | "
          f"{v['pages']:.2f} | {100 * v['words']:.1f} % | {100 * v['order']:.1f} % | "
          f"{fmt_ratio(sp['rate'], v['rate']) if tool != 'spcomm -j1' else '—'} | "
          f"{fmt_ratio(sp['size'], v['size']) if tool != 'spcomm -j1' else '—'} |")
    if L:
        P("")
        P("## Linearity (spcomm batch)")
        P("")
        P("| cases | -j | PDFs | wall | cases/s | peak RSS |")
        P("| ---: | ---: | ---: | ---: | ---: | ---: |")
        for n, j, nout, wall, rate, rss in L:
            P(f"| {n} | {j} | {nout} | {wall:.1f} s | {rate:.1f} | {rss / 1024:.0f} MB |")
    P("")
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(report)
    if not a.keep and not a.work:
        shutil.rmtree(work, ignore_errors=True)
    elif a.keep:
        log(f"kept {work}")


if __name__ == "__main__":
    main()
