"""Contact data: e-mail addresses (also spelt out: "at", "punkt"), social media accounts and
user names, and a person's own web page. Gathered in monster.py in the order the database
runs them.
"""

from __future__ import annotations

from identitetsskydd.monster_siffror import TALORD_ETT, TALORD_SAMMANSATTA, TALORD_TVA
from identitetsskydd.tecken import BOKSTAV, Monster

_L = BOKSTAV
_TLD = "se|com|nu|net|org|eu|fi|no|dk|de|uk|pl|tr|io|info|biz|me|gov|edu|co|ru|ir|iq|sy|so|ba"
TOPPDOMANER = _TLD
_LEVERANTOR = "gmail|hotmail|outlook|yahoo|live|icloud|telia|bredband|msn|protonmail|proton|spray"
_SNABELA = "@| ?[(\\[{<] ?(?:@|at|a|snabel[- ]?a) ?[)\\]}>] ?| (?:at|snabel[- ]?a) "
_PUNKT = "\\.| ?[(\\[{<] ?(?:dot|punkt) ?[)\\]}>] ?| (?:dot|punkt) "
# An e-mail's local part, from where its run of characters starts: a match that began inside
# the run would also match from its start, and starting anywhere made a long run of digits or
# letters cost quadratic time (a text of a few thousand characters took seconds).
_LOKALTECKEN = f"[{_L}0-9._%+-]"
_LOKAL = f"(?<!{_LOKALTECKEN}){_LOKALTECKEN}+"
_PLATTFORM = (
    "instagram|insta|snapchat|snap|tiktok|facebook|fb|twitter|telegram|kik|discord|youtube|"
    "threads|linkedin|messenger|twitch|reddit|pinterest|vinted|tinder|steam|roblox|whatsapp|"
    "skype|bluesky|mastodon|onlyfans"
)
_DOMANDEL = f"[{_L}0-9-]+"


EPOST_OCH_KONTON: tuple[Monster, ...] = (
    Monster(
        "epost",
        f"{_LOKAL} ?@ ?{_DOMANDEL}(?:(?:{_PUNKT}){_DOMANDEL})*(?:{_PUNKT})[a-z]{{2,12}}(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    Monster(
        "epost",
        f"{_LOKAL} ?(?:{_SNABELA}) ?{_DOMANDEL}(?:(?:{_PUNKT}){_DOMANDEL})*(?:{_PUNKT})"
        f"(?:{_TLD})(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    Monster(
        "epost",
        f"{_LOKAL} ?(?:{_SNABELA}) ?(?:{_LEVERANTOR})(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    # "skatertjejen2009 på gmail.com": a user name, "på", a mail provider with its domain.
    Monster(
        "epost",
        # "Has a digit, dot or underscore" is a lookahead: as X*[0-9._]X* the run could be split
        # in every way, cubic time on a long run of digits.
        f"(?<!{_LOKALTECKEN})(?=[{_L}0-9._%+-]*[0-9._]){_LOKALTECKEN}+ på (?:{_LEVERANTOR}) ?"
        f"(?:{_PUNKT}) ?(?:{_TLD})(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    # A social media account: @namn, "Insta: hodan.farah", facebook.com/namn.5. An account
    # name after a platform has a digit, a dot or an underscore, as names there have.
    Monster(
        "konto",
        f"(?<![{_L}0-9._%+-])@[{_L}0-9_][{_L}0-9._]{{2,29}}",
        # Every letter either way: one case-insensitive expression with the others in the
        # database (PostgreSQL keeps 32 compiled expressions per session, see sql.py).
        skiftlagesokansligt=True,
    ),
    Monster(
        "konto",
        # "ig" (Instagram) only before a colon: "hitta honom på ig: viking_2011".
        f"(?<![{_L}])(?:{_PLATTFORM}|ig(?= ?:))"
        f"(?:[ -]?(?:konto|kontot|namn|namnet|användarnamn|profil|profilen))?"
        f"(?: ?:| är| heter)? ?[\"”“'»]?@?[{_L}][{_L}0-9_]*[0-9._#][{_L}0-9._#]*"
        f"[{_L}0-9]"
        f"(?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
    Monster(
        "konto",
        f"(?<![{_L}])(?:{_PLATTFORM}|x)\\.com ?/ ?[{_L}0-9._@-]{{2,}}",
        skiftlagesokansligt=True,
    ),
)


ANVANDARNAMN: tuple[Monster, ...] = (
    # A user name and a mail provider after a word for e-mail: "mejlen är annikaholm på gmail".
    Monster(
        "epost",
        f"(?<![{_L}])(?:e-?post|e-?mail|mail|mejl)(?:adress|adressen|en|et)?(?: är|:) ?"
        f"{_LOKAL} (?:på|hos) (?:{_LEVERANTOR})(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    # A user name with a digit, dot or underscore before its platform: "lisa_93 på insta".
    Monster(
        "konto",
        f"(?<![{_L}0-9._@])(?=[{_L}0-9._]*[0-9._])[{_L}]{{3}}[{_L}0-9._]*[{_L}0-9] "
        f"(?:på|i|on) (?:{_PLATTFORM})(?![{_L}])",
        skiftlagesokansligt=True,
    ),
)


KONTO_I_ORD_OCH_WEBBSIDA: tuple[Monster, ...] = (
    # A user name said with number words before its platform: "kalleboy nittiotre på
    # instagram" (speech-to-text).
    Monster(
        "konto",
        f"(?<![{_L}])(?:heter|är|namn|namnet|kallar sig):? [{_L}]{{3,}}"
        f"(?: (?:{TALORD_SAMMANSATTA}|{TALORD_TVA}|{TALORD_ETT}))+ (?:på|i|on) "
        f"(?:{_PLATTFORM})(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    # A person's own web page: "hans webbsida petterfoto.com" (a unit's or an organisation's
    # page is "kommunens", "deras").
    Monster(
        "konto",
        f"(?<![{_L}])(?:hans|hennes|hens|sin|sitt|egen|egna|privata|mammans|pappans) "
        f"(?:egen |egna |privata )?(?:webbsida|webbsidan|hemsida|hemsidan|blogg|bloggen|sajt|"
        f"sajten|webbplats|webbshop|webbutik|portfolio)(?: är| heter|:)? (?:https?://)?"
        f"(?:www\\.)?[{_L}0-9-]{{2,63}}\\.(?:{_TLD})(?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
)
