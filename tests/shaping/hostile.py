#!/usr/bin/env python3
"""hostile.py - HarfBuzz shaping against text a stranger types.

    hostile.py SPCOMM SRCDIR WORKDIR

Prints one `ok: ...` or `FAIL: ...` line per check (tests/cli/
shaping-hostile.sh counts them) and `measured: ...` lines.

Each class of input (Arabic letter forms with harakat, lam-alef with
marks, digits and Latin inside Arabic, Persian and Urdu letters,
Vietnamese in NFC and NFD, Latin with marks no font composes, Cyrillic
and Greek kerning, Chinese with full-width punctuation, ZWJ/ZWNJ, bidi
controls and isolates, marks after a space, a word longer than a line)
is the narrative of a copy of cases/ua-detained-lawyer.yaml, between two
marker paragraphs, rendered in several languages and read back as a
reader reads it:

- the render succeeds quietly; `qpdf --check` passes; `pdffonts` lists
  embedded subset CID TrueType fonts with ToUnicode; pdftoppm renders the
  page without a word on standard error, with ink where the text is;
- pdftotext reads it without a warning and gives the words back: the
  text between the markers, cut into words (letters with their marks,
  runs of digits, single Han characters; bidi controls and default
  ignorables removed, NFC), must hold the same words as the input, none
  lost and none added.  In a left-to-right document poppler puts the
  marks ending the leftmost Arabic word of a right-to-left stretch before
  it (its reorderText treats a non-spacing mark there as left-to-right),
  so there Arabic words are compared by their letters and every mark
  must still be there as often as typed;
- lines of a right-to-left paragraph end at the column's right edge and
  none crosses its left edge (pdftotext -bbox);
- kerned Latin, Cyrillic and Greek words are as wide on the page as
  hb-shape makes them on the same font file.

Then: 100,000 characters of Arabic and of Chinese (time and memory of the
render measured, every word back); Private Use Area characters refused;
tabs in text values (accepted by check) rendered; a withheld name typed
backwards inside a right-to-left override refused by check (bidi-control);
a victim with an Arabic name (a lam-alef, harakat) in the full, Government
and public copies, searched in pdftotext, the /ActualText strings and the
content streams decoded through each font's ToUnicode CMap; the same
bytes twice, whatever the other languages rendered in the same process.
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
import zlib

import yaml

SPCOMM, SRC, WORK = (os.path.abspath(a) for a in sys.argv[1:4])
sys.dont_write_bytecode = True
BASE = os.path.join(SRC, "cases", "ua-detained-lawyer.yaml")
FONT_SANS = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
START, END = "QQSTART", "QQEND"
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")

n_ok = n_fail = 0


def ok(msg):
    global n_ok
    n_ok += 1
    print("ok: " + msg, flush=True)


def fail(msg):
    global n_fail
    n_fail += 1
    print("FAIL: " + msg, flush=True)


def check(cond, msg, why=""):
    if cond:
        ok(msg)
    else:
        fail(msg + (": " + why if why else ""))
    return cond


def run(cmd, env=None):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env or ENV)


# --- the classes of input -------------------------------------------------

def arabic_forms():
    """Every joining letter isolated, initial, medial and final, each with
    a haraka, shadda or tanween."""
    marks = ["\u064e", "\u064f", "\u0650", "\u0651\u064e", "\u064b", "\u064c",
             "\u064d", "\u0652", "\u0651\u064f", "\u0651\u0650"]
    words = []
    for i, c in enumerate("بتثجحخسشصضطظعغفقكلمنهي"):
        m, m2 = marks[i % len(marks)], marks[(i + 3) % len(marks)]
        words += [c + m, c + m + "ب" + m2, "ب" + m2 + c + m + "ب", "ب" + c + m]
    return " ".join(words)


# name -> (text, languages, options)
CLASSES = {
    "arabic-forms": (arabic_forms(), "ar en ru", {}),
    "lam-alef": ("لَا لًا لاَ لّا لأ لإ لآ لَأْ سَلَامٌ الْإِسْلَامُ الآن لِلّٰهِ فَلَا يَلَّا كُلًّا لا",
                 "ar en fr zh", {}),
    "digits-latin-in-arabic":
        ("في ٢٠٢٦/١١/١٩ وفي 2026-11-19 رقم ۱۲۳۴ القضية No. 02-117/2026 في Geneva جنيف "
         "(OHCHR) ٪٥٠ و50% ١٫٥ AVATAR", "ar en", {}),
    "persian-urdu": ("پاکستان گزارش یک چهار ژاله می‌خواهم گُل پِدَر ہے ٹ ڈ ڑ ں ے", "ar en", {}),
    "vietnamese-nfc": ("Nguyễn Thị Ánh Hồng Trường Đặng ặ ề ỗ ự ỷ Ượ ẫ", "en fr ar", {}),
    "vietnamese-nfd": (unicodedata.normalize("NFD", "Nguyễn Thị Ánh Hồng Trường Đặng ặ ề ỗ ự ỷ Ượ ẫ"),
                       "en zh", {}),
    "latin-marks": ("q̃ x̄ ȳ n̈ m̂ g̈ ṣ̌ e̊ a̧ z̧ ǫ́ t̃ Ç̆ ḿ", "en ru", {}),
    "kerning": ("nnnn ГАТА ТАТЬЯНА УАЗ ΤΑΥ ΑΥΓΑ ΓΑΤΑ Τύπος AVATAR WAVY", "ru en ar",
                {"kern": ["ГАТА", "ТАТЬЯНА", "УАЗ", "ΤΑΥ", "ΑΥΓΑ", "ΓΑΤΑ", "AVATAR", "WAVY"]}),
    "cjk-punctuation": ("他于2026年11月19日（星期四）被捕。联合国OHCHR说：“立即释放！”「引号」、"
                        "『书名』，Bishkek市…——《公约》第9条；ＡＢＣ１２３", "zh en ar", {}),
    "zwj-zwnj": ("می‌خواهم ل‍ ‍ل ب‌ب ش‌ش f‌i a‍b", "ar en", {}),
    "bidi-controls": ("A\u202bعربي\u202c B C \u2067عربي\u2069 D \u2066ltr\u2069 E \u2068x\u2069 "
                      "\u200fF\u200e G\u061cH \u061cعربي", "en ar", {}),
    "quranic-marks-punctuation":
        ("بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ ۛ هُدًى لِّلْمُتَّقِينَ ۚ ؟ ، ؛ ۔ ٭",
         "ar en", {}),
    # an RTL paragraph over several lines with Latin, digits and brackets
    # cut at line ends
    "mixed-paragraph": (" ".join(["قال المحامي في جنيف يوم 19 November 2026 إن الموكلة (Aida Sadykova) "
                                  "محتجزة منذ ١٩ نوفمبر، وإن رقم القضية هو No. 02-117/2026 وفق المادة 9 "
                                  "من ICCPR."] * 6), "ar en", {}),
    "long-arabic-word": ("قبل " + "اَلْمُسْتَضْعَفِينَ" * 12 + " بعد", "ar en", {"glue": True}),
    "long-arabic-word-bare": ("قبل " + "استقلالية" * 20 + " بعد", "ar", {"glue": True}),
    # marks after a space form one grapheme with it: text.c cuts its runs
    # after every glyph of that cluster and repeats its text in each
    "marks-after-space": ("ب َُ ب abc ̈̈ def", "ar en", {"bug": "text.c"}),
}


# --- reading a PDF ----------------------------------------------------------

BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
IGNORABLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\u034f]")


def kind(ch):
    cat = unicodedata.category(ch)
    if cat == "Nd":
        return "D"
    if cat[0] not in "LM":
        return None
    o = ord(ch)
    if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
        return "H"
    if cat[0] == "M":
        return "M"
    if 0x600 <= o <= 0x6FF or 0x750 <= o <= 0x77F or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF:
        return "A"
    return "L"


def words(s):
    """Letters with their marks, runs of digits, single Han characters;
    a word ends where the script does."""
    s = unicodedata.normalize("NFC", IGNORABLE.sub("", BIDI.sub("", s)))
    out, cur, cur_kind = [], "", None
    for ch in s:
        k = kind(ch)
        if k == "M" and cur:
            cur += ch
            continue
        if k is None or k == "H" or k != cur_kind:
            if cur:
                out.append(cur)
            cur, cur_kind = "", None
        if k == "H":
            out.append(ch)
        elif k:
            cur, cur_kind = ch, k
    if cur:
        out.append(cur)
    return out


def pdftotext(pdf, *opts):
    r = run(["pdftotext", "-enc", "UTF-8"] + list(opts) + [pdf, "-"])
    return r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def between_markers(text):
    if START not in text or END not in text:
        return None
    return text.split(START, 1)[1].split(END, 1)[0]


def compare_words(typed, read, rtl_doc):
    """(lost, added): words of typed the reader does not give back, and
    words it gives that were not typed."""
    want, got = collections.Counter(words(typed)), collections.Counter(words(read))
    if not rtl_doc:
        # poppler moves the marks ending the leftmost Arabic word of a
        # right-to-left stretch: letters compared, marks counted
        def split(c):
            letters, marks = collections.Counter(), collections.Counter()
            for w, n in c.items():
                if any(kind(ch) == "A" for ch in w) or all(kind(ch) == "M" for ch in w):
                    base = "".join(ch for ch in w if kind(ch) != "M")
                    if base:
                        letters[base] += n
                    for ch in w:
                        if kind(ch) == "M":
                            marks[ch] += n
                else:
                    letters[w] += n
            return letters + marks
        want, got = split(want), split(got)
    return want - got, got - want


def compare_chars(typed, read):
    """(lost, added) letters, digits and marks, after NFKC (presentation
    forms read as letters), without white space or punctuation."""
    def count(t):
        t = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", IGNORABLE.sub("", BIDI.sub("", t))))
        return collections.Counter(c for c in t if unicodedata.category(c)[0] in "LMN")
    want, got = count(typed), count(read)
    return want - got, got - want


def bbox_words(pdf):
    """[(page, xmin, ymin, xmax, ymax, text)] from pdftotext -bbox."""
    html, _ = pdftotext(pdf, "-bbox")
    out = []
    for page, body in enumerate(html.split("<page ")[1:], 1):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', body):
            out.append((page, float(m.group(1)), float(m.group(2)), float(m.group(3)),
                        float(m.group(4)), m.group(5)))
    return out


def marked_region(boxes):
    """The words strictly between the two markers (first page holding
    both), with the markers' boxes."""
    for page in sorted({b[0] for b in boxes}):
        on = [b for b in boxes if b[0] == page]
        s = [b for b in on if b[5] == START]
        e = [b for b in on if b[5] == END]
        if s and e:
            y0, y1 = s[0][4], e[0][2]
            return s[0], [b for b in on if y0 <= (b[2] + b[4]) / 2 <= y1], e[0]
    return None, [], None


def lines_of(boxes, tol=5.0):
    """Words grouped into lines by their vertical middle."""
    lines = []
    for b in sorted(boxes, key=lambda b: (b[2] + b[4]) / 2):
        mid = (b[2] + b[4]) / 2
        if lines and abs(lines[-1][0] - mid) < tol:
            lines[-1][1].append(b)
        else:
            lines.append([mid, [b]])
    return [l[1] for l in lines]


def is_rtl_word(w):
    for ch in w:
        if unicodedata.bidirectional(ch) in ("R", "AL"):
            return True
        if unicodedata.bidirectional(ch) == "L":
            return False
    return False


def decompressed(pdf):
    """The file's bytes and every stream inflated."""
    data = open(pdf, "rb").read()
    parts = [data]
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompress(m.group(1)))
        except zlib.error:
            pass
    return parts


def literal_bytes(body):
    """The bytes of a literal string's body (latin-1 text, as read)."""
    esc = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "\n": ""}
    return re.sub(r"\\([0-7]{1,3}|.)", lambda m: chr(int(m.group(1), 8) & 255)
                  if re.fullmatch(r"[0-7]+", m.group(1)) else esc.get(m.group(1), m.group(1)),
                  body, flags=re.S).encode("latin-1")


def tounicode_view(pdf, work):
    """The text of the content streams decoded through each font's
    ToUnicode CMap (what a reader that ignores /ActualText extracts, in
    drawing order), and the /ActualText strings, from qpdf's QDF form."""
    qdf = os.path.join(work, os.path.basename(pdf) + ".qdf")
    run(["qpdf", "--qdf", "--normalize-content=n", "--object-streams=disable", pdf, qdf])
    s = open(qdf, "rb").read().decode("latin-1")
    objs = {int(m.group(1)): m.group(2) for m in
            re.finditer(r"(?m)^(\d+) 0 obj\n(.*?)\nendobj", s, re.S)}

    def cmap(n):
        body, table = objs.get(n, ""), {}
        for blk in re.findall(r"beginbfchar(.*?)endbfchar", body, re.S):
            for a, b in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", blk):
                table[int(a, 16)] = bytes.fromhex(b).decode("utf-16-be", "replace")
        for blk in re.findall(r"beginbfrange(.*?)endbfrange", body, re.S):
            for a, b, c in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", blk):
                first = bytes.fromhex(c).decode("utf-16-be", "replace")
                for k in range(int(a, 16), int(b, 16) + 1):
                    table[k] = first[:-1] + chr(ord(first[-1]) + k - int(a, 16))
        return table

    fonts = {}
    for n, body in objs.items():
        m = re.search(r"/ToUnicode (\d+) 0 R", body)
        if "/Type /Font" in body and m:
            fonts[n] = cmap(int(m.group(1)))
    text, actual = [], []
    for n, body in objs.items():
        if "/Type /Page\n" not in body + "\n" and "/Type /Page " not in body:
            continue
        names = dict((k, int(v)) for k, v in re.findall(r"/(F\d+) (\d+) 0 R", body))
        for c in re.findall(r"/Contents (\d+) 0 R", body):
            stream = objs.get(int(c), "")
            cur = {}
            for tok in re.finditer(r"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)>|ActualText<([0-9A-Fa-f]*)>"
                                   r"|\(((?:\\.|[^\\()])*)\)", stream, re.S):
                if tok.group(1):
                    cur = fonts.get(names.get(tok.group(1)), {})
                elif tok.group(3) is not None:
                    h = tok.group(3)
                    actual.append(bytes.fromhex(h).decode("utf-16-be", "replace").lstrip("\ufeff"))
                elif tok.group(2) is not None or tok.group(4) is not None:
                    b = bytes.fromhex(tok.group(2)) if tok.group(2) is not None \
                        else literal_bytes(tok.group(4))
                    text.append("".join(cur.get(b[i] << 8 | b[i + 1], "")
                                        for i in range(0, len(b) - 1, 2)))
    return "".join(text), " ".join(actual)


def norm_name(s):
    """As a name search reads text: NFKC, no marks, no tatweel, no bidi
    controls or ignorables, no white space."""
    s = unicodedata.normalize("NFKC", IGNORABLE.sub("", BIDI.sub("", s)))
    s = "".join(c for c in unicodedata.normalize("NFD", s)
                if unicodedata.category(c)[0] != "M" and c != "\u0640")
    return re.sub(r"\s+", "", s)


def found(name, view):
    n, v = norm_name(name), norm_name(view)
    return n in v or n[::-1] in v


# --- rendering --------------------------------------------------------------

def write_case(path, texts, case_id=None, victim=None):
    d = yaml.safe_load(open(BASE, encoding="utf-8"))
    d["incidents"][0]["description"] = {lang: t for lang, t in texts.items()}
    if case_id:
        d["id"] = case_id
    if victim:
        d["victims"][0].update(victim)
    yaml.safe_dump(d, open(path, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)


def render(case, lang, out, copy="full"):
    r = run([SPCOMM, "render", "--force", "-l", lang, "--copy", copy, "-o", out, case])
    return r.returncode, r.stderr.decode("utf-8", "replace")


def ink(pdf, page, box, work, dpi=144):
    """The dark pixels of box (points: x0, y0 from the top, x1, y1) of
    page, as rows of booleans; None if pdftoppm fails or says a word."""
    x0, y0, x1, y1 = box
    k = dpi / 72.0
    base = os.path.join(work, "crop")
    r = run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
             "-x", str(int(x0 * k)), "-y", str(int(y0 * k)), "-W", str(max(1, int((x1 - x0) * k))),
             "-H", str(max(1, int((y1 - y0) * k))), pdf, base])
    files = [p for p in os.listdir(work) if p.startswith("crop") and p.endswith(".pgm")]
    if r.returncode != 0 or r.stderr or not files:
        return None
    data = open(os.path.join(work, files[0]), "rb").read()
    for p in files:
        os.remove(os.path.join(work, p))
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    px = data[m.end():]
    return [[px[y * w + x] < 128 for x in range(w)] for y in range(h)]


def ink_extent(rows, y0, y1, x_origin, dpi=144):
    """Leftmost and rightmost ink (points) between rows y0 and y1 (points
    from the top of the map)."""
    k = dpi / 72.0
    xs = [x for row in rows[max(0, int(y0 * k)):int(y1 * k) + 1] for x, d in enumerate(row) if d]
    if not xs:
        return None
    return x_origin + min(xs) / k, x_origin + (max(xs) + 1) / k


def hb_width(word, font=FONT_SANS):
    r = run(["hb-shape", "--font-size=1000", "--features=-liga,-clig", "--output-format=json",
             "--no-glyph-names", font, word])
    import json
    return sum(g["ax"] for g in json.loads(r.stdout))


def check_fonts(pdf, what):
    r = run(["pdffonts", pdf])
    rows = r.stdout.decode().splitlines()[2:]
    bad = [l for l in rows if not re.search(r"CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", l)]
    check(r.returncode == 0 and rows and not bad, what + ": pdffonts: every font an embedded "
          "subset CID TrueType with ToUnicode", "; ".join(bad))


def check_class(name, text, langs, opt, work):
    case = os.path.join(work, name + ".yaml")
    body = START + "\n\n" + text + "\n\n" + END
    write_case(case, {lang: body for lang in set(["en"] + langs)})
    for lang in langs:
        what = "%s (%s)" % (name, lang)
        pdf = os.path.join(work, "%s.%s.pdf" % (name, lang))
        st, err = render(case, lang, pdf)
        if not check(st == 0 and err == "", what + ": renders quietly", "exit %d: %s" % (st, err[:300])):
            continue
        r = run(["qpdf", "--check", pdf])
        check(r.returncode == 0, what + ": qpdf --check", r.stdout.decode()[-300:])
        check_fonts(pdf, what)
        out, warn = pdftotext(pdf)
        check(warn == "", what + ": pdftotext reads it without a warning", warn[:300])
        read = between_markers(out)
        if not check(read is not None, what + ": the markers come back"):
            continue
        if "want" in opt:
            # the reader sees what the Unicode bidi algorithm displays
            got = " ".join(BIDI.sub("", read).split())
            check(got == opt["want"], what + ": reads " + opt["want"], got)
            continue
        typed = text
        if opt.get("glue"):
            # a word cut by a forced break comes back in pieces
            read = re.sub(r"\s+", "", BIDI.sub("", read))
            typed = re.sub(r"\s+", "", text)
        lost, added = compare_words(typed, read, lang == "ar")
        tag = " [%s]" % opt["bug"] if "bug" in opt else ""
        check(not lost and not added, what + ": every word comes back, none added" + tag,
              "lost %s, added %s" % (dict(lost), dict(added)))

        # a reader that ignores /ActualText reads the glyphs through the
        # ToUnicode CMaps: every letter and every mark once, as typed
        # (drawing order puts marks apart from their letters: counted)
        cmapped, _ = tounicode_view(pdf, work)
        part = between_markers(cmapped)
        if check(part is not None, what + ": the markers come back through ToUnicode"):
            lost, added = compare_chars(text, part)
            check(not lost and not added, what + ": ToUnicode gives every letter and mark once" + tag,
                  "lost %s, added %s" % (dict(lost), dict(added)))

        boxes = bbox_words(pdf)
        s, region, e = marked_region(boxes)
        if s is None:
            fail(what + ": markers not on one page")
            continue
        page = s[0]
        if "kern" in opt:
            check_kerning(what, region, opt["kern"])
        # what a reader sees: ink where the text is; the lines of a
        # right-to-left paragraph end at the right edge of the column (the
        # rightmost ink of any line) and none crosses its left edge (the
        # left ink of the marker paragraph)
        top, bottom = s[2], e[4]
        rows = ink(pdf, page, (0, top, 595, bottom), work)
        if not check(rows is not None, what + ": pdftoppm renders the page quietly"):
            continue
        left = ink_extent(rows, 0, s[4] - top, 0)
        inner = [b for b in region if b[5] not in (START, END)]
        # the middle of each line's boxes: Arabic boxes are taller than
        # the line pitch, and the ink of the next line must not count
        spans = []
        for ln in lines_of(inner):
            y0, y1 = min(b[2] for b in ln) - top, max(b[4] for b in ln) - top
            spans.append(ink_extent(rows, y0 + 0.35 * (y1 - y0), y0 + 0.65 * (y1 - y0), 0))
        check(left is not None and spans and all(spans), what + ": ink on every line of text")
        if lang != "ar" or left is None or not spans or not all(spans):
            continue
        right = max(x1 for _, x1 in spans)
        for ln, (x0, x1) in zip(lines_of(inner), spans):
            txt = " ".join(b[5] for b in sorted(ln, key=lambda b: b[1]))[:40]
            if any(is_rtl_word(b[5]) for b in ln):
                check(x1 > right - 1.0, what + ": an RTL line ends at the right edge",
                      "its ink ends at %.2f, the column's at %.2f: %s" % (x1, right, txt))
            check(x0 > left[0] - 1.0, what + ": no line crosses the left edge",
                  "ink from %.2f, the column's at %.2f (%.2f pt over): %s" %
                  (x0, left[0], left[0] - x0, txt))


def check_kerning(what, region, kerned):
    by_text = {}
    for b in region:
        by_text.setdefault(b[5], b[3] - b[1])
    if "nnnn" not in by_text:
        fail(what + ": no reference word nnnn")
        return
    scale = by_text["nnnn"] / hb_width("nnnn")          # points per 1/1000 em
    for w in kerned:
        got = by_text.get(w)
        want = hb_width(w) * scale
        check(got is not None and abs(got - want) < 0.05,
              what + ": %s as wide as hb-shape kerns it (%.3f pt)" % (w, want),
              "%s pt" % ("missing" if got is None else "%.3f" % got))


# --- the other checks -------------------------------------------------------

# run in a fresh python3, whose children are only the render: the peak RSS
# of a child forked from this (large) process would count this one's pages
# (as tests/perf/memory.sh measures)
TIMED = """
import resource, subprocess, sys, time
t0 = time.monotonic()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(r.returncode, time.monotonic() - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def timed_render(case, lang, out):
    """(exit status, seconds, max RSS in KB) of one render."""
    r = run(["python3", "-c", TIMED, SPCOMM, "render", "--force", "-l", lang, "-o", out, case])
    st, secs, rss = r.stdout.decode().split()
    return int(st), float(secs), int(rss)


def check_long(work):
    """100,000 characters in one paragraph, Arabic and Chinese: the time
    and memory of a render grow with the text as they do from 10,000
    (generous bounds: sanitizer builds run this too; the peak counts a small
    python3 too, about 10 MB), every word back."""
    ar = "حُرِّرت الرسالة إلى الجهات الموجَّهة إليها بشأن مُحَمَّد والحالة لا تزال قائمة ٢٠٢٦ الْإِسْلَامُ لِلّٰهِ".split()
    s, i = [], 0
    while sum(len(w) + 1 for w in s) < 100000:
        s.append(ar[(i * 7) % len(ar)])
        i += 1
    ar_text = " ".join(s)[:100000].rsplit(" ", 1)[0]
    zh = "他于二零二六年十一月十九日被捕，联合国人权事务高级专员办事处（OHCHR）表示关切。家属至今未获通知其下落。"
    zh_text = (zh * (100000 // len(zh) + 1))[:100000]
    for lang, text in (("ar", ar_text), ("zh", zh_text)):
        runs = {}
        for n in (10000, len(text)):
            t = text[:n].rsplit(" ", 1)[0] if lang == "ar" and n < len(text) else text[:n]
            case = os.path.join(work, "long-%s-%d.yaml" % (lang, n))
            write_case(case, {"en": "See the %s text." % lang, lang: START + "\n\n" + t + "\n\n" + END})
            pdf = os.path.join(work, "long-%s-%d.pdf" % (lang, n))
            st, secs, rss = timed_render(case, lang, pdf)
            runs[n] = (st, secs, rss, pdf, t)
            print("measured: %d characters of %s in one paragraph: %.2f s, max RSS %d KB"
                  % (len(t), lang, secs, rss), flush=True)
        (st0, s0, r0, _, _), (st, secs, rss, pdf, t) = runs[10000], runs[len(text)]
        if not check(st0 == 0 and st == 0, "10k and 100k characters of %s render" % lang):
            continue
        # times are printed, not checked (bench/ measures speed); memory
        # is the program's only without sanitizers (shaping-hostile.sh
        # sets SPCOMM_SANITIZED from the binary's libraries)
        print("measured: 100k characters of %s: %.1f s, 10k: %.2f s" % (lang, secs, s0), flush=True)
        if not os.environ.get("SPCOMM_SANITIZED"):
            check(rss < 2 * r0 + 100 * 1024, "100k characters of %s: %d KB, at most twice 10k's %d KB "
                  "plus 100 MB" % (lang, rss, r0))
            check(rss < 2 * 1024 * 1024, "100k characters of %s: under 2 GB" % lang)
        out, warn = pdftotext(pdf)
        check(warn == "", "100k %s: pdftotext without a warning" % lang, warn[:200])
        # page headers and footers come between the pages: only what was
        # typed is compared, each word as often as typed
        lost, _ = compare_words(t, out, True)
        check(not lost, "100k %s: every word comes back" % lang, str(dict(lost))[:300])


def check_pua(work):
    for cp in (0xE000, 0xE0A0, 0xF8FF):
        case = os.path.join(work, "pua.yaml")
        write_case(case, {"en": "A private character %s here." % chr(cp)})
        r = run([SPCOMM, "check", "--color=never", case])
        err = r.stderr.decode()
        check(r.returncode == 1 and "U+%04X" % cp in err and "character-not-supported" in err,
              "Private Use Area U+%04X in a narrative refused, naming it" % cp, err[:300])


def check_tabs(work):
    """A tab pasted into a text value (a narrative, a postal address):
    what check accepts, render draws (as a space)."""
    d = yaml.safe_load(open(BASE, encoding="utf-8"))
    d["incidents"][0]["description"] = "First\tsecond column.\n\n\tAn indented paragraph."
    d["submitter"]["address"] = "Postbus\t11870\n2502 AW\tThe Hague\nNetherlands"
    case = os.path.join(work, "tabs.yaml")
    yaml.safe_dump(d, open(case, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
    r = run([SPCOMM, "check", case])
    check(r.returncode == 0, "tabs in text values pass check")
    pdf = os.path.join(work, "tabs.pdf")
    st, err = render(case, "en", pdf)
    if check(st == 0, "tabs in text values render as check promised", err.strip()[:200]):
        out, _ = pdftotext(pdf)
        check(all(w in out.split() for w in ("First", "second", "indented", "11870", "Hague")),
              "the words around the tabs come back")


def check_names(work):
    """A victim named in Arabic: shown in the full copy, in no view of the
    Government or public copy when consent withholds it."""
    given, family = "عبد الإله", "السَّلَّامِي"
    victim = {"name": {"given": given, "family": family, "order": "given_family"}}
    victim["consent"] = dict(yaml.safe_load(open(BASE, encoding="utf-8"))["victims"][0]["consent"],
                             share_name_with_government="no", publish_name="no")
    narrative = {"en": "Mr. Abd al-Ilah was taken away at dawn.",
                 "ar": "اعتُقل عبد الإله السَّلَّامِي فجرًا، وقال السلامي إنه بريء."}
    case = os.path.join(work, "names.yaml")
    write_case(case, narrative, victim=victim)
    probes = ["السلامي", "الإله", "عبد الإله السلامي"]
    for lang in ("ar", "en"):
        for copy in ("full", "government", "public"):
            pdf = os.path.join(work, "names.%s.%s.pdf" % (lang, copy))
            st, err = render(case, lang, pdf, copy)
            if not check(st == 0, "Arabic victim name: renders the %s copy (%s)" % (copy, lang), err[:300]):
                continue
            text, _ = pdftotext(pdf)
            cmapped, actual = tounicode_view(pdf, work)
            raw = b"\n".join(decompressed(pdf)).decode("utf-8", "replace")
            views = {"pdftotext": text, "ToUnicode": cmapped, "ActualText": actual, "raw": raw}
            for p in probes:
                where = [k for k, v in views.items() if found(p, v)]
                if copy == "full":
                    # the name is drawn: pdftotext and the decoded
                    # streams see it (the search can fail)
                    check("pdftotext" in where and "ToUnicode" in where,
                          "the full copy (%s) shows %s (pdftotext, ToUnicode)" % (lang, p), str(where))
                else:
                    check(not where, "the %s copy (%s) has no %s in any view" % (copy, lang, p), str(where))
    # written with the letters of a Persian keyboard (ی U+06CC, ک U+06A9),
    # or with alef maksura: a reader reads the same name
    given, family = "علي", "الكعبي"
    victim["name"] = {"given": given, "family": family, "order": "given_family"}
    for how, text in (("Arabic letters", "اعتُقل علي الكعبي في منزله."),
                      ("a Persian keyboard", "اعتُقل علی الکعبی في منزله.")):
        write_case(case, {"en": "He was detained at home.", "ar": text}, victim=victim)
        pdf = os.path.join(work, "persian.pdf")
        st, err = render(case, "ar", pdf, "government")
        out, _ = pdftotext(pdf)
        shown = "منزله" in out
        tag = ""
        check(st == 0 and not shown,
              "a narrative naming the victim (%s) is withheld from the Government copy%s" % (how, tag),
              "the narrative is printed: " + " ".join(l for l in out.splitlines() if "منزله" in l)[:200])


def check_override(work):
    """A name typed backwards inside RIGHT-TO-LEFT OVERRIDE ... POP reads
    forwards on the page (the bidi algorithm reverses it): a copy that
    withholds the name must not show it."""
    d = yaml.safe_load(open(BASE, encoding="utf-8"))
    d["victims"][0]["consent"]["share_name_with_government"] = "no"
    d["incidents"][0]["description"] = "Ms. \u202eavokydaS adiA\u202c was seen at the gate."
    case = os.path.join(work, "override.yaml")
    yaml.safe_dump(d, open(case, "w", encoding="utf-8"), allow_unicode=True, sort_keys=False)
    pdf = os.path.join(work, "override.pdf")
    st, err = render(case, "en", pdf, "government")
    # refused with the character named (check and render validate first),
    # or rendered without the name
    refused = st != 0 and "U+202E" in err and "bidi-control" in err
    out = "" if refused else pdftotext(pdf)[0]
    check(refused or (st == 0 and "Sadykova" not in out),
          "a withheld name typed backwards in an RLO override does not reach the Government copy",
          "the copy reads: " + " ".join(l for l in out.splitlines() if "gate" in l)[:200])
    r = run([SPCOMM, "check", case])
    check(r.returncode == 1 and "U+202E" in r.stderr.decode(),
          "check refuses a bidi override in a narrative, naming it", r.stderr.decode()[:300])


def check_determinism(work):
    """The same bytes twice; a document does not depend on what the same
    process rendered before it (shaping caches, Private Use Area codes)."""
    text = CLASSES["lam-alef"][0] + "\n\n" + arabic_forms() + "\n\n" + CLASSES["kerning"][0] + \
        "\n\n" + CLASSES["cjk-punctuation"][0]
    d1, d2 = os.path.join(work, "det1"), os.path.join(work, "det2")
    for d in (d1, d2):
        os.makedirs(d, exist_ok=True)
        shutil.copytree(os.path.join(SRC, "cases", "annexes"), os.path.join(d, "annexes"),
                        dirs_exist_ok=True)
        write_case(os.path.join(d, "c.yaml"), {"en": text, "ar": text, "zh": text})
    r1 = run([SPCOMM, "render", "--force", "-l", "ar,en,zh,ru", "-d", d1, os.path.join(d1, "c.yaml")])
    r2 = run([SPCOMM, "render", "--force", "-l", "ru,zh,en,ar", "-d", d2, os.path.join(d2, "c.yaml")])
    check(r1.returncode == 0 and r2.returncode == 0, "renders four languages in either order")
    for lang in ("ar", "en", "zh", "ru"):
        f = "ua-2026-017.%s.pdf" % lang
        a = open(os.path.join(d1, f), "rb").read() if os.path.exists(os.path.join(d1, f)) else b""
        b = open(os.path.join(d2, f), "rb").read() if os.path.exists(os.path.join(d2, f)) else b"-"
        check(a == b, "%s: the same bytes whatever was rendered before it" % lang)
        one = os.path.join(work, "one.%s.pdf" % lang)
        st, _ = render(os.path.join(d1, "c.yaml"), lang, one)
        check(st == 0 and open(one, "rb").read() == a, "%s: the same bytes alone as in a batch of four" % lang)
    # batch: two worker threads, each with its own shaping state, over
    # cases of every class: each document as render writes it alone
    bdir, bout = os.path.join(work, "batch"), os.path.join(work, "batch-out")
    for d in (bdir, bout):
        os.makedirs(d, exist_ok=True)
    shutil.copytree(os.path.join(SRC, "cases", "annexes"), os.path.join(bdir, "annexes"),
                    dirs_exist_ok=True)
    names = [n for n in CLASSES if n not in ("long-arabic-word-bare", "vietnamese-nfd")]
    for i, name in enumerate(names):
        t = CLASSES[name][0]
        write_case(os.path.join(bdir, "%s.yaml" % name), {"en": t, "ar": t}, case_id="ua-2026-%03d" % (600 + i))
    r = run([SPCOMM, "batch", "-q", "--force", "-j", "2", "-l", "ar,en", "-d", bout, bdir])
    check(r.returncode == 0, "batch -j 2 renders %d hostile cases in ar and en" % len(names),
          r.stderr.decode()[:300])
    same = 0
    for i, name in enumerate(names):
        for lang in ("ar", "en"):
            alone = os.path.join(work, "alone.pdf")
            st, _ = render(os.path.join(bdir, "%s.yaml" % name), lang, alone)
            f = os.path.join(bout, "ua-2026-%03d.%s.pdf" % (600 + i, lang))
            if st == 0 and os.path.exists(f) and open(f, "rb").read() == open(alone, "rb").read():
                same += 1
            else:
                fail("batch: %s (%s) differs from its render alone" % (name, lang))
    check(same == 2 * len(names), "batch: all %d documents byte for byte as rendered alone" % same)
    later = 1790000000 + 86400 + 3600
    other = run([SPCOMM, "render", "--force", "-l", "ar", "-o", os.path.join(work, "later.pdf"),
                 os.path.join(d1, "c.yaml")], env=dict(ENV, SOURCE_DATE_EPOCH=str(later)))
    info = run(["pdfinfo", "-isodates", os.path.join(work, "later.pdf")]).stdout.decode()
    want = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(later))
    check(other.returncode == 0 and want in info, "SOURCE_DATE_EPOCH sets the creation date (%s)" % want)


def main():
    work = os.path.join(WORK, "hostile")
    os.makedirs(work, exist_ok=True)
    shutil.copytree(os.path.join(SRC, "cases", "annexes"), os.path.join(work, "annexes"),
                    dirs_exist_ok=True)
    only = os.environ.get("ONLY")
    for name, (text, langs, opt) in CLASSES.items():
        if not only or only == name:
            check_class(name, text, langs.split(), opt, work)
    if not only or only == "pua":
        check_pua(work)
    if not only or only == "tabs":
        check_tabs(work)
    if not only or only == "names":
        check_names(work)
    if not only or only == "override":
        check_override(work)
    if not only or only == "determinism":
        check_determinism(work)
    if not only or only == "long":
        check_long(work)
    print("%d passed, %d failed" % (n_ok, n_fail))
    return 0


if __name__ == "__main__":
    sys.exit(main())
