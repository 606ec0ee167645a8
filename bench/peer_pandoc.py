#!/usr/bin/python3
"""Peer renderer: the same case files through pandoc and xelatex (Debian pandoc, texlive-xetex).

    peer_pandoc.py [-j N] [--data-dir DIR] [-l LANG] -d OUTDIR FILE|DIR...

Writes each case as pandoc Markdown (bench/peer_content.py's content: headings,
label/value rows as two-column tables a third/two thirds wide, paragraphs)
and runs `pandoc --pdf-engine=xelatex`, one process per case, N at a time
(default 2).  A4, 20 mm margins, Noto Sans 10 pt through fontspec (xelatex
embeds subsets); runs of Chinese characters in Droid Sans Fallback and of
Arabic in Noto Naskh Arabic; footer with the case id, the copy and
"Page N of M" (fancyhdr, lastpage).
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_content  # noqa: E402

RUNS = re.compile(r"([\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]+)|([\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+)")
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~^&%@])")


def esc(s):
    out, pos = [], 0
    for m in RUNS.finditer(s):
        out.append(MD_SPECIAL.sub(r"\\\1", s[pos:m.start()]))
        out.append(f"`{{\\{'cjk' if m.group(1) else 'arab'} {m.group(0)}}}`{{=latex}}")
        pos = m.end()
    out.append(MD_SPECIAL.sub(r"\\\1", s[pos:]))
    return "".join(out)


def tex_esc(s):
    return re.sub(r"([\\#$%&_{}~^])", r"\\\1", s)


def to_md(doc):
    page = tex_esc(doc.page_fmt).replace("\\{0\\}", "\\thepage{}").replace("\\{1\\}", "\\pageref*{LastPage}")
    head = [
        "---",
        "header-includes: |",
        "  \\usepackage{fancyhdr}",
        "  \\usepackage{lastpage}",
        "  \\newfontfamily\\cjk{Droid Sans Fallback}",
        "  \\newfontfamily\\arab{Noto Naskh Arabic}",
        "  \\pagestyle{fancy}\\fancyhf{}\\renewcommand{\\headrulewidth}{0pt}",
        f"  \\fancyfoot[L]{{\\footnotesize {tex_esc(doc.footer)}}}",
        f"  \\fancyfoot[R]{{\\footnotesize {page}}}",
        "  \\setlength{\\parindent}{0pt}",
        "---",
        "",
    ]
    out, rows = head, []

    def flush():
        if rows:
            out.append("")
            out.append("|   |   |")
            out.append("|:----------|:----------------------|")
            for l, v in rows:
                out.append(f"| {esc(l)} | {esc(v)} |")
            out.append("")
            rows.clear()

    for kind, level, *args in doc.blocks:
        if kind == "row":
            rows.append(args)
            continue
        flush()
        t = esc(args[0])
        if kind == "title":
            out.append(f"\n## {t}\n")
        elif kind == "section":
            out.append(f"\n### {t}\n")
        elif kind in ("banner", "item"):
            out.append(f"\n**{t}**\n")
        elif kind in ("label", "small"):
            out.append(f"\n`{{\\small{{}}`{{=latex}}{t}`}}`{{=latex}}\n")
        else:
            out.append(f"\n{t}\n")
    flush()
    return "\n".join(out)


def render(path, outdir, data_dir, lang=None):
    doc = peer_content.build(path, data_dir, lang)
    case_id = doc.footer.split(" · ")[0]
    out = os.path.join(outdir, f"{case_id}.{doc.lang}.pdf")
    with tempfile.TemporaryDirectory() as tmp:
        md = os.path.join(tmp, "case.md")
        with open(md, "w", encoding="utf-8") as f:
            f.write(to_md(doc))
        p = subprocess.run(["pandoc", md, "-o", out, "--pdf-engine=xelatex", "--columns=20",
                            "-V", "mainfont=Noto Sans", "-V", "geometry:a4paper,margin=20mm",
                            "-V", "fontsize=10pt", "-V", "lang=" + doc.lang],
                           cwd=tmp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode:
            sys.stderr.write(f"{path}: pandoc failed: {p.stderr[-500:]}\n")
    return out


def main():
    peer_content.run_peer("peer_pandoc", render, jobs=True)


if __name__ == "__main__":
    main()
