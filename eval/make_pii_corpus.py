"""Make eval/data/pii_corpus.jsonl: chat messages with their personal details marked.

Synthetic on purpose (no real person's data): Faker (pinned in requirements.txt) gives
names of many cultures, phone numbers, emails, addresses, dates; our own templates give
the way people write to a supportive chatbot (lower case, typos, slang, UK and US). One
in six names is invented from syllables, so context rules are measured on names no list
knows. Hand-written tricky messages (``HAND``) are added with inline markup
``[[detail|LABEL]]``. Each line: {"text", "spans": [[start, end, label], ...], "source"}.

    python eval/make_pii_corpus.py      # deterministic: fixed seed
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from faker import Faker

SEED = 20261127
N_GENERATED = 440
OUT = Path(__file__).resolve().parent / "data" / "pii_corpus.jsonl"

LOCALES = [
    "en_GB",
    "en_US",
    "en_IN",
    "yo_NG",
    "ig_NG",
    "en_PK",
    "vi_VN",
    "pl_PL",
    "es_MX",
    "fr_FR",
    "de_DE",
    "ga_IE",
    "tr_TR",
    "tw_GH",
    "en_AU",
    "pt_BR",
    "it_IT",
    "en_IE",
]
ROMANIZED = ["zh_CN", "ja_JP"]

SCHOOL_KINDS = [
    "high",
    "high school",
    "academy",
    "college",
    "primary",
    "secondary school",
    "grammar school",
    "sixth form college",
    "middle school",
    "elementary",
]
UNI = ["university of {city}", "{city} university", "{city} college", "uni of {city}"]
WORKPLACES = [
    "tesco",
    "Greggs",
    "Starbucks",
    "Sainsbury's",
    "Costa",
    "Primark",
    "Walmart",
    "Target",
    "Boots",
    "JD Sports",
    "Deloitte",
    "Amazon",
    "Pret",
    "Nando's",
    "Lidl",
    "Asda",
    "Kroger",
    "Chipotle",
]
PLATFORMS = ["insta", "snap", "tiktok", "discord", "twitter", "ig", "snapchat", "instagram"]

# {placeholders}: first, full, rel, phone, email, school, work, city, address, postcode, zip, dob, url,
# handle, nhs, ssn, card, ip, student, platform
TEMPLATES = [
    "my {rel} {first} keeps texting me on {phone} and i dont know what to do",
    "i go to {school} and my teacher mrs {last} says im lazy",
    "my name is {first} and i live in {city}",
    "hi im {first}, my email is {email} if you need it",
    "{first} said i was being dramatic again",
    "i had a huge fight with {first} last night and i cant stop crying",
    "my {rel} {full} wont talk to me anymore",
    "can you call me on {phone}? its {first}",
    "i work at {work} and my manager {first} is horrible to me",
    "we moved to {city} last year and i dont know anyone",
    "i live at {address}, {postcode} but please dont tell anyone",
    "my dob is {dob} if that matters",
    "i was born on {dob} and i feel so old lol",
    "my insta is {handle} you can look me up",
    "add me on {platform} {handle}",
    "my nhs number is {nhs} the doctor asked for it",
    "i gave them my card {card} and now im scared",
    "someone from {ip} keeps logging into my account",
    "my student number is {student} and they lost my coursework",
    "check {url} thats where they posted about me",
    "my ssn is {ssn} is that bad to share",
    "me and {first} used to be best friends at {school}",
    "i miss my {rel} {first} so much, they passed last year",
    "{first} from {school} keeps spreading rumours about me",
    "I'M SO DONE WITH {first}",
    "my boyfriend {first} checks my phone every night",
    "my girlfriend {first} wants me to move to {city} with her",
    "text {first} on {phone} if you cant reach me",
    "i study at {uni} and the pressure is too much",
    "my therapist dr {last} said i should try this",
    "honestly {first} is the only one who gets me",
    "i told {first} and {first2} about my anxiety and they laughed",
    "my zip is {zip} if you have local services",
    "i'm from {city} but i live in {city2} now",
    "you can email me {email} or text {phone}",
    "hey its {first} again, i talked to {first2} like you said",
    "my mum {first} keeps shouting at me",
    "my {rel} {first} hurt me and i dont feel safe at home in {city}",
    "our address is {address} {postcode}",
    "follow me on tiktok @{handle_bare}",
    "i got excluded from {school} today",
    "my coach {full} makes me feel worthless",
    "talking to {first} about it tomorrow",
    "my friend {first} said it would be ok",
    "{full} is my ex and he wont leave me alone",
    "i ran away to {city} and im staying with {first}",
    "my bday is {dob_short} and nobody remembered",
    "im at {work} on {address} most days",
    "ring me on {phone} pls",
    "my snap is {handle} but dont share it",
]

RELS = [
    "sister",
    "brother",
    "boyfriend",
    "girlfriend",
    "friend",
    "best friend",
    "bf",
    "gf",
    "mum",
    "dad",
    "mom",
    "cousin",
    "ex",
    "step dad",
    "nan",
    "uncle",
    "aunt",
    "mate",
    "partner",
    "husband",
    "wife",
    "flatmate",
    "teacher",
    "boss",
]
FILLERS = [
    "",
    "",
    "",
    " lol",
    " tbh",
    " idk",
    " ngl",
    " :(",
    " honestly",
    " x",
    "..",
    " please help",
]
SYLLABLES = [
    "ka",
    "ri",
    "zo",
    "lu",
    "me",
    "ya",
    "ne",
    "ti",
    "sha",
    "ro",
    "vi",
    "da",
    "mi",
    "ko",
    "el",
    "an",
    "or",
    "qui",
    "bel",
    "tor",
    "wen",
    "ix",
    "ul",
    "fa",
]


def invented_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


class Gen:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.fakers = {loc: Faker(loc) for loc in LOCALES + ROMANIZED}
        for i, f in enumerate(self.fakers.values()):
            f.seed_instance(seed + i)
        self.gb, self.us = self.fakers["en_GB"], self.fakers["en_US"]

    def person(self):
        rng = self.rng
        if rng.random() < 1 / 6:
            return invented_name(rng), invented_name(rng)
        loc = rng.choice(LOCALES + ROMANIZED)
        f = self.fakers[loc]
        if loc in ROMANIZED:
            return f.first_romanized_name(), f.last_romanized_name()
        return f.first_name(), f.last_name()

    def value(self, slot: str, ctx: dict):
        rng, gb, us = self.rng, self.gb, self.us
        if slot in ("first", "first2"):
            return ctx.setdefault(slot, self.person()[0]), "NAME"
        if slot == "last":
            return self.person()[1], "NAME"
        if slot == "full":
            a, b = self.person()
            return f"{a} {b}", "NAME"
        if slot == "rel":
            return rng.choice(RELS), None
        if slot == "phone":
            style = rng.random()
            if style < 0.45:
                n = "07" + "".join(str(rng.randint(0, 9)) for _ in range(9))
                return (n if rng.random() < 0.4 else f"{n[:5]} {n[5:]}"), "PHONE"
            if style < 0.8:
                return rng.choice(
                    [
                        f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
                        f"{rng.randint(201, 989)}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
                        f"+1 {rng.randint(201, 989)} {rng.randint(200, 999)} {rng.randint(1000, 9999)}",
                    ]
                ), "PHONE"
            return rng.choice(
                [
                    f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}",
                    f"+91 {rng.randint(70000, 99999)} {rng.randint(10000, 99999)}",
                    f"+234 80{rng.randint(1, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                    f"0{rng.randint(1100, 1999)} {rng.randint(100000, 999999)}",
                ]
            ), "PHONE"
        if slot == "email":
            a, b = self.person()
            user = rng.choice(
                [f"{a}.{b}", f"{a}{rng.randint(1, 99)}", f"{a[0]}{b}", f"{a}_{b}"]
            ).lower()
            user = re.sub(r"[^a-z0-9._]", "", user.encode("ascii", "ignore").decode()) or "user"
            return (
                f"{user}@{rng.choice(['gmail.com', 'hotmail.co.uk', 'yahoo.com', 'outlook.com', 'icloud.com'])}",
                "EMAIL",
            )
        if slot == "school":
            name = rng.choice(
                [self.person()[1], gb.city(), us.last_name(), "St " + self.person()[0] + "'s"]
            )
            return f"{name} {rng.choice(SCHOOL_KINDS)}", "ORG"
        if slot == "uni":
            city = rng.choice([gb.city(), us.city(), "Leeds", "Manchester", "Bristol", "Glasgow"])
            return rng.choice(UNI).format(city=city), "ORG"
        if slot == "work":
            return rng.choice(WORKPLACES), "ORG"
        if slot in ("city", "city2"):
            return rng.choice(
                [
                    gb.city(),
                    us.city(),
                    "Leeds",
                    "Birmingham",
                    "Manchester",
                    "Glasgow",
                    "Cardiff",
                    "Lagos",
                    "Karachi",
                    "Chicago",
                    "Houston",
                    "Toronto",
                    "Dublin",
                    "Leicester",
                    "Bradford",
                    "Coventry",
                    "Sheffield",
                    "Nottingham",
                    "Newcastle",
                ]
            ), "LOCATION"
        if slot == "address":
            if rng.random() < 0.6:
                return gb.street_address().split("\n")[0], "ADDRESS"
            return us.street_address(), "ADDRESS"
        if slot == "postcode":
            return gb.postcode(), "POSTCODE"
        if slot == "zip":
            return us.zipcode(), "POSTCODE"
        if slot == "dob":
            d = us.date_of_birth(minimum_age=12, maximum_age=40)
            fmt = rng.choice(["%d/%m/%Y", "%m/%d/%Y", "%d %B %Y", "%B %d, %Y", "%Y-%m-%d"])
            return d.strftime(fmt), "DATE"
        if slot == "dob_short":
            d = us.date_of_birth()
            return rng.choice(
                [d.strftime("%d %B"), d.strftime("%B %d"), d.strftime("%d/%m")]
            ), "DATE"
        if slot == "url":
            return rng.choice(
                [
                    us.url(),
                    f"https://www.instagram.com/{us.user_name()}",
                    f"bit.ly/{us.pystr(5, 7)}",
                ]
            ), "URL"
        if slot == "handle":
            h = us.user_name() + rng.choice(["", "_", "x", str(rng.randint(1, 99))])
            return (("@" + h) if rng.random() < 0.3 else h), "HANDLE"
        if slot == "handle_bare":
            return us.user_name(), "HANDLE"
        if slot == "platform":
            return rng.choice(PLATFORMS), None
        if slot == "nhs":
            return self.nhs(), "ID"
        if slot == "ssn":
            return us.ssn(), "ID"
        if slot == "card":
            return us.credit_card_number(
                card_type=rng.choice(["visa16", "mastercard", "amex"])
            ), "CARD"
        if slot == "ip":
            return us.ipv4_public() if rng.random() < 0.8 else us.ipv6(), "IP"
        if slot == "student":
            return str(rng.randint(10000000, 99999999)), "ID"
        raise KeyError(slot)

    def nhs(self) -> str:
        while True:
            digits = [self.rng.randint(0, 9) for _ in range(9)]
            check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=False)) % 11
            check = 0 if check == 11 else check
            if check != 10:
                s = "".join(map(str, digits)) + str(check)
                return f"{s[:3]} {s[3:6]} {s[6:]}"

    def message(self):
        rng = self.rng
        template = rng.choice(TEMPLATES) + rng.choice(FILLERS)
        ctx: dict = {}
        out, spans, pos = [], [], 0
        style = rng.random()
        for part in re.split(r"(\{\w+\})", template):
            if part.startswith("{") and part.endswith("}"):
                slot = part[1:-1]
                if slot == "handle_bare" and out and out[-1].endswith("@"):
                    pass
                value, label = self.value(slot, ctx)
                if label in ("NAME", "LOCATION", "ORG") and style < 0.55:
                    value = value.lower()
                if label and slot == "handle_bare":  # include the "@" typed before it
                    start = pos - 1
                else:
                    start = pos
                out.append(value)
                pos += len(value)
                if label:
                    spans.append([start, pos, label])
            else:
                text = part
                if style < 0.55:
                    text = text.lower()
                if rng.random() < 0.15:
                    text = typo(rng, text)
                out.append(text)
                pos += len(text)
        text = "".join(out)
        if "I'M SO DONE" in template:
            text = text.upper()
        return {"text": text, "spans": spans, "source": "generated"}


def typo(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 1)
    words[i] = w[:j] + w[j + 1 :]
    return " ".join(words)


# Hand-written: names that are words, no trigger, odd spacing, mixed details.
HAND = [
    "my friend [[Hope|NAME]] said i should talk to someone",
    "i hope so, i will try tomorrow",
    "talking to [[will|NAME]] about it tonight, wish me luck",
    "ngl [[oluwaseun|NAME]] is the only one who checks on me",
    "[[SIOBHÁN|NAME]] AND [[ZOË|NAME]] BLOCKED ME EVERYWHERE",
    "me n [[xiaoling|NAME]] used to walk home together past [[greenfield academy|ORG]]",
    "if anything happens my sister's number is [[07911 123 456|PHONE]]",
    "im in year 9 at [[st aidan's|ORG]] and everyone hates me",
    "my stepdad [[gary|NAME]] drinks every night and gets angry",
    "we live on [[ferndale road|ADDRESS]] in [[sheffield|LOCATION]]",
    "just moved from [[lagos|LOCATION]] to [[peckham|LOCATION]] and i miss home",
    "dm me on insta [[@tired.girl_04|HANDLE]]",
    "my discord is [[moonlight#4821|HANDLE]] if u want to talk",
    "born [[14/02/2008|DATE]] so im 16 now",
    "my dad [[mark|NAME]] and my brother will help me move out",
    "Dr [[Okonkwo|NAME]] at the [[Riverside clinic|ORG]] changed my meds",
    "can u email [[sam.t.2007 at gmail dot com|EMAIL]] instead",
    "i told my teacher miss [[henderson|NAME]] and she did nothing",
    "my bf [[jayden|NAME]] from [[croydon|LOCATION]] took my phone",
    "work at [[Lidl|ORG]] on weekends and my manager [[priya|NAME]] is actually nice",
    "grace is something i need to show myself",
    "my mum [[rose|NAME]] is in hospital and my dad [[bill|NAME]] left",
    "the number they called from was [[+1 (646) 555-0182|PHONE]]",
    "my account number is [[40-21-77 31984021|ID]] and someone took money",
    "[[Mohammed|NAME]] and [[Aisha|NAME]] from my mosque keep asking questions",
    "i stay at my nan's in [[Dundee|LOCATION]] most weekends",
    "my postcode is [[LS6 2QT|POSTCODE]] can someone come",
    "its [[priyanka.sharma@outlook.com|EMAIL]] and my number is [[+91 98450 12345|PHONE]]",
    "hey, it's [[Dylan|NAME]]. i go to [[Jefferson Middle School|ORG]] in [[Dayton|LOCATION]], [[Ohio|LOCATION]]",
    "my foster mom [[Tamika|NAME]] and her son [[DeShawn|NAME]] are nice but i miss home",
    "i live at [[2210 W Maple St Apt 3B|ADDRESS]], [[Springfield|LOCATION]] [[IL 62704|POSTCODE]]",
    "call me at [[312.555.0148|PHONE]] or my cell [[773 555 0192|PHONE]]",
    "i told my school counselor Mrs. [[Kowalski|NAME]] and nothing happened",
    "anyway my gamertag is [[xXDarkWolfXx|HANDLE]]",
    "my sister [[Chloé|NAME]] moved to [[Montréal|LOCATION]]",
    "i'm called [[Björn|NAME]] and i'm from [[Malmö|LOCATION]]",
    "omg [[jordan|NAME]] is so annoying",
    "me and [[tyler|NAME]] broke up last week",
    "yesterday in maths [[Oliver|NAME]] threw my bag out the window",
    "my landline is [[020 7946 0018|PHONE]]",
    "i'm in year 11 at [[Harris Academy Peckham|ORG]]",
    "my social worker [[Diane Fletcher|NAME]] visits on tuesdays",
    "[[Jess|NAME]], [[Amy|NAME]] and [[Mo|NAME]] are my only friends",
    "my reddit is [[u/throwaway_sad_22|HANDLE]]",
    "i hope will and grace is on tonight, i will watch it with mum",
    "may i ask if it will get better by june",
]


def parse_markup(line: str) -> dict:
    spans, out, pos = [], [], 0
    for part in re.split(r"(\[\[.+?\|[A-Z]+\]\])", line):
        m = re.fullmatch(r"\[\[(.+?)\|([A-Z]+)\]\]", part)
        if m:
            out.append(m.group(1))
            spans.append([pos, pos + len(m.group(1)), m.group(2)])
            pos += len(m.group(1))
        else:
            out.append(part)
            pos += len(part)
    return {"text": "".join(out), "spans": spans, "source": "hand"}


def main() -> None:
    gen = Gen(SEED)
    rows = [gen.message() for _ in range(N_GENERATED)] + [parse_markup(h) for h in HAND]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for row in rows:
            for s, e, _ in row["spans"]:
                assert 0 <= s < e <= len(row["text"])
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} messages ({sum(len(r['spans']) for r in rows)} details) written to {OUT}")


if __name__ == "__main__":
    main()
