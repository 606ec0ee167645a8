#!/usr/bin/env python3
"""gaps.py OUT - the cases of gaps.sh, written into OUT.

Each case is cases/ua-detained-lawyer.yaml with its incidents replaced by
one incident a text: the English original never names anybody ("the
victim"), and its translation (or, for lookalike letters, the original
itself) is a variant the test searches for.  For every case NAME there is
a NAME-control.yaml, the same case whose texts name nobody: the copies of
the two leave out as many texts as the variants name, and no more.
"""
import sys

OUT = sys.argv[1]
BASE = open("cases/ua-detained-lawyer.yaml", encoding="utf-8").read()

INCIDENT = """  - date: 2026-11-19
    place:
      country: KG
      locality: Bishkek
      place_type: workplace
    victims: [v1]
    description:
{desc}    status: ongoing
    victim_status_now: detained
    violations: [arbitrary_detention]
"""
EN = "Six men in plain clothes stopped the victim at the entrance of her office building."


def quoted(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def incidents(texts):
    """texts: a list of {lang: text}; English defaults to EN."""
    out = "incidents:\n"
    for t in texts:
        t = dict(t)
        t.setdefault("en", EN)
        desc = "".join("      %s: %s\n" % (la, quoted(s)) for la, s in t.items())
        out += INCIDENT.format(desc=desc)
    return out


def case(texts, victim_name=None, share="no", extra=None):
    c = BASE
    i, j = c.index("incidents:\n"), c.index("perpetrators:\n")
    c = c[:i] + incidents(texts) + "\n" + c[j:]
    if victim_name is not None:
        i = c.index("    name:\n      given: Aida")
        j = c.index("    sex: female")
        c = c[:i] + "    name:\n" + victim_name + c[j:]
    c = c.replace('share_name_with_government: "yes"', 'share_name_with_government: "%s"' % share)
    c = c.replace("publish_name: initials", 'publish_name: "%s"' % ("full_name" if share == "yes" else "no"))
    for old, new in (extra or []):
        assert old in c, old
        c = c.replace(old, new, 1)
    return c


def write(name, named, clean, **kw):
    """named: texts naming the person; clean: texts that do not, printed
    in every copy.  NAME.yaml holds both, NAME-control.yaml the clean ones
    and, in place of each naming text, one that does not name anybody."""
    for suffix, texts in (("", named + clean), ("-control", [{k: ctrl(k) for k in t} for t in named] + clean)):
        open("%s/%s%s.yaml" % (OUT, name, suffix), "w", encoding="utf-8").write(case(texts, **kw))


CONTROL = {
    "en": "The men did not show any document to the victim.",
    "ru": "Мужчины не показали потерпевшей никаких документов.",
    "ar": "لم يُظهر الرجال أي وثيقة للضحية.",
    "zh": "这些人没有向受害者出示任何文件。",
    "fr": "Les hommes n'ont montré aucun document à la victime.",
    "es": "Los hombres no mostraron ningún documento a la víctima.",
}


def ctrl(lang):
    return CONTROL[lang]


# 1. Russian declension of names given in Latin letters only.
#  - the source: Timur Osmonov, who gave consent (an SRC name, Latin only)
for name, ru in (("c1-source-full", "Организация действует по просьбе Тимура Осмонова."),
                 ("c1-source-part", "Организация говорила с Осмоновым по телефону.")):
    write(name, [{"ru": ru}], [], share="yes")
#  - a withheld victim named in Latin letters, with a Cyrillic nickname
#    (so the gate reads Cyrillic texts for her)
LATIN_ONLY = "      given: Aida\n      family: Sadykova\n      order: given_family\n"
write("c1-victim",
      [{"ru": "Шестеро мужчин остановили Аиду Садыкову у входа."},
       {"ru": "Адвокат Садыковой не получил ответа."},
       {"ru": "Сотрудники говорили с Садыковой и её коллегой."},
       {"ru": "Мужчины увезли Аидочку в машине."}],
      [{"ru": "У входа стояли две машины без номеров и садовая тележка; Аид и Тимур — это имена из мифов."},
       {"ru": "Ли это было в среду, никто не знает; первая помощь не оказана."}],
      victim_name=LATIN_ONLY + '      other: ["Аидочка"]\n')

# 2. Arabic: the article and the proclitics
write("c2-arabic",
      [{"ar": "أوقف ستة رجال كعبي عند المدخل."},
       {"ar": "تحدث المحامي بالكعبي هاتفياً."},
       {"ar": "اعتقلوا والكعبي في الصباح."},
       {"ar": "لم يُسمح للكعبي بالاتصال بمحاميه."},
       {"ar": "قال الكعبي إنه تعرض للضرب."},
       {"ar": "فناصر لم يعد إلى بيته."}],
      [{"ar": "كانت هناك سيارتان بدون لوحات عند المدخل، والكعك على الطاولة."},
       {"ar": "نصر المحامي على حقه في الاتصال بموكله بالهاتف."}],
      victim_name="      given: Nasser\n      family: Al-Kaabi\n      order: given_family\n"
                  "      original:\n        given: ناصر\n        family: الكعبي\n")

# 3. A Chinese family name with a title, or after 老 / 小
write("c3-chen",
      [{"zh": "六名便衣男子在办公楼入口处拦住了陈先生。"},
       {"zh": "陈女士的家人没有得到任何消息。"},
       {"zh": "陈律师被带上了一辆汽车。"},
       {"zh": "同事们都叫他老陈。"},
       {"zh": "小陈当天没有回家。"},
       {"zh": "警察说陈某涉嫌犯罪。"},
       {"zh": "他的妻子说，陈被那些人带走了。"},
       {"zh": "朋友们叫他阿伟。"}],
      [{"zh": "大楼入口处陈列着两辆没有车牌的汽车，一位先生和一位老师在场。"},
       {"zh": "律师和医生都被拒绝探视，老人和小孩在门口等待。"}],
      victim_name="      given: Wei\n      family: Chen\n      order: family_given\n"
                  "      original:\n        given: 伟\n        family: 陈\n")
write("c3-ouyang",
      [{"zh": "欧阳先生被带走了。"},
       {"zh": "欧阳女士的律师没有得到回复。"}],
      [{"zh": "欧阳修是宋代的文学家。"}],
      victim_name="      given: Ming\n      family: Ouyang\n      order: family_given\n"
                  "      original:\n        given: 明\n        family: 欧阳\n")
#  - a perpetrator named to the Government who shares the family name:
#    "陈先生" may be either, and is printed (as a shared Latin family name is)
write("c3-shared",
      [{"zh": "陈伟被带上了一辆汽车。"}],
      [{"zh": "陈先生出示了拘留令。"}],
      victim_name="      given: Wei\n      family: Chen\n      order: family_given\n"
                  "      original:\n        given: 伟\n        family: 陈\n",
      extra=[("    unit: Investigation Department\n",
              "    unit: Investigation Department\n    individuals:\n"
              "      - name: {family: Chen, given: Gang, original: {family: 陈, given: 刚}}\n"
              "        rank_or_function: Major\n")])

# 4. French and Spanish respellings of a transliterated name
write("c4-respelled",
      [{"fr": "Six hommes ont arrêté Mme Khassanova à l'entrée."},
       {"fr": "L'avocat de Mme Hassanova n'a reçu aucune réponse."},
       {"es": "Seis hombres detuvieron a la Sra. Jasánova en la entrada."},
       {"es": "El abogado de la Sra. Jasanova no recibió respuesta."},
       {"fr": "M. Tchourkine a été interrogé."},
       {"es": "El Sr. Chúrkin fue interrogado."}],
      [{"fr": "Les hommes attendaient dans deux voitures sans plaques, près de la pharmacie."},
       {"es": "Los hombres esperaban en dos coches sin matrícula; la jurisprudencia es clara."}],
      victim_name="      given: Zarina\n      family: Khasanova\n      order: given_family\n")
# the second withheld person of c4: a witness would be SRC; a second
# victim, Pavel Churkin, without consent, is added to both files
for suffix in ("", "-control"):
    p = "%s/c4-respelled%s.yaml" % (OUT, suffix)
    c = open(p, encoding="utf-8").read()
    c = c.replace("\nincidents:\n", """
  - id: v2
    name:
      given: Pavel
      family: Churkin
      order: given_family
    sex: male
    nationalities: [KG]
    consent:
      status: given
      given_by: victim
      date: 2026-11-19
      form: oral
      share_name_with_government: "no"
      publish_name: "no"

incidents:
""", 1)
    open(p, "w", encoding="utf-8").write(c)

# 5. Lookalike letters and characters inside a name (the originals)
LOOK = ["Six men stopped ᴀɪᴅᴀ sᴀᴅʏᴋᴏᴠᴀ at the entrance.",
        "Six men stopped ＳＡＤＹＫＯＶＡ at the entrance.",
        "Six men stopped Ai·da Sady·kova at the entrance.",
        "Six men stopped Sady\u2027kova at the entrance.",
        "Six men stopped Sady\u30fbkova at the entrance.",
        "Six men stopped Sady\u2022kova at the entrance.",
        "Six men stopped Sady\u00adkova at the entrance.",
        "Six men stopped Sady\u200bkova at the entrance.",
        "Six men stopped Sady\u200dkova at the entrance.",
        "Six men stopped Sady\u200ckova at the entrance.",
        "Six men stopped Sadyk\u0301\u0327ova at the entrance.",
        "Six men stopped Sadyk\u034fova at the entrance.",
        "Six men stopped Sadʏkova at the entrance.",
        "Six men stopped Sadykovᴀ at the entrance."]
write("c5-lookalike", [{"en": s} for s in LOOK],
      [{"en": "The men wore plain clothes · two cars • no plates; a co\u00adoperative helped."}],
      victim_name=LATIN_ONLY)

# mathematical letters are NFKC's (𝐀 is A), but above U+FFFF: refused
open("%s/c5-math.yaml" % OUT, "w", encoding="utf-8").write(
    case([{"en": "Six men stopped 𝐀𝐢𝐝𝐚 𝐒𝐚𝐝𝐲𝐤𝐨𝐯𝐚 at the entrance."}], victim_name=LATIN_ONLY))

# 6. A translation from a PO file in a script the case does not give the
#    name in (gaps.sh writes the PO file)
write("c6-po", [], [{}], victim_name=LATIN_ONLY)

# 7. A Slavic surname in the other gender's form: her father "Mr.
#    Sadykov" names her family; with a Rustam Sadykov the copy shows, it
#    may be him, and prints
write("c7-gendered",
      [{"en": "Her father, Mr. Sadykov, was questioned the same day."},
       {"en": "The flat of the Sadykov family was searched."}],
      [{"en": "The sad news reached the family late."}])
write("c7-gendered-shown", [],
      [{"en": "Mr. Sadykov showed the detention order."}],
      extra=[("    unit: Investigation Department\n",
              "    unit: Investigation Department\n    individuals:\n"
              "      - name: {family: Sadykov, given: Rustam}\n"
              "        rank_or_function: Major\n")])

# 8. Russian: a four-letter name declined (Аиду), the surname spelt with
#    и for ы or a Kazakh letter
write("c8-russian",
      [{"ru": "Аиду задержали утром."}, {"ru": "Садикова была задержана."},
       {"ru": "Садықова была задержана."}],
      [{"ru": "Никто не был назван."}])

# 9. A family name that is a common word: the word written small prints
write("c9-small",
      [{"en": "Ms. Hall was taken to the station."}],
      [{"en": "The men waited in the hall of the police station."}],
      victim_name="      given: Miriam\n      family: Hall\n      order: given_family\n")

# 10. A surname's other gender in Czech and Belarusian: a husband or a
#     father named with it names the family
write("c10-czech",
      [{"en": "Her husband, Mr. Novák, was questioned the same day."}],
      [{"en": "The novel was found on her desk."}],
      victim_name="      given: Jana\n      family: Nováková\n      order: given_family\n")
write("c10-belarusian",
      [{"en": "Her father, Mr. Kalesnikau, was questioned the same day."}],
      [{"en": "The family was not told where she was held."}],
      victim_name="      given: Maryia\n      family: Kalesnikava\n      order: given_family\n")
