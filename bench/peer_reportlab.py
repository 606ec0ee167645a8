#!/usr/bin/python3
"""Peer renderer: the same case files typeset with ReportLab (Debian python3-reportlab).

    peer_reportlab.py [--data-dir DIR] -d OUTDIR FILE|DIR...

One Python process renders every case: OUTDIR/<id>.<lang>.pdf.  The content
is bench/peer_content.py's (spcomm's own labels and the case's text); the
layout mirrors spcomm's: A4, 20 mm margins, Noto Sans 10 pt body, 9 pt
labels in a label column of a third of the width, 12 pt section headings,
15 pt title, nested records indented 12 pt, a footer with the case id, the
copy and "Page N of M".  Fonts are Noto Sans Regular/Bold TTF, embedded as
subsets (ReportLab subsets every TTF it embeds); runs of Chinese characters
use Droid Sans Fallback and Arabic runs Noto Naskh Arabic, the fonts spcomm
falls back to (ReportLab 3.6 does not shape Arabic: the glyphs are there,
unjoined).  Prints one line per case: path, pages.
"""
import os
import re
import sys
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peer_content  # noqa: E402

NOTO = "/usr/share/fonts/truetype/noto/"
pdfmetrics.registerFont(TTFont("NotoSans", NOTO + "NotoSans-Regular.ttf"))
pdfmetrics.registerFont(TTFont("NotoSans-Bold", NOTO + "NotoSans-Bold.ttf"))
pdfmetrics.registerFont(TTFont("Droid", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"))
pdfmetrics.registerFont(TTFont("Naskh", NOTO + "NotoNaskhArabic-Regular.ttf"))
pdfmetrics.registerFontFamily("NotoSans", normal="NotoSans", bold="NotoSans-Bold",
                              italic="NotoSans", boldItalic="NotoSans-Bold")

MARGIN = 20 * mm
W = A4[0] - 2 * MARGIN
INDENT = 12
LEAD = 1.38
ST = {
    "small": ParagraphStyle("small", fontName="NotoSans", fontSize=8, leading=8 * LEAD),
    "title": ParagraphStyle("title", fontName="NotoSans-Bold", fontSize=15, leading=15 * LEAD, spaceBefore=8, spaceAfter=2),
    "banner": ParagraphStyle("banner", fontName="NotoSans-Bold", fontSize=10, leading=10 * LEAD, spaceAfter=3),
    "section": ParagraphStyle("section", fontName="NotoSans-Bold", fontSize=12, leading=12 * LEAD, spaceBefore=12, spaceAfter=4),
    "item": ParagraphStyle("item", fontName="NotoSans-Bold", fontSize=10, leading=10 * LEAD, spaceBefore=4),
    "label": ParagraphStyle("label", fontName="NotoSans", fontSize=9, leading=9 * LEAD, textColor=colors.HexColor("#333333")),
    "para": ParagraphStyle("para", fontName="NotoSans", fontSize=10, leading=10 * LEAD, spaceAfter=3),
    "value": ParagraphStyle("value", fontName="NotoSans", fontSize=10, leading=10 * LEAD),
}
RUNS = re.compile(r"([\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]+)|([\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+)")


def mark(s):
    """Escape, and put non-Latin runs in their fallback font."""
    out, pos = [], 0
    for m in RUNS.finditer(s):
        out.append(escape(s[pos:m.start()]))
        out.append(f'<font name="{"Droid" if m.group(1) else "Naskh"}">{escape(m.group(0))}</font>')
        pos = m.end()
    out.append(escape(s[pos:]))
    return "".join(out)


def style_at(name, level):
    s = ST[name]
    if level:
        return ParagraphStyle(f"{name}{level}", parent=s, leftIndent=level * INDENT)
    return s


def make_canvas(footer, page_fmt):
    class NumberedCanvas(rl_canvas.Canvas):
        """The usual ReportLab recipe for "Page N of M": keep the pages, number them at save."""

        def __init__(self, *a, **k):
            k.setdefault("pageCompression", 1)
            super().__init__(*a, **k)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            n = len(self._saved)
            for st in self._saved:
                self.__dict__.update(st)
                self.setFont("NotoSans", 8)
                self.setLineWidth(0.5)
                self.line(MARGIN, 42, A4[0] - MARGIN, 42)
                self.drawString(MARGIN, 30, footer)
                self.drawRightString(A4[0] - MARGIN, 30, page_fmt.replace("{0}", str(self._pageNumber)).replace("{1}", str(n)))
                super().showPage()
            super().save()
    return NumberedCanvas


def flow(doc):
    story, rows, rows_level = [], [], 0

    def flush():
        nonlocal rows
        if rows:
            ind = rows_level * INDENT
            lw = (W - ind) * 0.33
            if ind:  # nested records: an empty first column as the indent
                rows = [[""] + r for r in rows]
                widths = [ind, lw, W - ind - lw]
            else:
                widths = [lw, W - lw]
            t = Table(rows, colWidths=widths, hAlign="LEFT")
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("LEFTPADDING", (-1, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
            story.append(t)
            rows = []

    for kind, level, *args in doc.blocks:
        if kind == "row":
            if rows and level != rows_level:
                flush()
            rows_level = level
            rows.append([Paragraph(mark(args[0]), ST["label"]), Paragraph(mark(args[1]), ST["value"])])
            continue
        flush()
        if kind == "section":
            story.append(Paragraph(mark(args[0]), ST["section"]))
        elif kind in ("title", "banner", "small", "item", "label", "para"):
            story.append(Paragraph(mark(args[0]), style_at(kind, level)))
    flush()
    return story


def render(path, outdir, data_dir, lang=None):
    doc = peer_content.build(path, data_dir, lang)
    case_id = doc.footer.split(" · ")[0]
    out = os.path.join(outdir, f"{case_id}.{doc.lang}.pdf")
    pages = []
    t = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN + 6, title=case_id, author="", creator="peer_reportlab",
                          invariant=1)
    t.build(flow(doc), canvasmaker=make_canvas(doc.footer, doc.page_fmt),
            onLaterPages=lambda c, d: pages.append(1), onFirstPage=lambda c, d: pages.append(1))
    return out, len(pages)


def main():
    peer_content.run_peer("peer_reportlab", render)


if __name__ == "__main__":
    main()
