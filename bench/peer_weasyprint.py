#!/usr/bin/python3
"""Peer renderer: the same case files as HTML typeset by WeasyPrint (Debian weasyprint).

    peer_weasyprint.py [--data-dir DIR] -d OUTDIR FILE|DIR...

One Python process renders every case given: OUTDIR/<id>.<lang>.pdf.  The
content is bench/peer_content.py's; the style sheet mirrors spcomm's layout
(A4, 20 mm margins, Noto Sans 10 pt, label column a third of the width,
footer with the case id, the copy and "Page N of M" from CSS page counters).
The fonts are the same TTF files, loaded with @font-face (Noto Sans
Regular/Bold, then Droid Sans Fallback for Chinese and Noto Naskh Arabic);
WeasyPrint embeds subsets of them.
"""
import html
import os
import sys

import weasyprint

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_content  # noqa: E402

NOTO = "/usr/share/fonts/truetype/noto/"
CSS = f"""
@font-face {{ font-family: "B Noto"; src: url("file://{NOTO}NotoSans-Regular.ttf"); font-weight: normal; }}
@font-face {{ font-family: "B Noto"; src: url("file://{NOTO}NotoSans-Bold.ttf"); font-weight: bold; }}
@font-face {{ font-family: "B Naskh"; src: url("file://{NOTO}NotoNaskhArabic-Regular.ttf"); }}
@font-face {{ font-family: "B Droid"; src: url("file:///usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"); }}
@page {{ size: A4; margin: 20mm 20mm 22mm 20mm;
  @bottom-left {{ content: var(--footer); font: 8pt "B Noto"; }}
  @bottom-right {{ content: var(--page-fmt); font: 8pt "B Noto"; }} }}
html {{ font-family: "B Noto", "B Naskh", "B Droid"; font-size: 10pt; line-height: 1.38; }}
body {{ margin: 0; }}
.small {{ font-size: 8pt; margin: 0; }}
h1 {{ font-size: 15pt; margin: 8pt 0 2pt; }}
.banner {{ font-weight: bold; margin: 0 0 3pt; }}
h2 {{ font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; }}
.item {{ font-weight: bold; margin: 4pt 0 0; break-after: avoid; }}
.label {{ font-size: 9pt; color: #333; margin: 0; break-after: avoid; }}
p {{ margin: 0 0 3pt; }}
table {{ border-collapse: collapse; width: 100%; }}
td {{ vertical-align: top; padding: 0 0 3pt 0; }}
td.l {{ width: 33%; font-size: 9pt; color: #333; padding-right: 10pt; }}
"""


def to_html(doc):
    out = [f'<html lang="{doc.lang}"><head><meta charset="utf-8"></head><body>']
    table_level = None
    for kind, level, *args in doc.blocks:
        if kind != "row" and table_level is not None:
            out.append("</table>")
            table_level = None
        ind = f' style="margin-left:{level * 12}pt"' if level else ""
        if kind == "row":
            if table_level != level:
                if table_level is not None:
                    out.append("</table>")
                out.append(f"<table{ind}>")
                table_level = level
            out.append(f'<tr><td class="l">{html.escape(args[0])}</td><td>{html.escape(args[1])}</td></tr>')
        elif kind == "title":
            out.append(f"<h1>{html.escape(args[0])}</h1>")
        elif kind == "section":
            out.append(f"<h2>{html.escape(args[0])}</h2>")
        else:
            out.append(f'<p class="{kind}"{ind}>{html.escape(args[0])}</p>')
    if table_level is not None:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def render(path, outdir, data_dir, lang=None):
    doc = peer_content.build(path, data_dir, lang)
    case_id = doc.footer.split(" · ")[0]
    out = os.path.join(outdir, f"{case_id}.{doc.lang}.pdf")
    fmt = doc.page_fmt.replace('"', "'")
    page = '"' + fmt.replace("{0}", '" counter(page) "').replace("{1}", '" counter(pages) "') + '"'
    footer = '"' + doc.footer.replace('"', "'") + '"'
    css = weasyprint.CSS(string=CSS.replace("var(--page-fmt)", page).replace("var(--footer)", footer))
    d = weasyprint.HTML(string=to_html(doc)).render(stylesheets=[css])
    d.write_pdf(out)
    return out, len(d.pages)


def main():
    peer_content.run_peer("peer_weasyprint", render)


if __name__ == "__main__":
    main()
