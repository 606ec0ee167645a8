#!/usr/bin/env python3
"""gen.py - cases that fill every field of every form.

    gen.py SPCOMM OUTDIR

For each form `spcomm forms` lists, writes OUTDIR/<form>-<k>.yaml for a
few variants k: every field of the form present (optional ones too),
lists of two or three items, records and blocks of every kind, partial,
approximate and uncertain dates, integers large enough to be grouped,
translatable values given as translations in some variants, and every
string made of words found nowhere else in the case, so that a value
printed in the wrong place or not at all cannot be mistaken for another.
Enumerations take a different value in each item and variant (so the
variants together print most labels); the values that decide what the
case means (consent, kinds of submitter) are chosen to keep the case
valid and to exercise each consent the gate knows.  Annex files are
written to OUTDIR/annexes/.  Deterministic: the same forms give the same
files, byte for byte.

The schema is the program's own: the field paths, types and enumeration
values `spcomm forms FORM` prints.
"""
import importlib.util
import os
import re
import subprocess
import sys

SPCOMM, OUT = sys.argv[1], sys.argv[2]
VARIANTS = 4
LINE = re.compile(r"^(\S+)\s+(SRC|GOV|PUB)\s+(.*?), (required|optional|recommended)\b")

# ---------------------------------------------------------------- words

CONS = "bdfgklmnprstvz"
VOWS = "aeiou"


SYLLABLES = [c + v for c in CONS for v in VOWS]


class Words:
    """Pseudo-words of letters only, that are no word of any language the
    matcher knows and never repeat within a case: a counter written in
    syllables (three or more)."""

    def __init__(self):
        self.n = 0

    def word(self):
        self.n += 1
        n, s = self.n * 37 + 5000, ""
        while n:
            s = SYLLABLES[n % len(SYLLABLES)] + s
            n //= len(SYLLABLES)
        return (s + "r").capitalize()

    def words(self, k):
        return " ".join(self.word() for _ in range(k))


# ---------------------------------------------------------------- schema


def schema(form):
    out = subprocess.run([SPCOMM, "forms", form], capture_output=True, text=True,
                         check=True).stdout
    fields = []
    for line in out.splitlines():
        m = LINE.match(line)
        if m:
            t = re.sub(r", at (least|most) \d+", "", m.group(3))
            fields.append((m.group(1), t.replace(" (translatable)", ""),
                           "(translatable)" in m.group(3)))
    return fields


def enum_values():
    """field name -> values of the enumerations of lists (`list of enum`,
    whose values `spcomm forms` does not print), from forms/."""
    import yaml
    out = {}
    src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if isinstance(v, dict) and v.get("of") == "enum" and "values" in v:
                    out[k] = v["values"]
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    for f in sorted(os.listdir(os.path.join(src, "forms"))):
        with open(os.path.join(src, "forms", f), encoding="utf-8") as fh:
            walk(yaml.load(fh, Loader=yaml.BaseLoader))
    return out


ENUMS = enum_values()


# ---------------------------------------------------------------- values


class Gen:
    def __init__(self, form, k, fields):
        self.form, self.k, self.fields = form, k, fields
        self.w = Words()
        self.w.n = 1000 * (k + 1) + 100 * ["sp-general", "wgeid", "wgad"].index(form) \
            if form in ("sp-general", "wgeid", "wgad") else 1000 * (k + 1)
        self.counter = 0
        self.lang = ["en", "fr", "es", "en"][k % 4]
        self.annexes = []

    def rot(self, values, salt=0):
        self.counter += 1
        return values[(self.k * 3 + self.counter + salt) % len(values)]

    def text(self, tr):
        paras = ["The %s %s reported %s on the day.\nIt was %s %s." % (
            self.w.word(), self.w.word(), self.w.words(2), self.w.word(), self.w.word())
            for _ in range(2)]
        t = Text("\n\n".join(paras))
        if tr and self.k % 2 == 1:
            return {"en": t, "fr": Text("Le %s %s." % (self.w.word(), self.w.word())),
                    "es": Text("El %s %s." % (self.w.word(), self.w.word()))}
        return t

    def string(self, tr):
        s = "%s %s" % (self.w.word(), self.w.word())
        if tr and self.k % 2 == 1:
            return {"en": s, "fr": "%s %s" % (self.w.word(), self.w.word())}
        return s

    def pdate(self, base="2026-10-01"):
        y, m, d = base.split("-")
        forms = [base, "%s-%s" % (y, m), y, base + "~", "%s-%s?" % (y, m)]
        return self.rot(forms)

    def name(self, path):
        n = {"family": self.w.word(), "given": self.w.word()}
        n["order"] = self.rot(["given_family", "family_given"])
        cyr = "АБВГДЕЖЗИКЛМНОПРСТУФ"
        n["original"] = {"family": "".join(cyr[(self.w.n + i * 3) % len(cyr)] for i in range(5)).capitalize(),
                         "given": "".join(cyr[(self.w.n * 7 + i) % len(cyr)] for i in range(4)).lower().capitalize()}
        self.w.n += 1
        n["other"] = [self.w.word() + " " + self.w.word()]
        return n

    def value(self, path, t, tr, item_of=None):
        """The value of field path (type t); None leaves it out."""
        key = re.sub(r"\[\]", "", path)
        last = key.split(".")[-1]
        o = self.override(key, last, t)
        if o is not SKIP_NONE:
            return o
        if t.startswith("list of "):
            it = t[len("list of "):]
            n = 3 if self.k % 2 == 0 else 2
            out = []
            for i in range(n):
                v = self.value(path + "[]", it, tr, item_of=path)
                if v is not None:
                    out.append(v)
            return out
        if t.startswith("one of "):
            return self.rot(t[len("one of "):].split(", "))
        if t == "name":
            return self.name(path)
        if t in ("string",):
            return self.string(tr)
        if t == "text":
            return self.text(tr)
        if t == "pdate":
            return self.pdate()
        if t == "date":
            return "2026-10-01"
        if t == "time":
            return "%02d:%02d" % (7 + self.k, 5 * self.k + 10)
        if t == "bool":
            return self.rot(["true", "false"])
        if t == "tri":
            return self.rot(["yes", "no", "unknown"])
        if t == "int":
            return 1234 + 1111 * self.k
        if t == "country":
            return self.rot(["KG", "VN", "MX", "FR", "RU", "CN", "TH", "EG"])
        if t == "email":
            return "%s.%s@%s.example.org" % (self.w.word().lower(), self.w.word().lower(),
                                             self.w.word().lower())
        if t == "mandate":
            return self.rot(["sr_hr_defenders", "sr_torture", "sr_freedom_expression"])
        if t == "ref":
            return None   # set after the lists they refer to exist
        if t == "enum":
            vals = ENUMS.get(key.split(".")[-1])
            return self.rot(vals) if vals else None
        # a record or a block: its members
        prefix = path
        rec = {}
        for p, ct, ctr in self.members(prefix):
            v = self.value(p, ct, ctr)
            if v is not None and v != [] and v != {}:
                rec[p.split(".")[-1]] = v
        return rec

    def members(self, prefix):
        out = []
        for p, t, tr in self.fields:
            if not p.startswith(prefix + "."):
                continue
            rest = p[len(prefix) + 1:]
            if "." in rest or rest.endswith("[]"):
                continue
            out.append((p, t, tr))
        return out

    def override(self, key, last, t):
        form = self.form
        k = self.k
        fixed = {
            "spcomm": 1, "form": form, "id": "complete-%s-%d" % (form, k),
            "language": self.lang, "date": "2026-11-20",
            "submitter.kind": ["organization", "individual"][k % 2],
            "submitter.relationship_to_victim": ["relative", "ngo_acting_for_family",
                                                 "legal_representative", "other"][k % 4],
            "submitter.keep_identity_confidential": "true",
            "submitter.phone": "+41 22 917 %04d" % (1000 + k),
            "communication.requested_type": ["urgent_appeal", "allegation_letter",
                                             "other_letter", "let_ohchr_decide"][k % 4],
            "communication.subject_kind": ["individual", "group", "legislation_policy",
                                           "community"][k % 4],
            "incidents.status": "ongoing",
            "incidents.date": "2026-10-01",
            "incidents.date_end": "2026-10-03",
            "disappearance.date": "2026-10-01",
            "disappearance.date_last_seen": "2026-10-01",
            "arrest.date": "2026-10-01",
            "detention.date": "2026-10-01",
            "detention.date_end": None,
            "addressees": {"sp-general": ["sr_torture", "sr_hr_defenders"],
                           "wgeid": ["wg_disappearances"],
                           "wgad": ["wg_arbitrary_detention"]}.get(form),
            "detention.status": "detained",
            "group.size": 28983,
            "spcomm.must": None,
        }
        if key in fixed:
            return fixed[key]
        if last == "id":
            return None   # set by lists that are referred to
        if key.endswith("consent.status"):
            return "given"
        if key.endswith("consent.given_by"):
            return "relative"
        if key.endswith("consent.date"):
            return "2026-11-01"
        if key.endswith("date_of_birth"):
            return "1980-03-15"
        if key.endswith("age_at_event"):
            return 46
        if key.endswith("pregnant.months"):
            return 5
        if key.endswith(".kind") and "state_agent" in t:
            return "state_agent"
        if key.endswith("attachments"):
            return None   # made by annexes()
        if key.endswith(".places.to") or key.endswith("judgment.date"):
            return "2026-11-10"
        if key.endswith(".places.from"):
            return "2026-10-05"
        return SKIP_NONE


SKIP_NONE = object()

# ---------------------------------------------------------------- a case


def consents(case, k):
    """Each person's consent, so that the variants go through every
    answer the gate knows: the first person named everywhere."""
    answers = [("yes", "full_name"), ("yes", "initials"), ("no", "no"), ("yes", "no")]
    persons = []
    for key in ("victims", "disappeared", "detainee"):
        v = case.get(key)
        if isinstance(v, list):
            persons += v
        elif isinstance(v, dict):
            persons.append(v)
    for i, p in enumerate(persons):
        c = p.setdefault("consent", {})
        share, pub = answers[0] if i == 0 else answers[(k + i) % len(answers)]
        c["share_name_with_government"] = share
        c["publish_name"] = pub


def annexes(g, case, outdir):
    kinds = ["photograph", "witness_statement", "court_record", "medical_report",
             "official_letter", "affidavit", "legislation", "victim_testimony",
             "habeas_corpus_petition", "autopsy_report", "video", "other"]
    disc = ["PUB", "GOV", "SRC"]
    out = []
    os.makedirs(os.path.join(outdir, "annexes"), exist_ok=True)
    for i in range(3):
        aid = "a%d" % (i + 1)
        fn = "annexes/%s-%d-%s.txt" % (g.form, g.k, aid)
        with open(os.path.join(outdir, fn), "w") as f:
            f.write("annex %s of %s %d\n" % (aid, g.form, g.k))
        title = g.string(True)
        out.append({"id": aid, "file": fn, "title": title,
                    "kind": kinds[(g.k * 3 + i) % len(kinds)], "disclosure": disc[i]})
    case["attachments"] = out


def set_refs(case):
    """Ids for the items referred to, and references to them."""
    victims = case.get("victims")
    if isinstance(victims, list):
        for i, v in enumerate(victims):
            v["id"] = "v%d" % (i + 1)
        for inc in case.get("incidents", []):
            inc["victims"] = [v["id"] for v in victims]
    ids = [a["id"] for a in case.get("attachments", [])]

    def walk(x):
        if isinstance(x, dict):
            for k, v in list(x.items()):
                if k in ("photo", "statement"):
                    x[k] = ids[0] if k == "photo" else ids[1]
                else:
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(case)


def fill_refs(fields, case):
    """Add the ref fields the walk left out (photo, statement)."""
    for p, t, tr in fields:
        if t != "ref":
            continue
        parts = p.split(".")
        def add(x, parts):
            if not parts or x is None:
                return
            head = parts[0]
            if head.endswith("[]"):
                lst = x.get(head[:-2]) if isinstance(x, dict) else None
                for it in lst or []:
                    add(it, parts[1:])
            elif len(parts) == 1:
                if isinstance(x, dict):
                    x[head] = "REF"
            elif isinstance(x, dict):
                add(x.get(head), parts[1:])
        add(case, parts)


def sanitize(case, form):
    """What a valid case of this kind cannot hold."""
    sub = case.get("submitter", {})
    if sub.get("relationship_to_victim") not in ("relative", "other"):
        sub.pop("relationship_detail", None)
    if form == "sp-general":
        kind = case["communication"]["subject_kind"]
        if kind not in ("group", "community"):
            case.pop("group", None)
        if kind != "legislation_policy":
            case.pop("legislation", None)
        if case["communication"]["requested_type"] != "urgent_appeal":
            case["communication"].pop("urgency", None)
        for inc in case.get("incidents", []):
            inc["date"], inc["date_end"] = "2026-10-01", "2026-10-03"
    k = int(case["id"].rsplit("-", 1)[1])
    for i, p in enumerate(persons_of(case)):
        p["sex"] = ["female", "male", "other", "unknown"][(k + i) % 4]
        if p["sex"] != "female":
            p.pop("pregnant", None)
        c = p.get("consent", {})
        # consent that could not be obtained: its reason instead of who
        # gave it (an individual submitter's case, the first person, the
        # submitter a relative: the WGEID needs the family's consent from
        # anyone else)
        if i == 0 and sub.get("kind") == "individual" and k % 4 == 1:
            sub["relationship_to_victim"] = "relative"
            sub["relationship_detail"] = "Elder brother (Quillbrook%d)" % k
            c["status"] = "not_possible"
            for x in ("given_by", "given_by_name", "relationship", "date", "form"):
                c.pop(x, None)
        else:
            c.pop("reason_not_obtained", None)
    # forces: State agents, and in odd variants State-supported ones with
    # their link to the State
    forces = case.get("perpetrators", []) + case.get("responsible_forces", []) + \
        case.get("arrest", {}).get("forces", []) + case.get("detention", {}).get("custodians", [])
    for i, f in enumerate(forces):
        if (k + i) % 2 == 1:
            f["kind"] = "state_supported_or_acquiescent"
        else:
            f["kind"] = "state_agent"
            f.pop("link_to_state", None)
    det = case.get("detention")
    if det is not None and k % 2 == 1:
        det["status"], det["date_end"] = "released", "2026-11-05"


def persons_of(case):
    out = []
    for key in ("victims", "disappeared", "detainee"):
        v = case.get(key)
        out += v if isinstance(v, list) else [v] if isinstance(v, dict) else []
    return out

# ---------------------------------------------------------------- YAML
# the emitter of the confidentiality generator (Text: a literal block)
_spec = importlib.util.spec_from_file_location(
    "confidential_gen", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                     "confidential", "gen.py"))
_emitter = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_emitter)
Text, dump = _emitter.Text, _emitter.dump


def main():
    os.makedirs(OUT, exist_ok=True)
    forms = [l.split()[0] for l in subprocess.run([SPCOMM, "forms"], capture_output=True,
             text=True, check=True).stdout.splitlines() if l.strip()]
    for form in forms:
        fields = schema(form)
        for k in range(VARIANTS):
            g = Gen(form, k, fields)
            case = {}
            for p, t, tr in fields:
                if "." in p:
                    continue
                v = g.value(p, t, tr)
                if v is not None and v != [] and v != {}:
                    case[p] = v
            annexes(g, case, OUT)
            fill_refs(fields, case)
            set_refs(case)
            consents(case, k)
            sanitize(case, form)
            with open(os.path.join(OUT, "%s-%d.yaml" % (form, k)), "w", encoding="utf-8") as f:
                f.write("# generated by tests/complete/gen.py: every field of %s\n" % form)
                f.write(dump(case))


main()
