#!/usr/bin/env python3
"""gen.py - generated cases for the confidentiality properties.

    gen.py OUTDIR [--seed N]

Writes OUTDIR/*.yaml and OUTDIR/plan.json, which tests/confidential/prop.py
reads.  Deterministic: the same seed gives the same files, byte for byte.
Standard library only (no PyYAML): the cases are built as Python values
and written by the small emitter below.

Three groups of cases:

- source: one identity of the source (SRC value: submitter name in either
  order, alias, original script, organisation, co-submitter, e-mail, phone
  with and without the country code, an address line, consent giver,
  confidential witness, taken_by_name, internal_ref) written once, in one
  GOV or PUB free-text field, obfuscated one way.  `spcomm check` must
  refuse each (exit 1, source-in-narrative).  Every secret x every
  free-text field of its form x every obfuscation that applies.
- victim: a victim's name whose consent does not allow the copy
  (Government: share_name_with_government "no"; public: publish_name "no"
  or "initials"), as full name (either order), family name, given name,
  alias, original script, transliteration; obfuscated one way and written
  in every free-text field of one field kind at once (GOV and PUB strings
  and texts; or the zh, ar and fr translations only, the en text clean; or
  the case id).  Rendered; the name must be absent from the copies it may
  not reach.  Every secret kind x obfuscation x field kind, the form
  chosen by the seed.
- legit: cases check must accept (relatives sharing the victim's family
  name, sources called Zhou or Chen writing about Guangzhou or Chengdu,
  relationship words, a submitter who may be named, a submitter who is
  the victim), some rendered to see that the gate does not over-withhold.
"""
import json
import os
import random
import sys
import unicodedata

# ---------------------------------------------------------------- emitter


class Text(str):
    """A `text` value: written as a literal block scalar."""


def q(s):
    return json.dumps(s, ensure_ascii=False)


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return q(v)


def emit(v, ind=0):
    """YAML lines for value v (a mapping or a list) at indent ind."""
    pad = " " * ind
    out = []
    if isinstance(v, dict):
        for k, x in v.items():
            out += emit_entry(pad + k + ":", x, ind)
    elif isinstance(v, list):
        for x in v:
            if isinstance(x, dict):
                sub = emit(x, ind + 2)
                sub[0] = pad + "- " + sub[0][ind + 2:]
                out += sub
            else:
                out += emit_entry(pad + "-", x, ind)
    return out


def emit_entry(head, x, ind):
    if isinstance(x, (dict, list)):
        if not x:
            return [head + (" {}" if isinstance(x, dict) else " []")]
        return [head] + emit(x, ind + 2)
    if isinstance(x, Text):
        body = x if x.endswith("\n") else x + "\n"
        pad = " " * (ind + 2)
        return [head + " |"] + [(pad + l) if l else "" for l in body[:-1].split("\n")]
    return [head + " " + scalar(x)]


def dump(case):
    return "\n".join(emit(case)) + "\n"

# ---------------------------------------------------------------- obfuscations


def longest_word_mid(s, ins):
    words = s.split(" ")
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 4:
        return None
    words[i] = w[: len(w) // 2] + ins + w[len(w) // 2:]
    return " ".join(words)


def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def mixed(s):
    return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(s))


# name -> (function, only in block scalars)
OBFUSCATIONS = {
    "plain": (lambda s: s, False),
    "upper": (lambda s: s.upper(), False),
    "lower": (lambda s: s.lower(), False),
    "mixed-case": (mixed, False),
    "line-break": (lambda s: s.replace(" ", "\n", 1) if " " in s else None, True),
    "double-space": (lambda s: s.replace(" ", "  ") if " " in s else None, False),
    "soft-hyphen": (lambda s: longest_word_mid(s, "\u00ad"), False),
    "zwsp": (lambda s: longest_word_mid(s, "\u200b"), False),
    "zwj": (lambda s: longest_word_mid(s, "\u200d"), False),
    "bidi-mark": (lambda s: longest_word_mid(s, "\u200f"), False),
    "nfd": (lambda s: unicodedata.normalize("NFD", s), False),
    "full-width": (fullwidth, False),
}
# what a case id can hold ([A-Za-z0-9_-]): the secret as an id word
ID_OBFUSCATIONS = {"plain", "upper", "lower", "mixed-case"}


# letters whose accent is part of the letter, as people write them in ASCII
STROKES = str.maketrans({"Đ": "D", "đ": "d", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o",
                         "Ħ": "H", "ħ": "h", "ı": "i", "Æ": "AE", "æ": "ae"})


def id_form(s):
    d = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    d = d.translate(STROKES)
    out = "".join(c if c.isascii() and c.isalnum() else "-" for c in d)
    out = "-".join(p for p in out.split("-") if p)
    return out if out and all(c.isascii() for c in out) else None

# ---------------------------------------------------------------- base cases
# Derived from cases/: one per form, trimmed, every free-text field
# present.  "T" marks a field translatable (a {en: ..., zh: ...} mapping
# is allowed there).


def name(family, given, original=None, other=None, order=None):
    n = {"family": family, "given": given}
    if order:
        n["order"] = order
    if original:
        n["original"] = {"family": original[0], "given": original[1]}
    if other:
        n["other"] = list(other)
    return n


def consent_self(share, publish):
    return {"status": "given", "given_by": "victim", "date": "2026-10-02", "form": "written",
            "share_name_with_government": share, "publish_name": publish}


def consent_rel(who, rel, share, publish):
    return {"status": "given", "given_by": "relative", "given_by_name": who,
            "relationship": rel, "date": "2026-10-30", "form": "written",
            "share_name_with_government": share, "publish_name": publish}


def base_sp_general():
    return {
        "spcomm": 1, "form": "sp-general", "id": "sp-2026-017", "language": "en",
        "date": "2026-11-20",
        "addressees": ["sr_hr_defenders", "sr_independence_judges_lawyers"],
        "internal_ref": "CALRN/UA/2026/117",
        "confidential_notes": Text("The family asks that the Government not learn of this submission."),
        "previous_submission": {"date": "2026-05", "un_reference": "AL KGZ 3/2026",
                                "note": Text("A first letter was sent in May 2026.")},
        "submitter": {
            "kind": "organization",
            "organization": {"name": "Central Asian Lawyers' Rights Network", "type": "lawyers"},
            "name": name("Vermeulen", "Saskia", other=["Kiki Jansen"]),
            "co_submitters": [{"organization": "Ak-Sai Legal Aid Foundation", "country": "KG"}],
            "relationship_to_victim": "ngo_acting_for_family",
            "address": Text("Postbus 11870\n2502 AW The Hague\nNetherlands"),
            "country": "NL", "email": "urgent@calrn.example.org", "phone": "+31 70 555 0147",
            "keep_identity_confidential": True,
        },
        "communication": {"requested_type": "allegation_letter", "subject_kind": "individual"},
        "states_concerned": ["KG"],
        "victims": [
            {"id": "v1", "name": name("Sadykova", "Aida", ("Садыкова", "Аида"), order="given_family"),
             "sex": "female", "date_of_birth": "1984-05-14", "age_at_event": 42,
             "nationalities": ["KG"],
             "occupation": "Lawyer, member of the Bar",
             "activities": ["human_rights", "legal"], "is_human_rights_defender": True,
             "background": Text("She has practised as a defence lawyer in Bishkek since 2010.\n"
                                "She has represented journalists and bloggers."),
             "residence": {"country": "KG", "region": "Chuy", "locality": "Bishkek",
                           "details": Text("Apartment building in the Asanbai micro-district"),
                           "place_type": "home"},
             "identity_documents": [{"type": "passport", "number": "AC1234567",
                                     "issued_by": "State Registration Service"}],
             "consent": consent_rel(name("Osmonov", "Timur"), "husband", "yes", "full_name")},
            # the target: its consent is set per generated case
            {"id": "v2", "name": name("Abdrakhmanov", "Nurlan", ("Абдрахманов", "Нурлан"),
                                      other=["Nurik Batyr"], order="given_family"),
             "sex": "male", "age_at_event": 35, "nationalities": ["KG"],
             "occupation": "Paralegal",
             "consent": consent_self("no", "no")},
            # a name given only in its own script: the copy prints its
            # transliteration
            {"id": "v3", "name": {"original": {"family": "Жумабеков", "given": "Бакыт"}},
             "sex": "male", "age_at_event": 30, "nationalities": ["KG"],
             "occupation": "Driver",
             "consent": consent_self("no", "no")},
        ],
        "incidents": [{
            "date": "2026-11-19", "time": "07:40",
            "place": {"country": "KG", "region": "Chuy", "locality": "Bishkek",
                      "details": Text("Entrance of the building on Chui Avenue"),
                      "place_type": "workplace"},
            "victims": ["v1", "v2", "v3"],
            "description": Text("At about 7.40 a.m. six men in plain clothes stopped the lawyers\n"
                                "at the entrance of the building and drove them away."),
            "status": "past", "victim_status_now": "detained"}],
        "perpetrators": [{
            "kind": "state_agent",
            "institution": "State Committee for National Security",
            "unit": "Investigation Department", "number": 6, "appearance": "plain_clothes",
            "identification_shown": "yes",
            "individuals": [{"name": name("Bekov", "Azamat"), "rank_or_function": "Major, head of the team"}],
            "basis_for_attribution": Text("One of the men showed an identity card of the Committee.")}],
        "witnesses": [{"name": name("Usenov", "Ermek"), "confidential": True}],
        "domestic_remedies": [{
            "date": "2026-11-19", "action": "prosecutor_complaint",
            "authority": "Office of the Prosecutor General", "taken_by": "relative",
            "taken_by_name": name("Asanova", "Dinara"),
            "reference": "Incoming No. 4417",
            "outcome": Text("The complaint was registered. No reply has been received.")}],
        "domestic_remedies_none_reason": Text("Other remedies are not effective in practice."),
        "relevant_law": [{"instrument": "iccpr", "article": "7, 9, 10 and 14"}],
        "action_requested": Text("We ask the Special Rapporteurs to request the Government to\n"
                                 "disclose where the lawyers are held."),
        "reprisal_concern": {"feared": True, "details": Text("The family fears questioning.")},
    }


def base_wgeid():
    return {
        "spcomm": 1, "form": "wgeid", "id": "wgeid-2026-x", "language": "en",
        "date": "2026-11-20", "addressees": ["wg_disappearances"],
        "internal_ref": "ADDC/CN/2026/044",
        "confidential_notes": Text("The family asks that relatives abroad not be mentioned."),
        "previous_submission": {"date": "2026-03", "un_reference": "WGEID 10.123",
                                "note": Text("An earlier submission was made in March 2026.")},
        "submitter": {
            "kind": "organization",
            "organization": {"name": "Asia Disappearances Documentation Centre", "type": "ngo"},
            "name": name("Srisuk", "Nattaya", other=["Noi Srisuk-Pong"]),
            "co_submitters": [{"organization": "Pearl River Labour Watch", "country": "HK"}],
            "relationship_to_victim": "ngo_acting_for_family",
            "address": Text("PO Box 1142, Silom Post Office\nBangkok 10500\nThailand"),
            "country": "TH", "email": "cases@addc-asia.example.org", "phone": "+66 2 555 0183",
            "can_maintain_contact": True, "keep_identity_confidential": True,
        },
        "disappeared": {
            "name": name("Chen", "Yong", ("陈", "勇"), other=["Dazhuang"], order="family_given"),
            "sex": "male", "date_of_birth": "1981-04-09", "age_at_event": 44,
            "nationalities": ["CN"],
            "identity_documents": [{"type": "national_id", "number": "44010619810409XXXX",
                                    "issued_by": "Guangzhou Public Security Bureau"}],
            "occupation": "Legal adviser at a workers' service centre",
            "activities": ["trade_union", "human_rights"], "is_human_rights_defender": True,
            "background": Text("He has advised factory workers since 2012.\n"
                               "He ran a small workers' service centre in Panyu District."),
            "residence": {"country": "CN", "region": "Guangdong", "locality": "Guangzhou",
                          "details": Text("Residential compound on Huangpu Avenue West"),
                          "place_type": "home"},
            "consent": consent_rel(name("Li", "Mei", ("李", "梅"), order="family_given"),
                                   "spouse", "no", "no"),
        },
        "disappearance": {
            "date": "2025-06-14", "kind": "abduction",
            "place": {"country": "CN", "region": "Guangdong", "locality": "Guangzhou",
                      "details": Text("In front of the east gate of the compound"),
                      "place_type": "street"},
            "description": Text("At about 9.30 p.m. four men in plain clothes pushed him into a van.\n"
                                "The Bureau has since refused to say where he is held."),
            "whereabouts": "capture_acknowledged_location_undisclosed"},
        "responsible_forces": [{
            "kind": "state_agent", "institution": "Guangzhou Municipal Public Security Bureau",
            "unit": "Domestic Security Protection Division", "number": 4,
            "appearance": "plain_clothes", "identification_shown": "yes",
            "basis_for_attribution": Text("One of the men showed a police identity card.")}],
        "witnesses": [{"name": name("Ma", "Jianguo", ("马", "建国"), order="family_given"),
                       "confidential": True}],
        "steps_taken": [{
            "date": "2025-06-17", "action": "inquiry_with_authorities",
            "authority": "Tianhe District Branch of the Bureau", "taken_by": "relative",
            "taken_by_name": name("Huang", "Lifen", order="family_given"),
            "reference": "Letters and visits 2025-0713",
            "outcome": Text("The duty officer refused to say where he is held.")}],
        "steps_not_possible_reason": Text("A court application was not possible."),
        "related_cases": [{"name": name("Zhou", "Hua", ("周", "华"), order="family_given"),
                           "relationship": "Colleague, taken the same evening",
                           "un_reference": "WGEID 10.124"}],
        "reprisal_concern": {"feared": True, "details": Text("The family fears pressure.")},
    }


def base_wgad():
    return {
        "spcomm": 1, "form": "wgad", "id": "wgad-2026-x", "language": "en",
        "date": "2026-11-20", "addressees": ["wg_arbitrary_detention"],
        "internal_ref": "MRW-VN-2026-12",
        "confidential_notes": Text("The family met us outside the country."),
        "previous_submission": {"date": "2026-06", "un_reference": "WGAD 2026/77",
                                "note": Text("A first request was sent in June 2026.")},
        "submitter": {
            "kind": "organization",
            "organization": {"name": "Mekong Rights Watch", "type": "ngo"},
            "name": name("Okafor", "Adaeze", other=["Ada Nwosu-Okafor"]),
            "co_submitters": [{"organization": "Coastal Fishers Solidarity Collective", "country": "TH"}],
            "relationship_to_victim": "ngo_acting_for_family",
            "address": Text("88/12 Soi Sukhumvit 31\nBangkok 10110\nThailand"),
            "country": "TH", "email": "detention@mekongrights.example.org",
            "phone": "+66 2 555 0117",
        },
        "detainee": {
            "name": name("Trần", "Thị Lan", other=["Hoa Biển"], order="family_given"),
            "sex": "female", "date_of_birth": "1988-07-23", "age_at_event": 37,
            "nationalities": ["VN"],
            "identity_documents": [{"type": "national_id", "number": "042188000731",
                                    "issued_by": "Police Department for Administrative Management"}],
            "occupation": "Secondary school teacher and blogger",
            "activities": ["environmental_land", "press_media"], "is_human_rights_defender": True,
            "background": Text("She has taught biology at a secondary school since 2011.\n"
                               "She writes about water pollution along the coast."),
            "residence": {"country": "VN", "region": "Hà Tĩnh", "locality": "Kỳ Anh",
                          "details": Text("A house near the market"), "place_type": "home"},
            "consent": consent_rel(name("Phạm", "Văn Đức", order="family_given"), "husband",
                                   "no", "no"),
        },
        "arrest": {
            "date": "2026-03-18",
            "place": {"country": "VN", "region": "Hà Tĩnh", "locality": "Kỳ Anh",
                      "details": Text("At her home, at about 6 a.m."), "place_type": "home"},
            "forces": [{"kind": "state_agent",
                        "institution": "Public Security Department of the Province",
                        "unit": "Security Investigation Agency", "number": 9,
                        "appearance": "mixed", "identification_shown": "yes",
                        "basis_for_attribution": Text("The officer read out a decision of the Agency.")}],
            "warrant_shown": "yes",
            "warrant_authority": "People's Procuracy of the Province",
            "reasons_given": Text("She was suspected of propaganda against the State."),
            "legal_basis": Text("Article 117 of the Criminal Code of 2015"),
        },
        "detention": {
            "date": "2026-03-18", "status": "detained",
            "custodians": [{"kind": "state_agent",
                            "institution": "Public Security Department of the Province",
                            "unit": "Detention Centre No. 1",
                            "basis_for_attribution": Text("The Department runs the detention centre.")}],
            "places": [{"place": {"country": "VN", "region": "Thanh Hóa", "locality": "Như Thanh",
                                  "details": Text("Prison No. 5")},
                        "from": "2026-10-29", "facility_type": "prison", "current": True}],
            "ordering_authority": "People's Court of the Province",
            "reasons_given": Text("Pre-trial detention for investigation."),
            "legal_basis": Text("Articles 117 and 173 of the Criminal Code"),
            "conditions": Text("For four months she was held alone in a cell without windows."),
        },
        "proceedings": {"charges": Text("Propaganda against the State (article 117)."),
                        "court": "People's Court of the Province", "case_number": "41/2026/HS-ST",
                        "lawyer_access": "no", "family_access": "no",
                        "judgment": {"date": "2026-10-15", "sentence": "Eight years' imprisonment"}},
        "categories_invoked": ["II", "III"],
        "category_arguments": {
            "II": Text("She was arrested and sentenced only for what she wrote."),
            "II_rights": ["udhr_19", "iccpr_19"],
            "III": Text("She was held for seven months without access to a lawyer."),
        },
        "circumstances": Text("At about 6 a.m. nine officers came to the house.\n"
                              "They searched it for three hours and took her laptop."),
        "domestic_remedies": [{
            "date": "2026-04-02", "action": "letter_to_ministry",
            "authority": "Ministry of Public Security", "taken_by": "relative",
            "taken_by_name": name("Nguyễn", "Văn Bình", order="family_given"),
            "reference": "Letter 2026-04-02",
            "outcome": Text("The family asked where she was held. No reply.")}],
        "domestic_remedies_none_reason": Text("No court accepts such complaints."),
        "urgent_action": {"requested": True,
                          "health_or_life_risk": Text("She has a heart condition and no treatment.")},
    }


BASES = {"sp-general": base_sp_general, "wgeid": base_wgeid, "wgad": base_wgad}

# The GOV and PUB free-text fields of each base: (path, type, class,
# translatable).  A path is a tuple of keys and list indices.
FIELDS = {
    "sp-general": [
        (("previous_submission", "un_reference"), "string", "GOV", False),
        (("previous_submission", "note"), "text", "GOV", False),
        (("victims", 0, "occupation"), "string", "PUB", True),
        (("victims", 0, "background"), "text", "PUB", True),
        (("victims", 0, "residence", "locality"), "string", "GOV", True),
        (("victims", 0, "residence", "details"), "text", "GOV", True),
        (("victims", 0, "identity_documents", 0, "issued_by"), "string", "GOV", False),
        (("victims", 1, "occupation"), "string", "PUB", True),
        (("incidents", 0, "place", "details"), "text", "GOV", True),
        (("incidents", 0, "place", "locality"), "string", "PUB", True),
        (("incidents", 0, "description"), "text", "GOV", True),
        (("perpetrators", 0, "institution"), "string", "PUB", True),
        (("perpetrators", 0, "unit"), "string", "PUB", True),
        (("perpetrators", 0, "individuals", 0, "rank_or_function"), "string", "GOV", False),
        (("perpetrators", 0, "basis_for_attribution"), "text", "GOV", True),
        (("domestic_remedies", 0, "authority"), "string", "PUB", True),
        (("domestic_remedies", 0, "reference"), "string", "GOV", False),
        (("domestic_remedies", 0, "outcome"), "text", "PUB", True),
        (("domestic_remedies_none_reason",), "text", "PUB", True),
        (("relevant_law", 0, "article"), "string", "PUB", False),
        (("action_requested",), "text", "PUB", True),
    ],
    "wgeid": [
        (("previous_submission", "note"), "text", "GOV", False),
        (("disappeared", "occupation"), "string", "PUB", True),
        (("disappeared", "background"), "text", "PUB", True),
        (("disappeared", "identity_documents", 0, "issued_by"), "string", "GOV", False),
        (("disappeared", "residence", "details"), "text", "GOV", True),
        (("disappearance", "place", "details"), "text", "GOV", True),
        (("disappearance", "place", "region"), "string", "PUB", True),
        (("disappearance", "description"), "text", "GOV", True),
        (("responsible_forces", 0, "institution"), "string", "PUB", True),
        (("responsible_forces", 0, "unit"), "string", "PUB", True),
        (("responsible_forces", 0, "basis_for_attribution"), "text", "GOV", True),
        (("steps_taken", 0, "authority"), "string", "PUB", True),
        (("steps_taken", 0, "reference"), "string", "GOV", False),
        (("steps_taken", 0, "outcome"), "text", "PUB", True),
        (("steps_not_possible_reason",), "text", "PUB", True),
        (("related_cases", 0, "relationship"), "string", "GOV", False),
        (("related_cases", 0, "un_reference"), "string", "GOV", False),
    ],
    "wgad": [
        (("previous_submission", "note"), "text", "GOV", False),
        (("detainee", "occupation"), "string", "PUB", True),
        (("detainee", "background"), "text", "PUB", True),
        (("detainee", "residence", "details"), "text", "GOV", True),
        (("arrest", "place", "details"), "text", "PUB", True),
        (("arrest", "warrant_authority"), "string", "PUB", True),
        (("arrest", "reasons_given"), "text", "PUB", True),
        (("arrest", "legal_basis"), "text", "PUB", True),
        (("arrest", "forces", 0, "unit"), "string", "PUB", True),
        (("arrest", "forces", 0, "basis_for_attribution"), "text", "GOV", True),
        (("detention", "ordering_authority"), "string", "PUB", True),
        (("detention", "conditions"), "text", "GOV", True),
        (("detention", "places", 0, "place", "details"), "text", "GOV", True),
        (("proceedings", "charges"), "text", "GOV", False),
        (("proceedings", "court"), "string", "GOV", False),
        (("proceedings", "judgment", "sentence"), "string", "GOV", False),
        (("category_arguments", "II"), "text", "PUB", True),
        (("category_arguments", "III"), "text", "PUB", True),
        (("circumstances",), "text", "GOV", True),
        (("domestic_remedies", 0, "authority"), "string", "PUB", True),
        (("domestic_remedies", 0, "outcome"), "text", "PUB", True),
        (("urgent_action", "health_or_life_risk"), "text", "GOV", True),
    ],
}

TRANSLATIONS = ["zh", "ar", "fr"]
FIELD_KINDS = ["gov-string", "pub-string", "gov-text", "pub-text"] + \
    ["translation-" + l for l in TRANSLATIONS] + ["case-id"]


def field_kind(f):
    _, typ, cls, _ = f
    return cls.lower() + "-" + typ


# The source's identities of each base: kind -> the value.
SOURCE_SECRETS = {
    "sp-general": {
        "submitter-name": "Saskia Vermeulen", "submitter-name-reversed": "Vermeulen Saskia",
        "submitter-alias": "Kiki Jansen", "organization": "Central Asian Lawyers' Rights Network",
        "co-submitter": "Ak-Sai Legal Aid Foundation", "email": "urgent@calrn.example.org",
        "phone": "+31 70 555 0147", "phone-national": "070 555 0147",
        "address-line": "2502 AW The Hague", "consent-giver": "Timur Osmonov",
        "witness": "Ermek Usenov", "taken-by": "Dinara Asanova",
        "internal-ref": "CALRN/UA/2026/117",
    },
    "wgeid": {
        "submitter-name": "Nattaya Srisuk", "submitter-name-reversed": "Srisuk Nattaya",
        "submitter-alias": "Noi Srisuk-Pong",
        "organization": "Asia Disappearances Documentation Centre",
        "co-submitter": "Pearl River Labour Watch", "email": "cases@addc-asia.example.org",
        "phone": "+66 2 555 0183", "phone-national": "02 555 0183",
        "address-line": "PO Box 1142, Silom Post Office", "consent-giver": "Li Mei",
        "consent-giver-original": "李梅", "witness": "Ma Jianguo", "witness-original": "马建国",
        "taken-by": "Huang Lifen", "internal-ref": "ADDC/CN/2026/044",
    },
    "wgad": {
        "submitter-name": "Adaeze Okafor", "submitter-name-reversed": "Okafor Adaeze",
        "submitter-alias": "Ada Nwosu-Okafor", "organization": "Mekong Rights Watch",
        "co-submitter": "Coastal Fishers Solidarity Collective",
        "email": "detention@mekongrights.example.org",
        "phone": "+66 2 555 0117", "phone-national": "2 555 0117",
        "address-line": "88/12 Soi Sukhumvit 31", "consent-giver": "Phạm Văn Đức",
        "consent-giver-reversed": "Văn Đức Phạm",
        "taken-by": "Nguyễn Văn Bình", "internal-ref": "MRW-VN-2026-12",
    },
}

# The target victim of each base: where it is in the case, and its names.
TARGET = {
    "sp-general": ("victims", 1),
    "wgeid": ("disappeared",),
    "wgad": ("detainee",),
}
VICTIM_SECRETS = {
    "sp-general": {"full-name": "Nurlan Abdrakhmanov", "full-name-reversed": "Abdrakhmanov Nurlan",
                   "family-name": "Abdrakhmanov", "given-name": "Nurlan",
                   "alias": "Nurik Batyr", "original-script": "Абдрахманов Нурлан",
                   "transliteration": "Bakyt Zhumabekov"},
    "wgeid": {"full-name": "Chen Yong", "full-name-reversed": "Yong Chen",
              "family-name": "Chen", "given-name": "Yong", "alias": "Dazhuang",
              "original-script": "陈勇"},
    "wgad": {"full-name": "Trần Thị Lan", "full-name-reversed": "Thị Lan Trần",
             "family-name": "Trần", "given-name": "Thị Lan", "alias": "Hoa Biển"},
}
VICTIM_KINDS = ["full-name", "full-name-reversed", "family-name", "given-name", "alias",
                "original-script", "transliteration"]

# ---------------------------------------------------------------- placing


def get(case, path):
    v = case
    for k in path:
        v = v[k]
    return v


def put(case, path, value):
    get(case, path[:-1])[path[-1]] = value


def plain_of(v):
    return v if isinstance(v, str) else v["en"]


SURROUND = {
    "en": ("According to the family, ", " was seen there."),
    "zh": ("据家属说，", "曾在那里出现。"),
    "ar": ("وفقا للعائلة، ", " شوهد هناك."),
    "fr": ("Selon la famille, ", " y a été vu."),
}


def place(case, f, secret, lang=None):
    """Write secret into field f: its whole value (en), or only its
    translation into lang, the English text left clean."""
    path, typ, _, _ = f
    cur = plain_of(get(case, path))
    pre, post = SURROUND[lang or "en"]
    if typ == "text":
        new = Text(cur.rstrip("\n") + "\n" + pre + secret + post)
    else:
        new = pre + secret + post
    if lang is None:
        put(case, path, new)
    else:
        put(case, path, {"en": cur, lang: new})


def valid_target(form, target):
    """The WGEID transmits every case under the disappeared person's full
    name: a name withheld from the Government is refused by check
    (name-not-shared), so a WGEID case withholds it from the public only."""
    return "public-no" if form == "wgeid" and target == "government" else target


def set_consent(case, form, target):
    """target 'government': the victim's name may reach neither copy;
    'public-no' / 'public-initials': the Government may see it, the public
    not (initials only)."""
    c = get(case, TARGET[form])["consent"]
    if target == "government":
        c["share_name_with_government"], c["publish_name"] = "no", "no"
    else:
        c["share_name_with_government"] = "yes"
        c["publish_name"] = "no" if target == "public-no" else "initials"
    if form == "sp-general":     # the transliterated victim follows the target
        get(case, ("victims", 2))["consent"].update(
            share_name_with_government=c["share_name_with_government"],
            publish_name=c["publish_name"])


def applies(obf, secret, typ):
    fn, block_only = OBFUSCATIONS[obf]
    if block_only and typ != "text":
        return None
    return fn(secret)

def victim_case(form, kind, target, placements):
    """The base case of form, the target victim's consent set for target,
    the secret of kind written at each placement [path, obfuscation,
    translation language or None, field kind]."""
    secret = VICTIM_SECRETS[form][kind]
    c = BASES[form]()
    set_consent(c, form, target)
    fields = {".".join(map(str, f[0])): f for f in FIELDS[form]}
    by_field = {}
    for path, obf, la, _ in placements:
        if path == "id":
            c["id"] = ("v-" + OBFUSCATIONS[obf][0](id_form(secret)))[:57]
            continue
        by_field.setdefault(path, []).append((obf, la))
    for path, lst in by_field.items():
        f = fields[path]
        cur = plain_of(get(c, f[0]))
        if lst[0][1] is None:
            place(c, f, applies(lst[0][0], secret, f[1]))
            continue
        tr = {"en": cur}
        for obf, la in lst:
            tmp = {"x": cur}
            place(tmp, (("x",), f[1], f[2], f[3]), applies(obf, secret, f[1]), la)
            tr[la] = tmp["x"][la]
        put(c, f[0], tr)
    return c

# ---------------------------------------------------------------- legit cases


def legit_cases():
    """(name, case, notes) tuples: check must accept them (exit 0, no
    source-in-narrative); `shows` lists (copy, string) that must be in the
    copy, `warn` whether a source-name-part warning is allowed."""
    out = []

    # 1. a sister sharing the victim's family name gives consent
    c = base_wgeid()
    c["id"] = "legit-sister"
    c["disappeared"]["consent"] = consent_rel(name("Chen", "Mei", order="family_given"), "sister",
                                              "yes", "full_name")
    c["disappearance"]["description"] = Text(
        "Mr. Chen was taken away in Guangzhou. His sister went to the Bureau;\n"
        "Chen Yong's mother, his wife and his brother were questioned.")
    c["disappeared"]["background"] = Text("Chen Yong has advised factory workers since 2012.")
    out.append(("sister-chen", c, {"shows": [("government", "Chen Yong"),
]}))

    # 2. a son: Zhang Hao for Zhang Wei
    c = base_sp_general()
    c["id"] = "legit-son"
    v = c["victims"][1]
    v["name"] = name("Zhang", "Wei", order="family_given")
    v["consent"] = consent_rel(name("Zhang", "Hao", order="family_given"), "son", "yes", "initials")
    c["incidents"][0]["description"] = Text(
        "Mr. Zhang Wei was stopped with the lawyers. His son, the family's spokesman,\n"
        "asked the police where Mr. Zhang was held.")
    out.append(("son-zhang", c, {"shows": [("government", "Zhang Wei")]}))

    # 3. a wife with her husband's family name
    c = base_sp_general()
    c["id"] = "legit-wife"
    v = c["victims"][1]
    v["name"] = name("Benali", "Ahmed")
    v["consent"] = consent_rel(name("Benali", "Samira"), "wife", "yes", "full_name")
    c["incidents"][0]["description"] = Text(
        "Ahmed Benali was arrested. Mr. Benali's wife, his spouse of twenty years,\n"
        "was told nothing; la fille de M. Benali et son hermano lo buscaron.")
    v["occupation"] = "Ahmed Benali is a paralegal"
    out.append(("wife-benali", c, {"shows": [("government", "Ahmed Benali"),
]}))

    # 4. sources called Zhou, Kong, Cruz, Chen writing about places
    for sname, place_text, ok_warn in [
            (("Zhou", "Min"), "He was seen in Guangzhou and later in Hangzhou.", False),
            (("Cruz", "María"), "He was moved from Veracruz to the capital.", False),
            (("Chen", "Jie"), "He was taken to a facility near Chengdu.", False),
            (("Kong", "Lei"), "He had lived in Hong Kong until 2019.", True)]:
        for variant, tr in [("plain", lambda s: s), ("upper", str.upper),
                            ("nfd", lambda s: unicodedata.normalize("NFD", s)),
                            ("full-width", fullwidth)]:
            c = base_wgeid()
            c["id"] = "legit-place-%s-%s" % (sname[0].lower(), variant)
            c["submitter"]["kind"] = "individual"
            del c["submitter"]["organization"]
            del c["submitter"]["co_submitters"]
            c["submitter"]["name"] = name(sname[0], sname[1], order="family_given")
            c["submitter"]["relationship_to_victim"] = "colleague"
            c["disappeared"]["consent"]["share_name_with_government"] = "yes"
            c["disappeared"]["consent"]["publish_name"] = "full_name"
            c["disappearance"]["description"] = Text(
                c["disappearance"]["description"] + "\n" + tr(place_text))
            out.append(("source-%s-%s" % (sname[0].lower(), variant), c,
                        {"warn": ok_warn}))

    # 5. relationship words, in several fields and languages
    c = base_wgad()
    c["id"] = "legit-relationship-words"
    c["detainee"]["consent"]["share_name_with_government"] = "yes"
    c["detainee"]["consent"]["publish_name"] = "full_name"
    c["detainee"]["consent"]["relationship"] = "spouse"
    c["circumstances"] = Text("Her husband, her mother and her spouse's brother were present.\n"
                              "Sa fille et son hermano ont assisté à l'arrestation.")
    c["category_arguments"]["II"] = {"en": "Her mother and his wife were told nothing.",
                                     "fr": "Sa mère, sa fille et son époux n'ont rien su."}
    out.append(("relationship-words", c, {"shows": [("government", "Trần Thị Lan"),
                                                     ("government", "Her husband, her mother")]}))

    # 6. a submitter who may be named, named in the narrative
    c = base_wgad()
    c["id"] = "legit-named-submitter"
    c["submitter"]["keep_identity_confidential"] = False
    c["detainee"]["consent"]["share_name_with_government"] = "yes"
    c["detainee"]["consent"]["publish_name"] = "full_name"
    c["circumstances"] = Text("Adaeze Okafor of Mekong Rights Watch spoke to the family.\n"
                              "Ms. Okafor has followed the case since March.")
    out.append(("named-submitter", c, {"shows": [("government", "Adaeze Okafor")]}))

    # 7. the submitter is the victim
    c = base_sp_general()
    c["id"] = "legit-self"
    s = c["submitter"]
    s["kind"] = "individual"
    del s["organization"]
    del s["co_submitters"]
    s["name"] = name("Sadykova", "Aida")
    s["relationship_to_victim"] = "self"
    c["victims"][0]["consent"] = consent_self("yes", "full_name")
    c["incidents"][0]["description"] = Text(
        "I, Aida Sadykova, was stopped at the entrance of my office.\n"
        "Ms. Sadykova asked to call a lawyer; this was refused.")
    c["victims"][0]["background"] = Text("Aida Sadykova has practised as a lawyer since 2010.")
    out.append(("self", c, {"shows": [("government", "Aida Sadykova"),
]}))

    # 8. a witness who agreed to be named
    c = base_sp_general()
    c["id"] = "legit-open-witness"
    c["witnesses"][0]["confidential"] = False
    c["incidents"][0]["description"] = Text(
        c["incidents"][0]["description"] + "\nErmek Usenov, a colleague, saw the arrest.")
    out.append(("open-witness", c, {}))

    # 9. the victim with consent named in every narrative: shown, not withheld
    c = base_wgeid()
    c["id"] = "legit-consent-gov"
    c["disappeared"]["consent"]["share_name_with_government"] = "yes"
    c["disappeared"]["consent"]["publish_name"] = "initials"
    c["disappearance"]["description"] = Text(
        "Chen Yong was pushed into a van. Mr. Chen has not been seen since.")
    c["steps_taken"][0]["outcome"] = Text("The officer refused to say where Chen Yong is held.")
    out.append(("consent-government", c, {"shows": [
        ("government", "Chen Yong"), ("government", "Chen Yong was pushed into a van"),
        ("government", "The officer refused to say where Chen Yong is held"),
        ("government", "陈勇")]}))

    # 10. withheld victims whose names are words of the program's own: a
    # country (Jordan, the State concerned), a mandate's name (Freedom):
    # the country, the nationality, the places and the mandates print
    c = base_sp_general()
    c["id"] = "legit-program-words"
    c["states_concerned"] = ["JO"]
    c["addressees"] = ["sr_freedom_expression"]
    for v in c["victims"]:
        v["nationalities"] = ["JO"]
    c["victims"][0]["residence"]["country"] = "JO"
    c["victims"][0]["residence"]["region"] = "Amman Governorate"
    c["victims"][0]["residence"]["locality"] = "Amman"
    c["incidents"][0]["place"].update({"country": "JO", "region": "Amman Governorate",
                                       "locality": "Amman"})
    c["victims"][1]["name"] = name("Haddad", "Jordan")
    c["victims"][2]["name"] = name("Moyo", "Freedom")
    out.append(("program-words", c, {"shows": [
        ("government", "Jordan"), ("government", "Amman Governorate, Jordan"),
        ("government", "Mandates addressed Special Rapporteur on the promotion")]}))
    return out

# ---------------------------------------------------------------- main


def main():
    out = sys.argv[1]
    seed = 20261120
    if "--seed" in sys.argv:
        seed = int(sys.argv[sys.argv.index("--seed") + 1])
    rng = random.Random(seed)
    os.makedirs(out, exist_ok=True)
    plan = []
    n = 0

    def write(case, entry):
        nonlocal n
        n += 1
        if entry["group"] != "legit":
            # batch refuses cases that share an id: each its own
            # (letters: digits would run on into a phone number in the id)
            case["id"] = "%s-%s" % (case["id"], "".join("abcdefghij"[int(d)] for d in "%05d" % n))
        fn = "%05d-%s.yaml" % (n, entry["group"])
        with open(os.path.join(out, fn), "w", encoding="utf-8") as f:
            f.write(dump(case))
        entry["file"] = fn
        plan.append(entry)

    # source: every secret x every obfuscation x every field kind, the
    # field of that kind drawn; and every secret in every field once
    for form, secrets in SOURCE_SECRETS.items():
        fields = FIELDS[form]
        for kind, secret in secrets.items():
            combos = []
            for obf in OBFUSCATIONS:
                for fk in FIELD_KINDS:
                    if fk == "case-id":
                        continue
                    if fk.startswith("translation-"):
                        cands = [f for f in fields if f[3]]
                        la = fk.split("-", 1)[1]
                    else:
                        cands = [f for f in fields if field_kind(f) == fk]
                        la = None
                    cands = [f for f in cands if applies(obf, secret, f[1]) is not None]
                    if cands:
                        combos.append((rng.choice(cands), obf, la))
            for f in fields:
                combos.append((f, "plain", None))
            for f, obf, la in combos:
                c = BASES[form]()
                place(c, f, applies(obf, secret, f[1]), la)
                write(c, {"group": "source", "form": form, "kind": kind, "secret": secret,
                          "obfuscation": obf,
                          "field_kind": "translation-" + la if la else field_kind(f),
                          "fields": [".".join(map(str, f[0])) + ("." + la if la else "")]})
            for obf in sorted(ID_OBFUSCATIONS):
                w = id_form(secret)
                if w is None:
                    continue
                c = BASES[form]()
                c["id"] = ("x-" + OBFUSCATIONS[obf][0](w))[:57]
                write(c, {"group": "source", "form": form, "kind": kind, "secret": secret,
                          "obfuscation": obf, "field_kind": "case-id", "fields": ["id"]})

    # victim: every secret kind x obfuscation x field kind, the form drawn
    # among those that have the kind.  A case writes the secret in many
    # fields at once, each field with its own obfuscation (rotating, so
    # that a few cases cover every obfuscation in every field kind): in
    # the GOV and PUB strings and texts; or in the zh, ar and fr
    # translations of the translatable fields, the en text clean
    # (rendered in those languages); or in the case id.  prop.py narrows
    # a leak down to single placements (victim_case).
    for kind in VICTIM_KINDS:
        forms = [fm for fm in BASES if kind in VICTIM_SECRETS[fm]]
        for shape in ["fields", "translations"]:
            todo = {(o, "translation-" + la if la else field_kind(f))
                    for fm in forms for f in FIELDS[fm]
                    for la in (TRANSLATIONS if shape == "translations" else [None])
                    if (la is None or f[3])
                    for o in OBFUSCATIONS if applies(o, VICTIM_SECRETS[fm][kind], f[1]) is not None}
            r = 0
            while (todo or r < 2) and r < 12:
                form = rng.choice(forms)
                secret = VICTIM_SECRETS[form][kind]
                targets = ["government", rng.choice(["public-no", "public-initials"])]
                if shape == "translations":     # three languages: one target a case
                    targets = [targets[r % 2]]
                for target in targets:
                    target = valid_target(form, target)
                    placements = []
                    slots = [(f, la) for f in FIELDS[form]
                             for la in (TRANSLATIONS if shape == "translations" else [None])
                             if la is None or f[3]]
                    for j, (f, la) in enumerate(slots):
                        fk = "translation-" + la if la else field_kind(f)
                        # an obfuscation this field kind still lacks,
                        # else one drawn
                        ok = [o for o in OBFUSCATIONS if applies(o, secret, f[1]) is not None]
                        need = [o for o in ok if (o, fk) in todo]
                        obf = need[0] if need else rng.choice(ok)
                        placements.append([".".join(map(str, f[0])), obf, la, fk])
                        todo.discard((obf, fk))
                    write(victim_case(form, kind, target, placements),
                          {"group": "victim", "form": form, "kind": kind, "secret": secret,
                           "target": target, "placements": placements,
                           "langs": TRANSLATIONS if shape == "translations" else None})
                r += 1
        for obf in sorted(ID_OBFUSCATIONS):
            cands = [fm for fm in forms if id_form(VICTIM_SECRETS[fm][kind])]
            if not cands:
                continue
            form = rng.choice(cands)
            target = valid_target(form, rng.choice(["government", "public-no",
                                                    "public-initials"]))
            placements = [["id", obf, None, "case-id"]]
            write(victim_case(form, kind, target, placements),
                  {"group": "victim", "form": form, "kind": kind,
                   "secret": VICTIM_SECRETS[form][kind], "target": target,
                   "placements": placements, "langs": None})

    for nm, c, notes in legit_cases():
        write(c, dict({"group": "legit", "name": nm, "form": c["form"], "id": c["id"]}, **notes))

    with open(os.path.join(out, "plan.json"), "w", encoding="utf-8") as f:
        json.dump({"seed": seed, "cases": plan}, f, ensure_ascii=False, indent=0)
    print("%d cases in %s" % (n, out))


if __name__ == "__main__":
    main()
