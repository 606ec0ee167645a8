#!/usr/bin/env python3
"""Generate N realistic synthetic spcomm case files for the benchmark.

    gen_cases.py N OUTDIR [--seed S] [--annexes]

Writes OUTDIR/<id>.yaml for N cases: the three forms mixed (sp-general
urgent appeals, allegation letters and group cases; wgeid; wgad), case
languages en/fr/es, invented people from several naming cultures (Chinese
names with their original script, Cyrillic, Arabic, Vietnamese, Spanish,
West African), narratives of varying length (2 to 4 rendered pages).  The
output depends only on N and the seed.  With --annexes some cases get an
annex, written next to them as OUTDIR/annexes/<id>-a1.txt.

Every person, organization and event is invented.  Standard library only.
"""
import argparse
import datetime as dt
import json
import os
import random
import sys
import textwrap

# --------------------------------------------------------------- names
# (Latin family, Latin given, order, original family, original given)

CN_FAMILY = [("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"),
             ("Yang", "杨"), ("Huang", "黄"), ("Zhao", "赵"), ("Wu", "吴"), ("Zhou", "周"),
             ("Xu", "徐"), ("Sun", "孙"), ("Ma", "马"), ("Zhu", "朱"), ("Hu", "胡"), ("Guo", "郭"),
             ("He", "何"), ("Lin", "林"), ("Luo", "罗"), ("Gao", "高")]
CN_GIVEN = [("Wei", "伟"), ("Fang", "芳"), ("Min", "敏"), ("Jing", "静"), ("Lei", "磊"),
            ("Yan", "燕"), ("Hui", "慧"), ("Jun", "军"), ("Xia", "霞"), ("Qiang", "强"),
            ("Ping", "平"), ("Hong", "红"), ("Jianguo", "建国"), ("Xiaoming", "晓明"),
            ("Haiyan", "海燕"), ("Zhiqiang", "志强"), ("Yufei", "雨菲"), ("Wenjie", "文杰"),
            ("Guiying", "桂英"), ("Dongmei", "冬梅")]
CN_SEX = {"Fang": "female", "Jing": "female", "Yan": "female", "Hui": "female", "Xia": "female",
          "Hong": "female", "Haiyan": "female", "Yufei": "female", "Guiying": "female",
          "Dongmei": "female"}

CY_NAMES = [  # (family m, family f, original m, original f)
    ("Sadykov", "Sadykova", "Садыков", "Садыкова"), ("Osmonov", "Osmonova", "Осмонов", "Осмонова"),
    ("Ivanov", "Ivanova", "Иванов", "Иванова"), ("Nurlanov", "Nurlanova", "Нурланов", "Нурланова"),
    ("Rakhimov", "Rakhimova", "Рахимов", "Рахимова"), ("Volkov", "Volkova", "Волков", "Волкова"),
    ("Abdullaev", "Abdullaeva", "Абдуллаев", "Абдуллаева"), ("Petrenko", "Petrenko", "Петренко", "Петренко")]
CY_GIVEN_M = [("Timur", "Тимур"), ("Azamat", "Азамат"), ("Sergei", "Сергей"), ("Bakyt", "Бакыт"),
              ("Dmitri", "Дмитрий"), ("Rustam", "Рустам")]
CY_GIVEN_F = [("Aida", "Аида"), ("Gulnara", "Гульнара"), ("Elena", "Елена"), ("Aigerim", "Айгерим"),
              ("Olga", "Ольга"), ("Dilnoza", "Дилноза")]

AR_FAMILY = [("Haddad", "حداد"), ("Mansour", "منصور"), ("Khalil", "خليل"), ("Nasser", "ناصر"),
             ("Saleh", "صالح"), ("Ben Ali", "بن علي"), ("Hamdi", "حمدي"), ("Tahir", "طاهر")]
AR_GIVEN_M = [("Youssef", "يوسف"), ("Omar", "عمر"), ("Karim", "كريم"), ("Ahmed", "أحمد"), ("Samir", "سمير")]
AR_GIVEN_F = [("Leila", "ليلى"), ("Amina", "أمينة"), ("Salma", "سلمى"), ("Nour", "نور"), ("Rania", "رانيا")]

VN_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
VN_GIVEN_M = ["Văn Đức", "Minh Tuấn", "Quốc Bảo", "Thanh Sơn", "Hữu Phước"]
VN_GIVEN_F = ["Thị Lan", "Thị Hương", "Ngọc Anh", "Thu Trang", "Thị Mai"]

ES_FAMILY = ["Pérez", "Galindo", "Chávez", "Ixcot", "Morales", "Ramírez", "Reynosa", "Hernández",
             "Quispe", "Mamani", "Gutiérrez", "Tzul", "Sánchez", "Ortega", "Castillo", "Flores"]
ES_GIVEN_M = ["Rodrigo Andrés", "Julio César", "Luis Fernando", "José Manuel", "Carlos Alberto", "Mateo"]
ES_GIVEN_F = ["Lucía Marisol", "Ana Beatriz", "María José", "Carmen Rosa", "Valeria", "Juana Isabel"]

WA_FAMILY = ["Agbodjan", "Koné", "Traoré", "Ouédraogo", "Mensah", "Diallo", "Ndiaye", "Kabila",
             "Mbarga", "Sawadogo", "Adjovi", "Tchatchoua"]
WA_GIVEN_M = ["Koffi Jean-Baptiste", "Moussa", "Ibrahim", "Serge", "Kwame", "Abdoulaye"]
WA_GIVEN_F = ["Aminata", "Mariam", "Adjoa", "Fatoumata", "Clarisse", "Awa"]

# culture -> countries where the cases of that culture take place
CULTURES = {
    "cn": ["CN"], "cy": ["KG", "KZ", "RU", "TJ"], "ar": ["EG", "TN", "JO", "MA"],
    "vn": ["VN"], "es": ["MX", "GT", "CO", "HN", "PE"], "wa": ["TG", "CM", "BF", "SN", "CD"],
}
CITIES = {
    "CN": [("Guangdong", "Guangzhou"), ("Guangdong", "Shenzhen"), ("Sichuan", "Chengdu"), ("Hubei", "Wuhan")],
    "KG": [(None, "Bishkek"), ("Osh", "Osh")], "KZ": [(None, "Almaty"), (None, "Astana")],
    "RU": [(None, "Moscow"), ("Krasnodar", "Krasnodar")], "TJ": [(None, "Dushanbe"), ("Sughd", "Khujand")],
    "EG": [(None, "Cairo"), (None, "Alexandria")], "TN": [("Sfax", "Sfax"), (None, "Tunis")],
    "JO": [(None, "Amman"), (None, "Zarqa")], "MA": [(None, "Rabat"), (None, "Casablanca")],
    "VN": [("Hà Tĩnh", "Kỳ Anh"), (None, "Hà Nội"), ("Nghệ An", "Vinh")],
    "MX": [("Tamaulipas", "Reynosa"), ("Guerrero", "Chilpancingo"), ("Oaxaca", "Juchitán")],
    "GT": [("Quetzaltenango", "Quetzaltenango"), ("Huehuetenango", "Huehuetenango")],
    "CO": [("Cauca", "Popayán"), ("Antioquia", "Medellín")], "HN": [("Cortés", "San Pedro Sula")],
    "PE": [("Puno", "Juliaca"), ("Cusco", "Cusco")],
    "TG": [(None, "Lomé"), ("Kara", "Kara")], "CM": [("Nord-Ouest", "Bamenda"), ("Littoral", "Douala")],
    "BF": [(None, "Ouagadougou"), ("Hauts-Bassins", "Bobo-Dioulasso")], "SN": [(None, "Dakar")],
    "CD": [("Nord-Kivu", "Goma"), (None, "Kinshasa")],
}
SUBMITTER_CITY = {"CH": "Geneva", "NL": "The Hague", "TH": "Bangkok", "FR": "Paris", "ES": "Madrid", "KE": "Nairobi",
                  "ZA": "Johannesburg", "AR": "Buenos Aires", "CA": "Montréal", "SN": "Dakar", "TN": "Tunis",
                  "MX": "Ciudad de México"}
SUBMITTER_COUNTRIES = ["CH", "NL", "TH", "FR", "ES", "KE", "ZA", "AR", "CA", "SN", "TN", "MX"]


def make_name(c, culture, sex):
    """A name none of whose parts (or words) overlaps a name already used in the case:
    spcomm refuses a case where a confidential person's name occurs in a shared field."""
    for k in range(400):
        if k >= 40:  # this culture's pool is used up in this case: a relative by marriage, say
            culture = c.rng.choice(sorted(CULTURES))
        n = _make_name(c.rng, culture, sex)
        parts = [n["family"], n["given"]] + list(n.get("original", {}).values())
        words = {w.casefold() for p in parts for w in [p] + p.split()}
        if not any(a in b or b in a for a in words for b in c.used if min(len(a.encode()), len(b.encode())) >= 4):
            c.used |= words
            return n
    raise RuntimeError("no unique name")


def _make_name(rng, culture, sex):
    f = sex == "female"
    if culture == "cn":
        fam, ofam = rng.choice(CN_FAMILY)
        pool = [g for g in CN_GIVEN if (CN_SEX.get(g[0]) == "female") == f]
        giv, ogiv = rng.choice(pool)
        return {"family": fam, "given": giv, "order": R("family_given"),
                "original": {"family": ofam, "given": ogiv}}
    if culture == "cy":
        m_, f_, om, of = rng.choice(CY_NAMES)
        giv, ogiv = rng.choice(CY_GIVEN_F if f else CY_GIVEN_M)
        return {"given": giv, "family": f_ if f else m_, "order": R("given_family"),
                "original": {"given": ogiv, "family": of if f else om}}
    if culture == "ar":
        fam, ofam = rng.choice(AR_FAMILY)
        giv, ogiv = rng.choice(AR_GIVEN_F if f else AR_GIVEN_M)
        return {"given": giv, "family": fam, "order": R("given_family"),
                "original": {"given": ogiv, "family": ofam}}
    if culture == "vn":
        return {"family": rng.choice(VN_FAMILY), "given": rng.choice(VN_GIVEN_F if f else VN_GIVEN_M),
                "order": R("family_given")}
    if culture == "es":
        a, b = rng.sample(ES_FAMILY, 2)
        return {"given": rng.choice(ES_GIVEN_F if f else ES_GIVEN_M), "family": a + " " + b}
    return {"given": rng.choice(WA_GIVEN_F if f else WA_GIVEN_M), "family": rng.choice(WA_FAMILY)}


# ------------------------------------------------------------- YAML out

class R(str):
    """A scalar written as is (enum keys, dates, numbers)."""


class Lit(str):
    """A text written as a literal block (paragraphs separated by blank lines)."""


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, (R, dt.date)):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def emit(obj, ind=0, out=None):
    out = [] if out is None else out
    pad = " " * ind
    for k, v in obj.items():
        if v is None:
            continue
        if isinstance(v, Lit):
            out.append(f"{pad}{k}: |")
            for i, para in enumerate(v.split("\n\n")):
                if i:
                    out.append("")
                for sub in para.split("\n"):
                    for line in textwrap.wrap(sub, 72 - ind):
                        out.append(f"{pad}  {line}")
        elif isinstance(v, dict):
            out.append(f"{pad}{k}:")
            emit(v, ind + 2, out)
        elif isinstance(v, list) and v and all(isinstance(x, R) for x in v):
            out.append(f"{pad}{k}: [{', '.join(v)}]")
        elif isinstance(v, list):
            out.append(f"{pad}{k}:")
            for item in v:
                sub = emit(item, ind + 4, [])
                out.append(f"{pad}  - {sub[0].lstrip()}")
                out.extend(sub[1:])
        else:
            out.append(f"{pad}{k}: {scalar(v)}")
    return out


# ------------------------------------------------------------- language

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
}


def fdate(lang, d):
    m = MONTHS[lang][d.month - 1]
    if lang == "en":
        return f"{d.day} {m} {d.year}"
    if lang == "fr":
        return f"{'1er' if d.day == 1 else d.day} {m} {d.year}"
    return f"{d.day} de {m} de {d.year}"


# Institutions, in the case language.
INST = {
    "police": {"en": "Ministry of the Interior, National Police", "fr": "Ministère de l'Intérieur, Police nationale",
               "es": "Ministerio del Interior, Policía Nacional"},
    "security": {"en": "State Security Service", "fr": "Service de la sûreté de l'État",
                 "es": "Servicio de Seguridad del Estado"},
    "army": {"en": "Ministry of Defence, Armed Forces", "fr": "Ministère de la Défense, Forces armées",
             "es": "Ministerio de Defensa, Fuerzas Armadas"},
    "prosecutor": {"en": "Office of the Prosecutor General", "fr": "Parquet général",
                   "es": "Fiscalía General de la República"},
    "court": {"en": "Regional Court", "fr": "Tribunal de première instance", "es": "Juzgado de Primera Instancia"},
    "nhri": {"en": "National Human Rights Commission", "fr": "Commission nationale des droits de l'homme",
             "es": "Comisión Nacional de los Derechos Humanos"},
    "ministry": {"en": "Ministry of Justice", "fr": "Ministère de la Justice", "es": "Ministerio de Justicia"},
    "prison_admin": {"en": "Ministry of Justice, Prison Administration",
                     "fr": "Ministère de la Justice, Administration pénitentiaire",
                     "es": "Ministerio de Justicia, Instituto Penitenciario"},
}
UNITS = {"en": ["Criminal Investigation Department", "Counter-Extremism Unit", "Special Operations Brigade",
                "District Police Station No. 3"],
         "fr": ["Direction de la police judiciaire", "Brigade antiterroriste", "Groupement d'intervention",
                "Commissariat du 3e arrondissement"],
         "es": ["Dirección de Investigación Criminal", "Unidad contra el Extremismo", "Brigada de Operaciones Especiales",
                "Comisaría Distrital n.º 3"]}
OCCUPATIONS = {
    "en": ["Lawyer", "Journalist", "Trade union organizer", "Secondary school teacher", "Environmental activist",
           "University student", "Community leader", "Doctor", "Blogger", "Farmer and land-rights advocate"],
    "fr": ["Avocat", "Journaliste", "Syndicaliste", "Enseignant", "Militant écologiste", "Étudiant",
           "Responsable communautaire", "Médecin", "Blogueur", "Agriculteur et défenseur du droit à la terre"],
    "es": ["Abogado", "Periodista", "Dirigente sindical", "Maestro", "Activista ambiental", "Estudiante universitario",
           "Líder comunitario", "Médico", "Bloguero", "Campesino y defensor de la tierra"],
}
OCC_ACT = ["legal", "press_media", "trade_union", "other", "environmental_land", "student", "human_rights",
           "humanitarian", "press_media", "environmental_land"]
ORGS = {"en": ["Network for Justice and Accountability", "Centre for Human Rights Documentation",
               "Families of the Disappeared Association", "Legal Aid for Detainees", "Freedom of Expression Watch"],
        "fr": ["Réseau pour la justice et la redevabilité", "Centre de documentation des droits humains",
               "Association des familles de disparus", "Aide juridique aux détenus", "Observatoire de la liberté de la presse"],
        "es": ["Red por la Justicia y la Rendición de Cuentas", "Centro de Documentación de Derechos Humanos",
               "Asociación de Familiares de Desaparecidos", "Asistencia Jurídica a Personas Detenidas",
               "Observatorio de la Libertad de Expresión"]}
REL = {"en": ["mother", "brother", "wife", "husband", "sister", "son"],
       "fr": ["mère", "frère", "épouse", "époux", "sœur", "fils"],
       "es": ["madre", "hermano", "esposa", "esposo", "hermana", "hijo"]}

# Narrative sentences.  {H}: honorific and family name; {city}; {d}: a date;
# {inst}: an institution; {n}: a number; {x}: gender ending (fr "e", es "a"/"o").
S = {}
S["en"] = {
    "background": [
        "{H} has worked in {city} for more than ten years and is well known in the community for this work.",
        "Since {y} {H} has documented cases of forced evictions, unpaid wages and police abuse, and has published the findings online.",
        "{H} was summoned twice for questioning in the months before the events and was told to stop speaking to foreign media.",
        "Colleagues describe {H} as a careful and non-violent person who always worked through lawful channels.",
        "In {y} {H} took part in a public consultation on a draft law restricting the registration of associations.",
        "{H} had received threatening telephone calls from unknown numbers in the weeks before the events.",
    ],
    "event": [
        "At about {t} on {d}, a group of {n} men arrived in unmarked cars at the place where {H} was working.",
        "They did not show a warrant and did not explain why {H} was being taken away.",
        "A neighbour who saw the scene said that the men searched the premises and took a laptop, two telephones and several files.",
        "{H} asked to call a lawyer and a relative; both requests were refused.",
        "The vehicles drove off in the direction of the headquarters of the {inst}.",
        "On the following day the family went to the nearest police station, where officers denied that {H} had been arrested.",
        "A lawyer instructed by the family was refused access on the ground that the case concerned national security.",
        "Several witnesses confirmed that the men wore dark clothing and that at least two of them carried firearms.",
        "The authorities later stated publicly that {H} was suspected of spreading false information, without giving any details.",
        "Since then the family has had no direct contact with {H} and does not know where {H} is held.",
        "Other members of the same organization were questioned in the following days and asked about their contacts abroad.",
        "Medical documents held by the family show that {H} suffers from a chronic illness that requires daily treatment.",
    ],
    "attribution": [
        "One of the men showed an identity card of the {inst} before the arrest.",
        "The vehicles used were later seen parked inside the compound of the {inst}.",
        "A written notice received by the family on {d} was issued on the letterhead of the {inst}.",
        "The officers introduced themselves as members of the {inst} and wore its insignia.",
    ],
    "outcome": [
        "The complaint was registered, but no reply had been received by the date of this submission.",
        "The authority refused to accept the complaint, saying that it had no information about the case.",
        "A hearing was scheduled and then postponed twice without explanation.",
        "The petition was dismissed on the ground that the detention had been lawfully ordered.",
        "An official confirmed orally that the case was under review but gave no further information.",
    ],
    "urgency": [
        "{H} has been held incommunicado since {d} and the place of detention has not been disclosed.",
        "There are serious fears for the physical integrity of {H}, who has not been allowed to receive medication.",
        "The family has been told that {H} may be transferred to a facility far from {city} within days.",
    ],
    "action": [
        "We respectfully ask the mandate holders to request the Government to disclose the whereabouts and legal situation of {H}.",
        "We ask that the Government ensure immediate access to a lawyer of choice, to the family and to medical care.",
        "We ask that {H} be released unless promptly charged with a recognizable offence and brought before a judge.",
        "We further ask for a prompt, impartial and effective investigation into the circumstances of the arrest.",
    ],
    "reprisal": [
        "The family has been visited by plain-clothes officers who asked whether they had contacted international organizations.",
        "Relatives fear that they will lose their jobs if the Government learns that they approached the UN.",
    ],
    "conditions": [
        "{H} is held in a cell shared with more than twenty other detainees, with little ventilation.",
        "Family visits have been refused since the arrest, and parcels of food and medicine are often returned.",
        "{H} has lost a significant amount of weight, according to a former detainee released in {y}.",
    ],
    "notes": [
        "The family asks that the letter to the Government not mention that relatives abroad helped to prepare this submission.",
        "Consent was confirmed in writing after a telephone call with the submitter.",
    ],
    "cat": [
        "The detention of {H} has no legal basis: no decision of any judicial authority was ever notified.",
        "The deprivation of liberty results solely from the peaceful exercise of the rights to freedom of expression and association.",
        "{H} was not brought promptly before a judge and was denied access to a lawyer during the investigation.",
        "The trial was closed to the public and the defence was not allowed to call witnesses.",
        "{H} was held for a prolonged period in administrative custody without any possibility of review.",
        "The authorities targeted {H} because of membership of an ethnic and religious minority.",
    ],
    "group": [
        "The community consists of about {n} families who have lived on the land near {city} for several generations.",
        "Members of the community were forcibly evicted on {d} without prior consultation or compensation.",
        "Community leaders who protested against the evictions have been summoned repeatedly by the police.",
    ],
}
S["fr"] = {
    "background": [
        "{H} travaille à {city} depuis plus de dix ans et est connu{x} dans la communauté pour ce travail.",
        "Depuis {y}, {H} documente des cas d'expulsions forcées, de salaires impayés et d'abus policiers, et en publie les résultats en ligne.",
        "{H} a été convoqué{x} deux fois pour interrogatoire au cours des mois précédant les faits et sommé{x} de cesser de parler à la presse étrangère.",
        "Ses collègues décrivent {H} comme une personne prudente et non violente, qui a toujours agi par des voies légales.",
        "En {y}, {H} a participé à une consultation publique sur un projet de loi restreignant l'enregistrement des associations.",
        "{H} avait reçu des appels téléphoniques menaçants de numéros inconnus dans les semaines précédant les faits.",
    ],
    "event": [
        "Vers {t} le {d}, un groupe de {n} hommes est arrivé dans des voitures banalisées sur le lieu de travail de {H}.",
        "Ils n'ont présenté aucun mandat et n'ont pas expliqué pourquoi {H} était emmené{x}.",
        "Un voisin témoin de la scène a déclaré que les hommes ont fouillé les locaux et emporté un ordinateur portable, deux téléphones et plusieurs dossiers.",
        "{H} a demandé à appeler un avocat et un proche ; les deux demandes ont été refusées.",
        "Les véhicules sont partis en direction du siège du {inst}.",
        "Le lendemain, la famille s'est rendue au commissariat le plus proche, où les agents ont nié que {H} ait été arrêté{x}.",
        "Un avocat mandaté par la famille s'est vu refuser l'accès au motif que l'affaire concernait la sécurité nationale.",
        "Plusieurs témoins ont confirmé que les hommes portaient des vêtements sombres et qu'au moins deux d'entre eux étaient armés.",
        "Les autorités ont ensuite déclaré publiquement que {H} était soupçonné{x} de diffuser de fausses informations, sans donner de détails.",
        "Depuis, la famille n'a eu aucun contact direct avec {H} et ignore où se trouve le lieu de détention.",
        "D'autres membres de la même organisation ont été interrogés les jours suivants sur leurs contacts à l'étranger.",
        "Des documents médicaux détenus par la famille montrent que {H} souffre d'une maladie chronique nécessitant un traitement quotidien.",
    ],
    "attribution": [
        "L'un des hommes a présenté une carte professionnelle du {inst} avant l'arrestation.",
        "Les véhicules utilisés ont ensuite été vus stationnés dans l'enceinte du {inst}.",
        "Une notification reçue par la famille le {d} portait l'en-tête du {inst}.",
        "Les agents se sont présentés comme membres du {inst} et portaient ses insignes.",
    ],
    "outcome": [
        "La plainte a été enregistrée, mais aucune réponse n'avait été reçue à la date de la présente communication.",
        "L'autorité a refusé de recevoir la plainte, affirmant ne disposer d'aucune information sur l'affaire.",
        "Une audience a été fixée puis reportée deux fois sans explication.",
        "La requête a été rejetée au motif que la détention avait été légalement ordonnée.",
        "Un responsable a confirmé oralement que le dossier était à l'examen, sans autre précision.",
    ],
    "urgency": [
        "{H} est détenu{x} au secret depuis le {d} et le lieu de détention n'a pas été révélé.",
        "Il existe de graves craintes pour l'intégrité physique de {H}, qui n'a pas été autorisé{x} à recevoir ses médicaments.",
        "La famille a appris que {H} pourrait être transféré{x} dans les prochains jours vers un établissement éloigné de {city}.",
    ],
    "action": [
        "Nous prions respectueusement les titulaires de mandat de demander au Gouvernement de révéler le sort et la situation juridique de {H}.",
        "Nous demandons que le Gouvernement garantisse un accès immédiat à un avocat de son choix, à la famille et aux soins médicaux.",
        "Nous demandons que {H} soit libéré{x}, à moins d'être promptement inculpé{x} d'une infraction reconnue et présenté{x} à un juge.",
        "Nous demandons en outre une enquête prompte, impartiale et effective sur les circonstances de l'arrestation.",
    ],
    "reprisal": [
        "La famille a reçu la visite d'agents en civil qui ont demandé si elle avait contacté des organisations internationales.",
        "Les proches craignent de perdre leur emploi si le Gouvernement apprend qu'ils se sont adressés à l'ONU.",
    ],
    "conditions": [
        "{H} est détenu{x} dans une cellule partagée avec plus de vingt autres personnes, mal ventilée.",
        "Les visites de la famille sont refusées depuis l'arrestation, et les colis de nourriture et de médicaments sont souvent renvoyés.",
        "{H} a beaucoup maigri, selon un ancien détenu libéré en {y}.",
    ],
    "notes": [
        "La famille demande que la lettre au Gouvernement ne mentionne pas l'aide de proches à l'étranger.",
        "Le consentement a été confirmé par écrit après un appel téléphonique avec l'auteur de la communication.",
    ],
    "cat": [
        "La détention de {H} n'a aucune base légale : aucune décision d'une autorité judiciaire n'a jamais été notifiée.",
        "La privation de liberté résulte uniquement de l'exercice pacifique des droits à la liberté d'expression et d'association.",
        "{H} n'a pas été présenté{x} promptement à un juge et s'est vu refuser l'accès à un avocat pendant l'enquête.",
        "Le procès s'est tenu à huis clos et la défense n'a pas été autorisée à citer des témoins.",
        "{H} a été maintenu{x} longtemps en rétention administrative sans aucune possibilité de recours.",
        "Les autorités ont pris {H} pour cible en raison de son appartenance à une minorité ethnique et religieuse.",
    ],
    "group": [
        "La communauté compte environ {n} familles qui vivent sur ces terres près de {city} depuis plusieurs générations.",
        "Des membres de la communauté ont été expulsés de force le {d} sans consultation préalable ni indemnisation.",
        "Les responsables communautaires qui ont protesté contre les expulsions ont été convoqués à plusieurs reprises par la police.",
    ],
}
S["es"] = {
    "background": [
        "{H} trabaja en {city} desde hace más de diez años y es conocid{x} en la comunidad por esta labor.",
        "Desde {y}, {H} documenta casos de desalojos forzosos, salarios impagos y abusos policiales, y publica los resultados en línea.",
        "{H} fue citad{x} dos veces a declarar en los meses anteriores a los hechos y se le exigió dejar de hablar con la prensa extranjera.",
        "Sus colegas describen a {H} como una persona cuidadosa y no violenta, que siempre actuó por vías legales.",
        "En {y}, {H} participó en una consulta pública sobre un proyecto de ley que restringía el registro de asociaciones.",
        "{H} había recibido llamadas telefónicas amenazantes de números desconocidos en las semanas previas a los hechos.",
    ],
    "event": [
        "Hacia las {t} del {d}, un grupo de {n} hombres llegó en vehículos sin placas al lugar donde trabajaba {H}.",
        "No mostraron ninguna orden ni explicaron por qué se llevaban a {H}.",
        "Un vecino que presenció los hechos declaró que los hombres registraron el local y se llevaron una computadora portátil, dos teléfonos y varios expedientes.",
        "{H} pidió llamar a un abogado y a un familiar; ambas solicitudes fueron denegadas.",
        "Los vehículos partieron en dirección a la sede de la {inst}.",
        "Al día siguiente, la familia acudió a la comisaría más cercana, donde los agentes negaron que {H} hubiera sido detenid{x}.",
        "A un abogado contratado por la familia se le negó el acceso alegando que el caso afectaba a la seguridad nacional.",
        "Varios testigos confirmaron que los hombres vestían ropa oscura y que al menos dos de ellos portaban armas de fuego.",
        "Las autoridades declararon después públicamente que {H} era sospechos{x} de difundir información falsa, sin dar detalles.",
        "Desde entonces la familia no ha tenido contacto directo con {H} y desconoce el lugar de detención.",
        "Otros miembros de la misma organización fueron interrogados en los días siguientes sobre sus contactos en el extranjero.",
        "Documentos médicos en poder de la familia muestran que {H} padece una enfermedad crónica que requiere tratamiento diario.",
    ],
    "attribution": [
        "Uno de los hombres mostró una credencial de la {inst} antes de la detención.",
        "Los vehículos utilizados fueron vistos después estacionados dentro de las instalaciones de la {inst}.",
        "Una notificación recibida por la familia el {d} llevaba el membrete de la {inst}.",
        "Los agentes se presentaron como miembros de la {inst} y llevaban sus distintivos.",
    ],
    "outcome": [
        "La denuncia fue registrada, pero no se había recibido respuesta a la fecha de esta comunicación.",
        "La autoridad se negó a recibir la denuncia, alegando que no tenía información sobre el caso.",
        "Se fijó una audiencia que fue aplazada dos veces sin explicación.",
        "El recurso fue rechazado con el argumento de que la detención había sido ordenada legalmente.",
        "Un funcionario confirmó verbalmente que el caso estaba en revisión, sin dar más información.",
    ],
    "urgency": [
        "{H} se encuentra incomunicad{x} desde el {d} y no se ha revelado el lugar de detención.",
        "Existen graves temores por la integridad física de {H}, a quien no se ha permitido recibir medicamentos.",
        "Se informó a la familia que {H} podría ser trasladad{x} en los próximos días a un centro alejado de {city}.",
    ],
    "action": [
        "Solicitamos respetuosamente a los titulares de mandatos que pidan al Gobierno revelar el paradero y la situación jurídica de {H}.",
        "Pedimos que el Gobierno garantice el acceso inmediato a un abogado de su elección, a la familia y a atención médica.",
        "Pedimos que {H} sea puest{x} en libertad, salvo que se le acuse sin demora de un delito reconocido y comparezca ante un juez.",
        "Pedimos además una investigación pronta, imparcial y efectiva sobre las circunstancias de la detención.",
    ],
    "reprisal": [
        "Agentes vestidos de civil visitaron a la familia y preguntaron si había contactado a organizaciones internacionales.",
        "Los familiares temen perder su empleo si el Gobierno se entera de que acudieron a las Naciones Unidas.",
    ],
    "conditions": [
        "{H} está recluid{x} en una celda compartida con más de veinte personas, con poca ventilación.",
        "Las visitas familiares se han negado desde la detención, y los paquetes de comida y medicinas suelen ser devueltos.",
        "{H} ha perdido mucho peso, según un exdetenido liberado en {y}.",
    ],
    "notes": [
        "La familia pide que la carta al Gobierno no mencione la ayuda de familiares en el extranjero.",
        "El consentimiento fue confirmado por escrito tras una llamada telefónica con quien presenta la comunicación.",
    ],
    "cat": [
        "La detención de {H} carece de base legal: nunca se notificó decisión alguna de una autoridad judicial.",
        "La privación de libertad resulta únicamente del ejercicio pacífico de los derechos a la libertad de expresión y de asociación.",
        "{H} no fue llevad{x} sin demora ante un juez y se le negó el acceso a un abogado durante la investigación.",
        "El juicio se celebró a puerta cerrada y no se permitió a la defensa presentar testigos.",
        "{H} permaneció durante un período prolongado en detención administrativa sin posibilidad de revisión.",
        "Las autoridades atacaron a {H} por pertenecer a una minoría étnica y religiosa.",
    ],
    "group": [
        "La comunidad está formada por unas {n} familias que viven en esas tierras cerca de {city} desde hace varias generaciones.",
        "Miembros de la comunidad fueron desalojados por la fuerza el {d} sin consulta previa ni indemnización.",
        "Los dirigentes comunitarios que protestaron contra los desalojos han sido citados repetidamente por la policía.",
    ],
}
RELATED = {"en": "Colleague, taken away on the same day and released after a week",
           "fr": "Collègue, emmené le même jour et libéré au bout d'une semaine",
           "es": "Colega, detenido el mismo día y liberado una semana después"}
GROUP_H = {"en": "a community leader", "fr": "un responsable de la communauté",
           "es": "un dirigente comunitario"}
HON = {"en": {"male": "Mr. {}", "female": "Ms. {}"}, "fr": {"male": "M. {}", "female": "Mme {}"},
       "es": {"male": "el Sr. {}", "female": "la Sra. {}"}}
GX = {"en": {"male": "", "female": ""}, "fr": {"male": "", "female": "e"}, "es": {"male": "o", "female": "a"}}


def _fixed_words():
    texts = [p for cs in CITIES.values() for rc in cs for p in rc if p]
    texts += [t for lang in S.values() for pool in lang.values() for t in pool]
    texts += [t for d in (INST, RELATED, GROUP_H) for v in d.values() for t in (v.values() if isinstance(v, dict) else [v])]
    texts += [t for d in (UNITS, OCCUPATIONS, ORGS, REL) for v in d.values() for t in v]
    return frozenset(w.casefold().strip(".,;:()'«»") for t in texts for w in t.replace("'", " ").split())


class Case:
    def __init__(self, rng, lang, size):
        self.rng, self.lang, self.size = rng, lang, size
        # place names count as used: a relative called Zhou must not be matched inside "Guangzhou"
        # and so do the words of the narratives ("Nour" is in "nourriture")
        self.used = set(FIXED_WORDS)
        self.lean = size == 0   # the shortest cases: optional fields left out

    def person_ctx(self, name, sex, city, date):
        fam = name["family"]
        h = HON[self.lang][sex].format(fam)
        self.ctx = {"H": h, "x": GX[self.lang][sex], "city": city, "d": fdate(self.lang, date),
                    "y": date.year - self.rng.randint(1, 6), "n": self.rng.randint(3, 12),
                    "t": self.rng.choice(["6", "7.30", "9", "10.20", "21.30"]) + (" a.m." if self.lang == "en" else ""),
                    "inst": INST["police"][self.lang]}

    def text(self, topic, sentences, paras=1, **kw):
        """`paras` paragraphs of `sentences` sentences from the topic's pool, no sentence twice
        until the pool is used up."""
        ctx = dict(self.ctx, **kw)
        pool = S[self.lang][topic]
        order = []
        out = []
        for _ in range(paras):
            picked = []
            for _ in range(min(sentences, len(pool))):
                if not order:
                    order = self.rng.sample(pool, len(pool))
                picked.append(order.pop())
            sents = [x.format(**ctx) for x in picked]
            out.append(" ".join(x[0].upper() + x[1:] for x in sents))
        t = "\n\n".join(out)
        if self.lang == "es":  # "de el" / "a el" contractions after {H} = "el Sr. ..."
            t = t.replace(" de el ", " del ").replace(" a el ", " al ")
        return Lit(t)

    def narrative(self, topic):
        """A long narrative; its length sets the page count."""
        return self.text(topic, self.rng.randint(2, 4) if self.size == 0 else self.rng.randint(3, 5), paras=max(1, self.size))


def rdate(rng, start, end):
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def age(dob, at):
    return at.year - dob.year - ((at.month, at.day) < (dob.month, dob.day))


def place(c, country, details=None, ptype=None):
    region, city = c.rng.choice(CITIES[country])
    p = {"country": R(country)}
    if region:
        p["region"] = region
    p["locality"] = city
    if details:
        p["details"] = details
    if ptype:
        p["place_type"] = R(ptype)
    return p, city


def perpetrator(c, key="police", link=False):
    rng = c.rng
    inst = INST[key][c.lang]
    p = {"kind": R("state_agent"), "institution": inst, "unit": rng.choice(UNITS[c.lang]),
         "number": rng.randint(2, 12), "appearance": R(rng.choice(["uniform", "plain_clothes", "mixed"])),
         "identification_shown": R(json.dumps(rng.choice(["yes", "no", "unknown"]))),
         "basis_for_attribution": c.text("attribution", 2, inst=inst)}
    if c.lean:
        for k in ("unit", "number", "appearance", "identification_shown"):
            del p[k]
    if link:
        p = {"kind": R("state_supported_or_acquiescent"), "number": rng.randint(3, 9),
             "appearance": R("plain_clothes"), "basis_for_attribution": c.text("attribution", 2, inst=inst),
             "link_to_state": c.text("attribution", 1, inst=inst)}
    return p


def remedy_steps(c, after, before, n):
    rng = c.rng
    acts = ["inquiry_with_authorities", "police_complaint", "prosecutor_complaint", "habeas_corpus",
            "court_case", "nhri_complaint", "letter_to_ministry"]
    auth = {"inquiry_with_authorities": "police", "police_complaint": "police", "prosecutor_complaint": "prosecutor",
            "habeas_corpus": "court", "court_case": "court", "nhri_complaint": "nhri", "letter_to_ministry": "ministry"}
    out = []
    for i in range(n):
        a = rng.choice(acts)
        s = {"date": rdate(rng, after, before), "action": R(a), "authority": INST[auth[a]][c.lang],
             "taken_by": R(rng.choice(["relative", "lawyer", "ngo"]))}
        if rng.random() < 0.5:
            s["reference"] = f"{rng.randint(100, 9999)}/{after.year}"
        s["outcome"] = c.text("outcome", rng.randint(1, 3))
        out.append(s)
    out.sort(key=lambda s: s["date"])
    return out


def consent(c, culture, date, org_submitter, by_relative=None):
    rng = c.rng
    rel = by_relative if by_relative is not None else (org_submitter and rng.random() < 0.6)
    k = {"status": R("given")}
    if rel:
        k["given_by"] = R("relative")
        k["given_by_name"] = make_name(c, culture, rng.choice(["male", "female"]))
        k["relationship"] = rng.choice(REL[c.lang])
    else:
        k["given_by"] = R("victim")
    k["date"] = date
    k["form"] = R(rng.choice(["written", "oral", "electronic"]))
    k["share_name_with_government"] = R(json.dumps(rng.choice(["yes", "yes", "yes", "no"])))
    k["publish_name"] = R(rng.choice(["full_name", "initials", "no"]))
    return k


def submitter(c, form, culture):
    rng = c.rng
    country = rng.choice(SUBMITTER_COUNTRIES)
    org = form == "wgeid" or rng.random() < 0.7
    s = {}
    if org:
        s["kind"] = R("organization")
        s["organization"] = {"name": rng.choice(ORGS[c.lang]),
                             "type": R(rng.choice(["ngo", "ngo", "lawyers", "community_group"]))}
        s["name"] = make_name(c, rng.choice(list(CULTURES)), rng.choice(["male", "female"]))
        s["relationship_to_victim"] = R("ngo_acting_for_family")
    else:
        s["kind"] = R("individual")
        s["name"] = make_name(c, culture, rng.choice(["male", "female"]))
        s["relationship_to_victim"] = R("legal_representative")
    s["address"] = Lit(f"PO Box {rng.randint(100, 99999)}\n{rng.randint(1000, 99999)} {SUBMITTER_CITY[country]}")
    s["country"] = R(country)
    s["email"] = f"cases{rng.randint(1, 999)}@example.org"
    s["phone"] = f"+{rng.randint(20, 99)} {rng.randint(10, 99)} 555 {rng.randint(1000, 9999)}"
    if form == "wgeid":
        s["can_maintain_contact"] = True
    s["keep_identity_confidential"] = True
    return s, org


def person(c, culture, country, event, with_bg=True, victim_id=None):
    rng = c.rng
    sex = rng.choice(["male", "female"])
    name = make_name(c, culture, sex)
    dob = rdate(rng, dt.date(1950, 1, 1), dt.date(2000, 12, 31))
    oi = rng.randrange(len(OCCUPATIONS["en"]))
    p = {}
    if victim_id:
        p["id"] = victim_id
    p["name"] = name
    p["sex"] = R(sex)
    p["date_of_birth"] = dob
    if rng.random() < 0.5:
        p["age_at_event"] = age(dob, event)
    p["nationalities"] = [R(country)]
    if not c.lean and rng.random() < 0.5:
        p["identity_documents"] = [{"type": R(rng.choice(["national_id", "passport"])),
                                    "number": f"{country}{rng.randint(10**6, 10**9)}",
                                    "issued_on": rdate(rng, dt.date(2012, 1, 1), event)}]
    p["occupation"] = OCCUPATIONS[c.lang][oi]
    p["activities"] = sorted({R(OCC_ACT[oi]), R("human_rights")})
    p["is_human_rights_defender"] = True
    res, city = place(c, country, ptype="home")
    c.person_ctx(name, sex, city, event)
    if with_bg and not c.lean:
        p["background"] = c.text("background", rng.randint(1, 3))
    p["residence"] = res
    return p, city


def case_sp_general(c, cid, date, culture, country):
    rng = c.rng
    kind = rng.choice(["urgent_appeal", "allegation_letter", "allegation_letter", "group"])
    sub, org = submitter(c, "sp-general", culture)
    event = date - dt.timedelta(days=rng.randint(1, 20) if kind == "urgent_appeal" else rng.randint(30, 400))
    doc = {"spcomm": 1, "form": R("sp-general"), "id": R(cid), "language": R(c.lang), "date": date}
    doc["addressees"] = [R(m) for m in rng.sample(["sr_hr_defenders", "sr_freedom_expression", "sr_torture",
                                                    "sr_independence_judges_lawyers", "sr_freedom_assembly",
                                                    "sr_housing", "sr_indigenous"], rng.randint(1, 3))]
    doc["internal_ref"] = f"REF/{date.year}/{rng.randint(1, 999):03d}"
    nvict = 0 if kind == "group" else rng.choice([1, 1, 1, 1, 2])
    victims = []
    for i in range(nvict):
        p, city = person(c, culture, country, event, victim_id=f"v{i + 1}")
        p["consent"] = consent(c, culture, rdate(rng, event, date), org)
        victims.append(p)
    if nvict == 0:
        region, city = rng.choice(CITIES[country])
        c.ctx = {"H": GROUP_H[c.lang], "x": GX[c.lang]["male"], "city": city, "d": fdate(c.lang, event), "y": event.year - 2,
                 "n": rng.randint(40, 400), "t": "7" + (" a.m." if c.lang == "en" else ""), "inst": INST["police"][c.lang]}
    else:  # the first victim is the subject of the narratives
        v = victims[0]
        c.person_ctx(v["name"], str(v["sex"]), v["residence"]["locality"], event)
    doc["confidential_notes"] = None if c.lean else c.text("notes", 2)
    doc["submitter"] = sub
    comm = {"requested_type": R("allegation_letter" if kind == "group" else kind)}
    if kind == "urgent_appeal":
        comm["urgency"] = c.text("urgency", 3)
    comm["subject_kind"] = R("community" if kind == "group" else "individual")
    doc["communication"] = comm
    doc["states_concerned"] = [R(country)]
    if victims:
        doc["victims"] = victims
    else:
        doc["group"] = {"description": c.narrative("group"), "size": rng.randint(40, 400) * 5,
                        "size_is_estimate": True, "characteristics": c.text("group", 1)}
    incs = []
    for j in range(rng.choice([1, 1, 2])):
        pl, _ = place(c, country, details=rng.choice(UNITS[c.lang]), ptype=rng.choice(["workplace", "street", "home"]))
        inc = {"date": event + dt.timedelta(days=j), "place": pl}
        if victims:
            inc["victims"] = [R(v["id"]) for v in victims]
        inc["description"] = c.narrative("event") if j == 0 else c.text("event", 4)
        inc["status"] = R("ongoing" if kind == "urgent_appeal" else "past")
        inc["victim_status_now"] = R("detained" if kind == "urgent_appeal" else rng.choice(["released", "threatened", "injured"]))
        incs.append(inc)
    doc["incidents"] = incs
    doc["perpetrators"] = [perpetrator(c, rng.choice(["police", "security", "army"])) for _ in range(rng.choice([1, 1, 2]))]
    doc["domestic_remedies"] = remedy_steps(c, event, date, rng.randint(1, 2))
    doc["relevant_law"] = [{"instrument": R("iccpr"), "article": "7, 9, 14 and 19"},
                           {"instrument": R("declaration_hrd"), "article": "1, 6 and 12"}][:rng.randint(1, 2)]
    doc["action_requested"] = c.text("action", 3)
    doc["reprisal_concern"] = {"feared": False} if c.lean else {"feared": True, "details": c.text("reprisal", 2)}
    return doc


def case_wgeid(c, cid, date, culture, country):
    rng = c.rng
    sub, org = submitter(c, "wgeid", culture)
    event = date - dt.timedelta(days=rng.randint(100, 900))
    doc = {"spcomm": 1, "form": R("wgeid"), "id": R(cid), "language": R(c.lang), "date": date,
           "addressees": [R("wg_disappearances")], "internal_ref": f"WGEID/{date.year}/{rng.randint(1, 999):03d}"}
    p, city = person(c, culture, country, event)
    p["consent"] = consent(c, culture, rdate(rng, event, date), True, by_relative=True)
    doc["confidential_notes"] = None if c.lean else c.text("notes", 2)
    doc["submitter"] = sub
    doc["disappeared"] = p
    pl, _ = place(c, country, details=rng.choice(UNITS[c.lang]), ptype=rng.choice(["street", "home", "workplace"]))
    doc["disappearance"] = {"date": event, "kind": R(rng.choice(["arrest", "abduction", "detention"])), "place": pl,
                            "description": c.narrative("event"),
                            "whereabouts": R(rng.choice(["capture_denied", "capture_acknowledged_location_undisclosed",
                                                         "held_incommunicado", "unknown"]))}
    doc["responsible_forces"] = [perpetrator(c, rng.choice(["police", "security", "army"]))]
    if rng.random() < 0.3:
        doc["responsible_forces"].append(perpetrator(c, "police", link=True))
    if not c.lean and rng.random() < 0.5:
        doc["witnesses"] = [{"name": make_name(c, culture, rng.choice(["male", "female"])), "confidential": True}]
    doc["steps_taken"] = remedy_steps(c, event, date, rng.randint(1, 3))
    if not c.lean and rng.random() < 0.4:
        doc["related_cases"] = [{"name": make_name(c, culture, rng.choice(["male", "female"])),
                                 "relationship": RELATED[c.lang]}]
    doc["reprisal_concern"] = {"feared": False} if c.lean else {"feared": True, "details": c.text("reprisal", 2)}
    return doc


def case_wgad(c, cid, date, culture, country):
    rng = c.rng
    sub, org = submitter(c, "wgad", culture)
    event = date - dt.timedelta(days=rng.randint(60, 900))
    doc = {"spcomm": 1, "form": R("wgad"), "id": R(cid), "language": R(c.lang), "date": date}
    if rng.random() < 0.7:
        doc["addressees"] = [R("wg_arbitrary_detention")]
    doc["internal_ref"] = f"WGAD/{date.year}/{rng.randint(1, 999):03d}"
    p, city = person(c, culture, country, event)
    p["consent"] = consent(c, culture, rdate(rng, event, date), org)
    doc["confidential_notes"] = None if c.lean else c.text("notes", 2)
    doc["submitter"] = sub
    doc["detainee"] = p
    pl, _ = place(c, country, details=rng.choice(UNITS[c.lang]), ptype="home")
    warrant = rng.choice(["yes", "no"])
    arrest = {"date": event, "place": pl, "forces": [perpetrator(c, rng.choice(["police", "security"]))],
              "warrant_shown": R(json.dumps(warrant))}
    if warrant == "yes":
        arrest["warrant_authority"] = INST["prosecutor"][c.lang]
    arrest["reasons_given"] = c.text("event", 1)
    doc["arrest"] = arrest
    released = rng.random() < 0.3
    det = {"date": event, "status": R("released" if released else "detained")}
    mid = event + dt.timedelta(days=rng.randint(2, 20))
    end = rdate(rng, mid + dt.timedelta(days=1), date) if released else None
    if released:
        det["date_end"] = end
    det["custodians"] = [perpetrator(c, "prison_admin")]
    p1, _ = place(c, country, details=rng.choice(UNITS[c.lang]))
    p2, _ = place(c, country, details=INST["prison_admin"][c.lang])
    places = [{"place": p1, "from": event, "to": mid, "facility_type": R("police_station")},
              {"place": p2, "from": mid, "facility_type": R(rng.choice(["pre_trial", "prison"]))}]
    if released:
        places[1]["to"] = end
    else:
        places[1]["current"] = True
    det["places"] = places[1:] if c.lean else places
    det["ordering_authority"] = INST["prosecutor"][c.lang]
    det["reasons_given"] = c.text("event", 1)
    det["conditions"] = None if c.lean else c.text("conditions", rng.randint(1, 3))
    doc["detention"] = det
    cats = sorted(rng.sample(["I", "II", "III", "IV", "V"], rng.choice([1, 1, 2, 3])), key=["I", "II", "III", "IV", "V"].index)
    doc["categories_invoked"] = [R(x) for x in cats]
    args = {}
    for k in cats:
        args[k] = c.text("cat", rng.randint(1, 3), paras=max(1, c.size // 2))
        if k == "II":
            args["II_rights"] = [R("udhr_19"), R("iccpr_19"), R("iccpr_22")]
        if k == "V":
            args["V_grounds"] = [R("ethnic_origin"), R("religion")]
    doc["category_arguments"] = args
    doc["circumstances"] = c.narrative("event")
    doc["domestic_remedies"] = remedy_steps(c, event, date, rng.randint(1, 3))
    if not released and rng.random() < 0.5:
        doc["urgent_action"] = {"requested": True, "health_or_life_risk": c.text("conditions", 2)}
    return doc


HEADER = {"sp-general": "Synthetic sp-general case", "wgeid": "Synthetic WGEID case", "wgad": "Synthetic WGAD case"}


def generate(i, rng, annex_dir=None):
    form = rng.choice(["sp-general", "sp-general", "wgeid", "wgad"])
    lang = rng.choice(["en", "en", "fr", "es"])
    culture = rng.choice(list(CULTURES))
    country = rng.choice(CULTURES[culture])
    size = rng.choice([0, 0, 1, 1, 2, 3])          # narrative paragraphs beyond the first: 2 to 4 rendered pages
    c = Case(rng, lang, size)
    cid = f"bench-{form}-{i:05d}"
    date = rdate(rng, dt.date(2025, 6, 1), dt.date(2026, 11, 30))
    doc = {"sp-general": case_sp_general, "wgeid": case_wgeid, "wgad": case_wgad}[form](c, cid, date, culture, country)
    if annex_dir is not None and rng.random() < 0.3:
        fn = f"{cid}-a1.txt"
        with open(os.path.join(annex_dir, fn), "w", encoding="utf-8") as f:
            f.write(f"Synthetic annex for {cid}: a text stand-in for a scanned document.\n" * rng.randint(3, 30))
        doc["attachments"] = [{"id": "a1", "file": f"annexes/{fn}",
                               "title": {"en": "Copy of an official document", "fr": "Copie d'un document officiel",
                                         "es": "Copia de un documento oficial"}[lang],
                               "kind": R("official_letter"), "disclosure": R("GOV")}]
    lines = [f"# {HEADER[form]} generated by bench/gen_cases.py (case language {lang}).",
             "# Every person, organization and event in it is invented."]
    return cid, "\n".join(lines + emit(doc)) + "\n"


FIXED_WORDS = _fixed_words()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--annexes", action="store_true", help="give some cases an annex in OUTDIR/annexes/")
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    annex_dir = None
    if a.annexes:
        annex_dir = os.path.join(a.outdir, "annexes")
        os.makedirs(annex_dir, exist_ok=True)
    for i in range(a.n):
        rng = random.Random(a.seed * 1_000_003 + i)   # each case from its own stream: case i is the same for any N
        cid, text = generate(i, rng, annex_dir)
        with open(os.path.join(a.outdir, cid + ".yaml"), "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
