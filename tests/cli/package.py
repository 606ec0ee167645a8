#!/usr/bin/env python3
"""package.py EML CASE RENDERED_PDF LANG: check one e-mail draft of `spcomm
package` with Python's own MIME parser against what the case file and
forms/mandates.yaml say, independently of spcomm.  Prints one line per
problem; exit 1 if any."""
import datetime
import email
import email.policy
import hashlib
import os
import sys

import yaml

eml_path, case_path, pdf_path, lang = sys.argv[1:5]
problems = []


def want(cond, what):
    if not cond:
        problems.append(what)


case = yaml.safe_load(open(case_path, encoding="utf-8"))
mandates = yaml.safe_load(open("forms/mandates.yaml", encoding="utf-8"))
form = yaml.safe_load(open("forms/%s.yaml" % case["form"], encoding="utf-8"))
with open(eml_path, "rb") as f:
    raw = f.read()
msg = email.message_from_bytes(raw, policy=email.policy.default)

want(b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "line ends are not all CRLF")
want(msg["X-Unsent"] == "1", "X-Unsent is %r" % msg["X-Unsent"])
want(msg["Message-ID"] is not None and msg["Date"] is not None, "no Message-ID or Date")

keys = case.get("addressees") or form.get("addressees") or []
expected_to = []
for k in keys:
    a = (mandates["mandates"].get(k) or {}).get("email")
    if a and a not in expected_to:
        expected_to.append(a)
to = [a.addr_spec for a in msg["To"].addresses] if msg["To"] else []
want(to == expected_to, "To %r, want %r" % (to, expected_to))

feared = (case.get("reprisal_concern") or {}).get("feared") is True
cc = [a.addr_spec for a in msg["Cc"].addresses] if msg["Cc"] else []
want(cc == ([mandates["reprisals"]["email"]] if feared else []), "Cc %r (feared: %s)" % (cc, feared))

sub_email = (case.get("submitter") or {}).get("email")
frm = [a.addr_spec for a in msg["From"].addresses] if msg["From"] else []
want(frm == ([sub_email] if sub_email else []), "From %r, want %r" % (frm, sub_email))

subject = str(msg["Subject"])
want(case["id"] in subject, "the subject %r lacks the case id" % subject)
# The urgent procedure the subject must open with, worked out from the
# case as the UN's rules say (not from the forms): sp-general's urgent
# appeal, WGAD's urgent action, WGEID's urgent action procedure (a
# disappearance within three months, 92 days, before the submission).
disappeared = (case.get("disappearance") or {}).get("date")
recent = case["form"] == "wgeid" and isinstance(disappeared, datetime.date) and \
    isinstance(case.get("date"), datetime.date) and 0 <= (case["date"] - disappeared).days <= 92
markers = {
    "package.subject_urgent": case["form"] == "sp-general" and
    (case.get("communication") or {}).get("requested_type") == "urgent_appeal",
    "wgad.subject.urgent_action": case["form"] == "wgad" and
    (case.get("urgent_action") or {}).get("requested") is True,
    "wgeid.subject.urgent_procedure": recent,
}
cat = yaml.safe_load(open("locale/%s.yaml" % lang, encoding="utf-8"))
for key, urgent in markers.items():
    marker = cat[key]
    want(marker.strip() != "" and subject.startswith(marker + cat["package.subject_separator"]) == urgent,
         "subject %r: %s is %s" % (subject, key, urgent))

body = msg.get_body(preferencelist=("plain",))
want(body is not None, "no plain-text body")
text = body.get_content() if body else ""

atts = list(msg.iter_attachments())
annexes = [a for a in case.get("attachments") or []]
want(len(atts) == 1 + len(annexes), "%d attachments, want %d" % (len(atts), 1 + len(annexes)))
if atts:
    pdf = atts[0]
    want(pdf.get_content_type() == "application/pdf", "first attachment is %s" % pdf.get_content_type())
    want(pdf["Content-Transfer-Encoding"].strip().lower() == "base64", "the PDF is not base64")
    with open(pdf_path, "rb") as f:
        want(pdf.get_payload(decode=True) == f.read(), "the PDF differs from spcomm render's")
for att, ax in zip(atts[1:], annexes):
    with open(os.path.join(os.path.dirname(case_path), ax["file"]), "rb") as f:
        data = f.read()
    want(att.get_payload(decode=True) == data, "annex %s differs from its file" % ax["file"])
    want(att.get_filename() == os.path.basename(ax["file"]), "annex named %r" % att.get_filename())
for att in atts:
    name = att.get_filename() or ""
    want(".government." not in name and ".public." not in name, "a restricted copy attached: " + name)
    digest = hashlib.sha256(att.get_payload(decode=True)).hexdigest()
    want(digest in text.replace("\n", ""), "the body lacks the SHA-256 of %s" % name)
    want(name in text, "the body does not list %s" % name)

for p in problems:
    print("%s: %s" % (eml_path, p))
sys.exit(1 if problems else 0)
