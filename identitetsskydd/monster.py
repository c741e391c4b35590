"""The one source of what counts as an identifier in a text that must not reveal who someone
is (14 kap. 4–5 §§ SoL). Both guards are generated from this file: the Python guard in
granskning.py runs these patterns first and then more (phonenumbers, names in context), and
sql.py writes the same patterns into the PostgreSQL function the triggers call. So everything
the database refuses, Python has refused first, and staff get a message instead of an error.

The patterns are written in the part of regular-expression syntax that Python's re and
PostgreSQL's advanced regular expressions read alike: explicit character classes instead of
\\w, \\b or [[:alpha:]] (whose meaning depends on the database's locale), lookbehind and
lookahead, no backreferences. Texts are normalised the same way on both sides first.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# Letters as the guards read them: ASCII, Latin-1, Latin Extended-A and -B and Latin Extended
# Additional: the letters Swedish, Finnish, Polish, Turkish, Bosnian, Romanian (ș, ț),
# Latvian (ā, ņ), Vietnamese (ễ) and other names in Latin script use.
_BOKSTAVSBLOCK = ((0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x24F),
                  (0x1E00, 0x1EFF))  # fmt: skip
BOKSTAV = "".join(f"{chr(a)}-{chr(b)}" for a, b in _BOKSTAVSBLOCK)


def _klass(pred: Callable[[str], bool]) -> str:
    """The letters of BOKSTAV for which pred holds, as a character class's ranges of runs of
    consecutive code points: spelled out, so both sides read the same letters as capitals or
    small letters whatever the database's locale (Python's str.isupper and str.islower)."""
    tecken = [c for a, b in _BOKSTAVSBLOCK for c in range(a, b + 1) if pred(chr(c))]
    delar, i = [], 0
    while i < len(tecken):
        j = i
        while j + 1 < len(tecken) and tecken[j + 1] == tecken[j] + 1:
            j += 1
        delar.append(chr(tecken[i]) if i == j else f"{chr(tecken[i])}-{chr(tecken[j])}")
        i = j + 1
    return "".join(delar)


# Capitals and small letters, where the two sides must agree on case: every letter of BOKSTAV
# that Python's str.isupper / str.islower says is one (so "Kovačević" and "Łucja" are written
# as names in the database too, not only Latin-1 ones).
VERSAL = _klass(str.isupper)
GEMEN = _klass(str.islower)
# A name joined to a small-letter word is a compound, not a person: "Nour-gruppen".
SAMMANSATT = f"-[{GEMEN}]"

# Normalisation, identical on both sides: NFKC (non-breaking and thin spaces become spaces,
# fullwidth digits and @ become ASCII), invisible characters removed, every dash a hyphen and
# every other space-like character a space.
OSYNLIGA = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e\u2061\u2062\u2063\u2064\u034f"
STRECK = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
MELLANRUM = "\t\n\r\v\f\u0085\u2028\u2029"
# Combining marks that NFKC could not join to a letter ("Mohammed" with an accent on the d)
# are removed: they hide a word from the name list without changing how it reads.
KOMBINERANDE = "".join(chr(c) for c in range(0x0300, 0x0370) if c != 0x034F)
# Digits of other scripts, which NFKC leaves as they are (Arabic-Indic, Persian and Urdu,
# Devanagari, Bengali): read as the digits they are.
ANDRA_SIFFROR = "".join(chr(b + i) for b in (0x0660, 0x06F0, 0x0966, 0x09E6) for i in range(10))
# Cyrillic and Greek letters, and the dotless i, that look like Latin ones (homoglyphs): a name
# or an address typed with one of them reads as the Latin word it shows.
LIKNANDE = (
    "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХУІЈЅαοεικνρυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧı",
    "aeorcyxijsdhlqwABEKMHOPCTXYIJSaoeiknpuxABEZHIKMNOPTYXi",
)
# One translation, the same on both sides: what becomes what, and what is removed.
FRAN = STRECK + MELLANRUM + ANDRA_SIFFROR + LIKNANDE[0]
TILL = "-" * len(STRECK) + " " * len(MELLANRUM) + "0123456789" * 4 + LIKNANDE[1]
BORT = OSYNLIGA + KOMBINERANDE


# Organisations and works named after people: read as one word that is no name ("remitterad
# till Mini Maria" names a clinic, "Mamma Mia-kvällen" a film). The same list on both sides.
ORGANISATIONER = (
    "Mamma Mia",
    "Mannen som heter Ove",
    "Karlsson på taket",
    "Pippi Långstrump",
    "Alfons Åberg",
    "Emil i Lönneberga",
    "Mini Maria",
    "Maria Ungdom",
    "Maria Beroende",
    "Maria Skåne",
    "Astrid Lindgrens barnsjukhus",
    "Ronald McDonald",
    "Sankt Lukas",
    "S:t Lukas",
    "Sankta Maria",
    "Ersta diakoni",
    "Stadsmissionen",
    "Clas Ohlson",
)
# The letter o written for a zero beside a digit.
NOLLA_SOM_O = "(?<=[0-9])[oO]|[oO](?=[0-9])"
# An organisation's switchboard, customer service or helpline and its number, read as the
# organisation too ("kommunens växel 0224-74 70 00", "Kvinnojouren 0224-123 45",
# "Jourhavande medmänniska 08-702 16 80", "kontaktcenter 0224-74 70 00"); a mobile number
# (07…) is a person's still.
VAXELNUMMER = (
    f"[{BOKSTAV}]*(?:[Vv]äxel|[Vv]äxeln|[Vv]äxelnummer|[Kk]undtjänst|[Kk]undtjänsten|[Jj]our|"
    f"[Jj]ouren|[Jj]ourhavande(?: [{GEMEN}]+)?|center|centret|centralen|[Rr]eceptionen) ?:? ?"
    f"0[1-689](?:[ -]?[0-9]){{5,8}}(?![0-9])"
)
ORGANISATIONSMONSTER = (
    f"(?<![{BOKSTAV}])(?:"
    + "|".join([*(o.replace(" ", " +") for o in ORGANISATIONER), VAXELNUMMER])
    + f")(?![{BOKSTAV}])"
)


_TABELL = {ord(f): t for f, t in zip(FRAN, TILL, strict=True)} | {ord(c): None for c in BORT}


def normalisera(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TABELL)
    text = re.sub(NOLLA_SOM_O, "0", text)  # "o7o-174 o6 o3"
    return re.sub(ORGANISATIONSMONSTER, "organisation", text)


@dataclass(frozen=True)
class Monster:
    """One pattern of an identifier. kod is the reason given; efterkontroll names a check of
    the matched text that both sides implement (personnummer: checksum and date; telefon: not
    a time or a date)."""

    kod: str
    regex: str
    skiftlagesokansligt: bool = False
    efterkontroll: str | None = None
    # The database runs the patterns of a reason as one expression, and a rare reason's with
    # another's (sql._sammanslagna): the database then gives that reason (its message is a
    # last resort; Python has refused the text first with the right one).
    databasgrupp: str | None = None


# After these a name is a name whatever its case: family and roles, titles, "heter".
KONTEXT = frozenset(
    """
    barnen barnet barnets bebisen bonusmamma bonuspappa brodern broderns bror brorsan
    brukaren deltagaren doktor dotter dottern dotterns dr exet exfrun exmaken expartnern
    fadern faderns faffa far farbror farfar farmor faster fastern flickan flickvän
    flickvännen frk fru frun fröken förälder föräldern granne grannen grannens halvbror
    halvsyster herr heter hette hr hustru hustrun kallad kallades kallas kamrat kamraten
    killen klienten kompis kompisen kusin kusinen lilla lille lillasyster lillebror maka makan make
    maken makens mamma mamman mammas man mannen modern moderns moffa mommo mor morbror
    morfar mormor moster mostern namn namnet pappa pappan pappas partner partnern patienten
    pojken pojkvän pojkvännen sambo sambon sambons son sonen sonens storasyster storebror
    styvfar styvmamma styvmor styvpappa svärfar svärmor syrran syster systern systerns
    tilltalsnamn tjejen ungdomen vän väninna väninnan vännen
    """.split()
)

_SEP = "[ ./()-]{0,3}"
_L = BOKSTAV
_FORE = f"(?<![{_L}0-9])"
_EFTER = f"(?![{_L}0-9])"

GATUSUFFIX = (
    "gatan|gata|gränden|gränd|vägen|väg|stigen|torget|backen|backe|allén|allé|alle|allee|vändan|"
    "leden|platsen|esplanaden|promenaden|slingan|ringen|kroken|höjden|liden|stråket|kajen|"
    "stranden|strand|udden|ängen|gärdet|bränna|branten|hagen|torp|lunden|parken|torg|berget|"
    "dalen|viken|backarna|slätten|kullen|gården|gård|brynet|holmen|fältet"
)
_STORA = "|".join(s.capitalize() for s in GATUSUFFIX.split("|"))
_BOR = "bor|bodde|boende|bostad|adress|adressen|hemadress|hemadressen|postadress|postadressen"
_SEDAN = "(?: (?:på|i|till|nu|numera|sedan|är|blir|ny|nya))*:?"
_TALORD = (
    "noll|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton|"
    "sexton|sjutton|arton|nitton|tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio"
)
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
_MELLANORD = (
    "och|sen|sedan|så|därefter|slash|snedstreck|sist|till sist|slutar på|slutar med|följt av"
)
_PLATTFORM = (
    "instagram|insta|snapchat|snap|tiktok|facebook|fb|twitter|telegram|kik|discord|youtube|"
    "threads|linkedin|messenger|twitch|reddit|pinterest|vinted|tinder|steam|roblox|whatsapp|"
    "skype|bluesky|mastodon|onlyfans"
)
# A car's make says a registration number follows as "bilen" does ("en svart Audi, KLM 456").
_BILMARKE = (
    "Volvo|Volvon|Saab|Audi|BMW|Volkswagen|VW|Golf|Passat|Tesla|Toyota|Mercedes|Opel|Kia|Ford|"
    "Renault|Peugeot|Skoda|Nissan|Mazda|Hyundai|Citroën|Fiat|Honda|Dacia"
)
# Letters of a Swedish registration number: no I, Q, V, Å, Ä or Ö.
_PLAT = "[A-HJ-PR-UW-Z]"
# Who a workplace and a role point to: the person in the text, not staff or a unit.
_INTE_SUBJEKT = frozenset(
    "dr hr doktor heter hette kallad kallades kallas man namn namnet tilltalsnamn".split()
)
_SUBJEKT = "|".join(
    f"[{o[0].upper()}{o[0]}]{o[1:]}"
    for o in sorted(KONTEXT - _INTE_SUBJEKT | {"han", "hon", "hen"})
)
# Roles held by one person at a workplace: with it, the workplace names the person.
_ENSAM_ROLL = (
    "rektor|rektorn|chef|chefen|kyrkoherde|präst|prästen|pastor|pastorn|imam|imamen|vd|VD|"
    "ägare|ägaren|kommunalråd|ordförande|ordföranden|direktör|skolsköterska|skolkurator|"
    "kurator|barnmorska|barnmorskan|tandläkare|distriktsläkare|förman|platschef|"
    "kommundirektör|vaktmästare|vaktmästaren|diakon|kantor|kantorn|församlingsherde"
)
# Roles a town or a parish has one of: "i" and the place alone names the person ("maken var
# kyrkoherde i Sala").
_ORTENS_ROLL = (
    "kyrkoherde|kyrkoherden|församlingsherde|kommunalråd|kommunalrådet|kommundirektör|"
    "kommundirektören|landshövding|landshövdingen|polischef|polischefen"
)
# "i" a place and one of these is a workplace; "i" a place alone is where ("i Syrien").
_ARBETSPLATS = (
    "församling|pastorat|kyrka|kyrkan|moské|moskén|kommun|skola|skolan|förening|föreningen|"
    "vårdcentral|vårdcentralen"
)
_SKOLA = f"[A-ZÅÄÖ][{BOKSTAV}]* ?(?:skolan|skola|skolas|gymnasiet|gymnasium|förskolan|förskola)"
_DOMANDEL = f"[{_L}0-9-]+"
# Particles of surnames: "Jeroen de Vries", "familjen van der Berg", "Louise af Ugglas".
_PARTIKEL = "van|von|de|af|al|el|bin|ibn|ben|da|di|du|le|la|ten|ter|dos|das"
# Number words longest first (so "sjutton" is read before "sju" on both sides), those that are
# two digits ("sjuttio", "tretton") apart from those that are one.
_TVASIFFRIGA = ("tio", "ton", "tolv", "elva", "tjugo")
TALORD_TVA = "|".join(
    sorted((o for o in _TALORD.split("|") if o.endswith(_TVASIFFRIGA)), key=len, reverse=True)
)
TALORD_ETT = "|".join(
    sorted((o for o in _TALORD.split("|") if not o.endswith(_TVASIFFRIGA)), key=len, reverse=True)
)
# Tens and a unit written as one word, "sjuttiosju", "tjugotvå": two digits, read first.
TALORD_SAMMANSATTA = (
    "(?:tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio)"
    "(?:ett|en|två|tre|fyra|fem|sex|sju|åtta|nio)"
)


def antal_siffror_i_ord(traff: str) -> int:
    """The digits of a number said partly in words ("noll sjuttio 234 56 78": 10), 0 if it has
    no number word (a number of digits alone is read by the other patterns). sql.py counts
    the same way with the same regular expressions."""
    if not re.search(f"{TALORD_TVA}|{TALORD_ETT}", traff, re.IGNORECASE):
        return 0
    t = re.sub(f"{TALORD_SAMMANSATTA}|{TALORD_TVA}", "xx", traff, flags=re.IGNORECASE)
    t = re.sub(TALORD_ETT, "x", t, flags=re.IGNORECASE)
    return len(re.sub("[^0-9x]", "", t))


# What a number after a place is counted in ("på Biblioteket 3 gånger"): not a house number.
_ENHETER = (
    "st|år|kr|gång|gånger|familj|familjer|barn|besök|besökare|deltagare|platser|personer|"
    "veckor|dagar|timmar|minuter|träffar|ungdomar|föräldrar|tillfällen|samtal|procent"
)

# A number does not start with a group of three where a digit and a space stand before it:
# Swedish writes thousands in groups of three after a space, and a budget table's row
# ("Personalkostnader 99 061 111 019 107 732", "7 020 9 120 9 120") is no telephone number
# ("rum 2 070-123 45 67" still is).
_EJ_TUSENTAL = "(?:(?<![0-9] )|(?![0-9]{3}(?![0-9-])))"

MONSTER: tuple[Monster, ...] = (
    # A run of digit groups (separated by - + . * or spaces, wherever people put them, also
    # inside the last four): whole groups that make 10 or 12 digits with a valid checksum and
    # a real date are a personnummer (an organisation number has month 20 or more).
    Monster(
        "personnummer",
        "(?<![0-9])[0-9]+(?:[ ./_+*-]{1,3}[0-9]+)*(?![0-9])",
        efterkontroll="personnummer",
    ),
    # The date and the last four written apart: "född 100805, sista fyra 2522", or the last
    # four first: "slutar på 4354 och hon är född 790620" (the efterkontroll puts the group of
    # four last).
    Monster(
        "personnummer",
        "(?<![0-9])[0-9]{6}(?:[0-9]{2})?(?![0-9])[^0-9]{0,40}(?:sista|fyra)[^0-9]{0,25}"
        f"(?<![0-9])[0-9]{{4}}(?![0-9])|(?<![{_L}])(?:sista|slutar på|slutar med)[^0-9]{{0,25}}"
        "(?<![0-9])[0-9]{4}(?![0-9])[^0-9]{0,40}(?<![0-9])[0-9]{6}(?:[0-9]{2})?(?![0-9])",
        skiftlagesokansligt=True,
        efterkontroll="personnummer_delat",
    ),
    # A birth date written as a date and the last four after it: "född 1973-08-06, nr 7029".
    Monster(
        "personnummer",
        f"(?<![{_L}])(?:född|födelsedatum|föd\\.|f\\.)[ :]*(?:den )?(?<![0-9])[0-9]{{2}}"
        "(?:[0-9]{2})?[-./ ]?[0-9]{2}[-./ ]?[0-9]{2}(?![0-9])[^0-9]{0,30}(?<![0-9])[0-9]{4}"
        "(?![0-9])",
        skiftlagesokansligt=True,
        efterkontroll="personnummer_hela",
    ),
    # International (+ or 00) and Swedish (0 and an area code) numbers, as digit runs with
    # the separators people use; a time range (08.30-10.00) or a date is not a number.
    Monster(
        "telefon",
        f"(?<![0-9{_L}+]){_EJ_TUSENTAL}(?:\\+|00) ?[1-9](?:{_SEP}[0-9]){{6,13}}(?![0-9])",
        efterkontroll="telefon",
    ),
    # A Swedish number written with the country code but without its plus: 46701234567.
    Monster(
        "telefon",
        "(?<![0-9])46 ?-?[1-9](?:[ -]?[0-9]){7,9}(?![0-9])",
        efterkontroll="telefon",
    ),
    Monster(
        "telefon",
        f"(?<![0-9{_L}+])(?<![0-9][-./]){_EJ_TUSENTAL}0{_SEP}[1-9](?:{_SEP}[0-9]){{6,9}}(?![0-9])",
        efterkontroll="telefon",
    ),
    # A number with words between its digit groups: "070 och sen 555 43 21". The efterkontroll
    # counts the digits (8 to 10, as a Swedish number has) and wants a first group of three or
    # more ("070", "0224"), which dates and times ("05-12 och 06-14", "08.30 och") do not have.
    Monster(
        "telefon",
        f"(?<![0-9{_L}+])(?<![0-9][-./])0[1-9](?:[ .-]?[0-9]){{0,6}}[ ,.-]*(?: (?:{_MELLANORD}))+"
        "[ ,:.-]*"
        "[0-9](?:[ .-]?[0-9]){1,7}(?![0-9])",
        skiftlagesokansligt=True,
        efterkontroll="telefon_ord",
    ),
    # A number said partly in words and partly in digits: "noll sju noll, 123 45 67", "076 sju
    # fyra fyra 12 12". The efterkontroll counts a word as the digits it stands for (8 to 10).
    Monster(
        "telefon",
        f"(?<![{_L}0-9+])(?:0|noll)(?![{_L}])(?:[ ,.:-]{{0,3}}(?:[0-9]|(?:{TALORD_SAMMANSATTA}|"
        f"{TALORD_TVA}|{TALORD_ETT})(?![{_L}])))+",
        skiftlagesokansligt=True,
        efterkontroll="telefon_talord",
    ),
    # A personnummer that lost its leading zero (a year 2000–2009 read as a number): "(40220-
    # 3368)" is 040220-3368; five digits, a hyphen or plus and four, checked with the zero.
    Monster(
        "personnummer",
        "(?<![0-9])[1-9][0-9]{4}[-+][0-9]{4}(?![0-9])",
        efterkontroll="personnummer_nolla",
    ),
    # A number said in words, as Swedish numbers start: "noll sju noll, fyra fyra fem …".
    Monster(
        "telefon",
        f"(?<![{_L}])noll(?:[ ,.-]+(?:{_TALORD})+){{6,}}(?![{_L}])",
        skiftlagesokansligt=True,
    ),
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
        f"(?<![{_L}])(?:{_PLATTFORM})(?:[ -]?(?:konto|kontot|namn|namnet|användarnamn|profil|"
        f"profilen))?(?: ?:| är| heter)? ?[\"”“'»]?@?[{_L}][{_L}0-9_]*[0-9._#][{_L}0-9._#]*"
        f"[{_L}0-9]"
        f"(?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
    Monster(
        "konto",
        f"(?<![{_L}])(?:{_PLATTFORM}|x)\\.com ?/ ?[{_L}0-9._@-]{{2,}}",
        skiftlagesokansligt=True,
    ),
    # A car's registration number after a word that says it is one: "bilen ABC 123",
    # "regnr KLM 45B". Without the word three capitals and digits are too often a name.
    Monster(
        "regnummer",
        f"(?<![{_L}])(?:[Bb]il(?:en|ens)?|[Rr]eg(?:istrerings)?\\.? ?(?:nr|nummer|numret)\\.?|"
        f"REG\\.? ?NR|[Rr]eg\\.?(?![{_L}])|(?:[Rr]eg|[Nn]ummer)?[Ss]kylt(?:en)?|"
        f"[Nn]ummerplåt(?:en)?|[Pp]låt(?:en)?|[Mm]oped(?:en)?|[Mm]otorcykel(?:n)?|MC|"
        f"[Ll]astbil(?:en)?|{_BILMARKE}|"
        f"[Ss]kåpbil(?:en)?)[^.!?]{{0,25}}?(?<![{_L}0-9]){_PLAT} ?{_PLAT} ?{_PLAT} ?[0-9] ?[0-9] ?"
        "[0-9A-HJ-PR-UW-Z]"
        f"(?![{_L}0-9])",
    ),
    Monster(
        "regnummer",
        f"(?<![{_L}])reg(?:istrerings)?\\.? ?(?:nr|nummer|numret)\\.?:? ?[a-z]{{3}} ?[0-9]{{2}}"
        f"[0-9a-z](?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
    # A person's case at an authority or a court: "ärendenr 1234567-8", "mål T 1234-25". The
    # board's own diarienummer (dnr) is not a person's.
    Monster(
        "arende",
        f"(?<![{_L}])(?:ärende|dossier|mål|akt|kund|klient|journal|lma|uma)[- ]?"
        f"(?:nummer|numret|nr)\\.?:?(?: ?nr\\.?)? ?[{_L}]{{0,4}}[ -]?[0-9](?:[ /-]?[0-9]){{3,}}",
        skiftlagesokansligt=True,
    ),
    Monster(
        "arende",
        f"(?<![{_L}])(?:mål|målet)(?: nr\\.?)? (?:[TBÖFP]|UM|Ö) ?[0-9]{{1,6}}-[0-9]{{2}}(?![0-9])",
        skiftlagesokansligt=True,
    ),
    # A school and a class, or a preschool's unit, that a child goes to: "går i 3B på
    # Kyrkskolan", "Ekebyskolan, klass 7C", "går på … avdelning Blåsippan".
    Monster(
        "skola",
        f"(?<![{_L}])(?:(?:[Gg]år|[Gg]ick|[Bb]örjar|[Bb]örjade|[Gg]å) i|[Kk]lass|kl\\.|[Åå]k|"
        f"[Åå]rskurs)(?: klass| åk| årskurs)? ?[0-9]{{1,2}}(?:[A-Za-z]| [A-HJ-Z])(?![{_L}0-9])"
        f"[^.!?]{{0,25}}?(?<![{_L}]){_SKOLA}",
    ),
    Monster(
        "skola",
        f"(?<![{_L}]){_SKOLA}[^.!?]{{0,15}}?(?<![{_L}])(?:klass |kl\\. ?|åk |årskurs )?"
        f"[0-9]{{1,2}}[A-Fa-f](?![{_L}0-9])",
    ),
    Monster(
        "skola",
        f"(?<![{_L}])(?:[Gg]år|[Gg]ick|[Bb]örjar|[Bb]örjade) (?:på|i) [^.!?]{{0,40}}?"
        "(?:avdelning|avd\\.?) [A-ZÅÄÖ]",
    ),
    # A surname with a particle: "Jeroen de Vries", "familjen van der Berg".
    Monster(
        "namn",
        f"(?<![{_L}])(?:[{VERSAL}][{GEMEN}]+|familjen|paret|fru|herr) (?:{_PARTIKEL})"
        f"(?: (?:der|den|de|la|los|las))? [{VERSAL}][{GEMEN}]",
    ),
    # A role one person holds at a named workplace: "pappan är rektor på Vallaskolan". The
    # subject is a person of the text (a role word or han/hon/hen), not a unit.
    Monster(
        "arbetsplats",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var|blev|arbetar som|jobbar som|arbetade som|"
        f"jobbade som|är anställd som)(?: ensam| enda| den enda| biträdande| ny| nya)* "
        f"[{_L}]*(?:(?:{_ENSAM_ROLL})n? (?:(?:för|på|vid|över) (?:[a-zåäö]+ ){{0,4}}[A-ZÅÄÖ]|"
        f"i [A-ZÅÄÖ][{_L}]* (?:{_ARBETSPLATS})|(?:på|vid|i) (?:{_ARBETSPLATS}) (?:i|på) [A-ZÅÄÖ])|"
        f"(?:{_ORTENS_ROLL}) i [A-ZÅÄÖ])",
    ),
    # Street and number: Storgatan 12 B, Kvarnvägen 4A, Stora torget 3.
    Monster(
        "adress",
        f"(?<![{_L}])[{_L}]{{2,}}-?(?:{GATUSUFFIX})\\.? ?(?:nr\\.? ?|nummer )?[0-9]{{1,3}}"
        f" ?[A-Za-z]?(?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
    # Squares and streets named "...plan" (Fridhemsplan 12); a plan of a year has 4 digits.
    Monster(
        "adress",
        f"(?<![{_L}])[{_L}]{{3,}}plan ?[0-9]{{1,3}} ?[A-Za-z]?(?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
    # A word and a street word: Stora torget 3, Gröna gatan 12.
    Monster(
        "adress",
        f"(?<![{_L}])[A-ZÅÄÖ][{_L}]+ (?:{GATUSUFFIX}|{_STORA})\\.? ?[0-9]{{1,3}}(?![0-9])",
    ),
    # A named house and its number: "Gula huset nr 3", "Röda stugan nr 2".
    Monster(
        "adress",
        f"(?<![{_L}])[{VERSAL}][{GEMEN}]+ (?:huset|villan|stugan|torpet|längan|radhuset) "
        f"(?:nr\\.? ?|nummer |n:o ?)?[0-9]{{1,3}}(?![0-9])(?! ?(?:{_ENHETER})(?![{_L}]))",
    ),
    # A local place and a house number after where: "vid Gläntan 7", "på Solbacken 12 B". A
    # place is a capitalised definite form; a number counted in something is not a house.
    Monster(
        "adress",
        f"(?<![{_L}])(?:vid|på|hos|till|från) [{VERSAL}][{GEMEN}]{{2,}}(?:an|en|et) "
        f"[0-9]{{1,3}}(?: ?[A-Da-d](?![{_L}]))?(?![0-9])(?![ .:,-]?[0-9])"
        f"(?! ?(?:{_ENHETER}|%)(?![{_L}]))",
    ),
    # Abbreviated streets: Storg. 12 B, Kungsg 5, Kvarnv. 3.
    Monster(
        "adress",
        f"(?<![{_L}])[A-ZÅÄÖ][a-zåäöé]{{1,}}(?:g|v)\\. ?[0-9]{{1,3}}(?![0-9])",
    ),
    Monster(
        "adress",
        # Care is no street: "Individ- och familjeomsorg 140 835" is a row of a budget table.
        f"(?<![{_L}])[A-ZÅÄÖ][a-zåäöé]{{2,}}(?:sg|rg|gg|ttg|llg)(?<!borg)(?<!berg)(?<!omsorg) "
        "[0-9]{1,3} ?[A-Za-z]?"
        f"(?![{_L}0-9])",
        skiftlagesokansligt=True,  # "hämta henne på drottningg 5"
    ),
    # "bor på Lärkstigen", "flyttat till Tallstigen", "ny adress bergsv 12": a street after a
    # word about where someone lives, with or without its number.
    Monster(
        "adress",
        f"(?<![{_L}])(?:{_BOR}|flyttat|flyttade|flyttar|flytta){_SEDAN} "
        f"[{_L}]+(?:{GATUSUFFIX})(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    Monster(
        "adress",
        f"(?<![{_L}])(?:{_BOR}){_SEDAN} [{_L}]+\\.? [0-9]{{1,3}}(?![0-9])",
        skiftlagesokansligt=True,
    ),
    Monster("adress", f"(?<![{_L}])(?:post)?box ?[0-9]{{1,6}}(?![0-9])", skiftlagesokansligt=True),
    Monster("adress", f"(?<![{_L}])c ?/ ?o(?![{_L}])", skiftlagesokansligt=True),
    Monster(
        "adress",
        f"(?<![{_L}])(?:lgh|lägenhet|lägenhetsnummer|lägenhetsnr|lägenhetsnr\\.)\\.?"
        f"(?: ?nr\\.?| ?nummer)? ?:? ?[0-9]{{1,4}}(?![0-9])",
        skiftlagesokansligt=True,
    ),
    # A postcode with a place: 733 25 Sala, SE-441 30 Alingsås.
    Monster(
        "adress",
        "(?<![0-9])(?:SE-? ?)?[1-9][0-9]{2} ?[0-9]{2},? [A-ZÅÄÖ][A-ZÅÄÖa-zåäöé]{2,}",
    ),
)

# Businesses one person owns or runs: with a place they point to the owner.
_VERKSAMHET = (
    "pizzerian|restaurangen|kiosken|salongen|frisersalongen|frisören|butiken|affären|caféet|"
    "kaféet|gatuköket|macken|bensinmacken|firman|verkstaden|bageriet|konditoriet|hotellet|"
    "vandrarhemmet|gymmet|gården|lanthandeln|blomsteraffären|taxibolaget|åkeriet|krogen|puben"
)
# Roles a municipality or county has one of: the role alone names the person.
_UNIK_ROLL = (
    "kommunstyrelsens ordförande|socialnämndens ordförande|kommunfullmäktiges ordförande|"
    "kommunalråd|kommunalrådet|kommundirektör|kommundirektören|kommunchef|kommunchefen|"
    "socialchef|socialchefen|landshövding|landshövdingen|polischef|polischefen"
)
# The one or the oldest of a kind in a small place: "enda familjen från Eritrea i byn".
_PERSONORD = (
    "familjen|familj|kvinnan|mannen|barnet|personen|eleven|flickan|pojken|tjejen|killen|"
    "mamman|pappan|föräldern|ungdomen|änkan|änklingen|paret|syskonen|tvillingarna|trillingarna"
)
# A committee's letters before the board's own diarienummer with hyphens ("ärende
# SN-2025-123", "SOCN-2026-00087"): the board's register, not a person's case.
_NAMNDER = "sn|socn|socialnämnden|ks|kf|von|bun|ubn|ifn|vfn|amn|kn|tn|mbn"
_EJ_NAMND = f"(?!(?:{_NAMNDER}) ?-)"
# A date of birth's parts, in digits or words (speech-to-text writes numbers in words).
_MANAD = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "jan|feb|apr|jun|jul|aug|sept|sep|okt|nov|dec"
)
_ORDNINGSTAL = (
    "första|andra|tredje|fjärde|femte|sjätte|sjunde|åttonde|nionde|tionde|elfte|tolfte|"
    "trettonde|fjortonde|femtonde|sextonde|sjuttonde|artonde|nittonde|tjugonde|trettionde"
)
_DAG = (
    f"(?:0?[1-9]|[12][0-9]|3[01])(?::[ae]|e)?|(?:tjugo|trettio)(?:första|andra|tredje|fjärde|"
    f"femte|sjätte|sjunde|åttonde|nionde)|{_ORDNINGSTAL}"
)
_AR = (
    f"(?:19|20)?[0-9]{{2}}|(?:(?:nitton|tjugo) ?(?:hundra ?)?|tvåtusen ?)?(?:{TALORD_SAMMANSATTA}|"
    f"{TALORD_TVA}|{TALORD_ETT})|tvåtusen"
)
# Numbered rooms, groups and weeks are not houses: "Salen 3 i Gottsunda".
_NUMRERADE = (
    "Rummet|Salen|Lokalen|Gruppen|Klassen|Våningen|Avdelningen|Enheten|Huset|Veckan|Dagen|"
    "Omgången|Träffen|Kursen|Bussen|Linjen|Spåret|Hållplatsen|Platsen|Sidan|Terminen|Passet|"
    "Mötet|Tillfället|Kvällen|Natten|Rundan|Vändan|Gången|Sessionen"
)
_LITEN_PLATS = (
    "byn|orten|kommunen|området|kvarteret|samhället|bygden|ön|skolan|klassen|huset|porten|"
    "trappuppgången|gatan"
)

MONSTER += (
    # A mobile number written backwards: ten digits that end in 070, 072, 073, 076 or 079
    # read from the end ("7122183070").
    Monster(
        "telefon",
        "(?<![0-9])(?<![0-9][ .-])[0-9](?:[ .-]?[0-9]){6}[ .-]?[02369][ .-]?7[ .-]?0"
        "(?![ .-]?[0-9])",
        skiftlagesokansligt=True,  # digits only: joins the other group of its reason
    ),
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
    # An LMA card's number (the asylum seeker's card): "LMA-kort nr 21-345678".
    Monster(
        "arende",
        f"(?<![{_L}])(?:lma|uma)[- ]?(?:kort|kortet|kortets)(?:[- ]?(?:nummer|numret|nr)\\.?)?"
        ":? ?[0-9](?:[ /-]?[0-9]){5,}",
        skiftlagesokansligt=True,
    ),
    # A person's case at the social services or an authority, as its systems write it: letters,
    # year and serial joined by hyphens ("ärende IFO-2025-1234", "nr 2025-4567-IFO") or a long
    # serial ("ärende 23-487120", Försäkringskassan's "ärende 1234567-8"), also "ärende hos
    # Kronofogden: …". The board's own register writes year/serial with a slash after "dnr"
    # ("Dnr SN 2025/123", "ärende 2026/45") or a committee's letters and hyphens ("ärende
    # SN-2025-123", _EJ_NAMND), and a date has short groups.
    Monster(
        "arende",
        f"(?<![{_L}])(?:ärende|ärendet|ärendenr|ärendenummer)(?: hos [{VERSAL}][{_L}]+)?"
        f"(?: (?:nr|nummer)\\.?)?:? "
        f"(?:{_EJ_NAMND}[{_L}]{{1,5}} ?-[0-9]{{2,4}}-[0-9]{{2,7}}|[0-9]{{2,4}}-[0-9]{{2,7}}-"
        f"[{_L}]{{1,5}}|[0-9]{{1,4}}-[0-9]{{5,}}|[0-9]{{5,}}-[0-9]{{1,2}})(?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
    Monster(
        "arende",
        f"(?<![{_L}])(?:nr|nummer)\\.?:? (?:{_EJ_NAMND}[{_L}]{{1,5}} ?-[0-9]{{2,4}}-"
        f"[0-9]{{2,7}}|"
        f"[0-9]{{2,4}}-[0-9]{{2,7}}-[{_L}]{{1,5}})(?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
    # The police's case number: "polisanmälan K123456-25", "K-nr 54321-24".
    Monster(
        "arende",
        f"(?<![{_L}0-9])K ?-? ?(?:nr\\.? ?:? ?|nummer ?:? ?)?[0-9]{{3,7}}-[0-9]{{2}}(?![0-9])",
        skiftlagesokansligt=True,
    ),
    # The owner of a business in a place: "exmaken äger pizzerian vid torget i Skinnskatteberg".
    Monster(
        "arbetsplats",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:äger|ägde|driver|drev) (?:{_VERKSAMHET})(?![{_L}])"
        f"[^.!?]{{0,30}}?(?<![{_L}])(?:i|på|vid) [A-ZÅÄÖ]",
    ),
    # A role the municipality has one of: "maken är kommunstyrelsens ordförande här".
    Monster(
        "arbetsplats",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var|blev)(?: (?:här|kommunens|vår))? "
        f"(?:{_UNIK_ROLL})(?![{_L}])(?! i [A-ZÅÄÖ])",
    ),
    # A rare combination: the only or oldest of a kind in a small place, or 100 years or more.
    Monster(
        "kombination",
        f"(?<![{_L}])(?:enda|ende|äldsta|äldste|yngsta|yngste)(?: (?:{_PERSONORD})| som)"
        f"(?![{_L}])[^.!?]{{0,60}}?(?<![{_L}])(?:i|på) (?:{_LITEN_PLATS})(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    Monster(
        "kombination",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var|blir|blev|fyller|fyllde|har fyllt) 1[0-2][0-9] år"
        f"(?![{_L}])",
        skiftlagesokansligt=True,
    ),
    # The seventh set. A full date of birth: "född 12 mars 1987", "f. 640229", "född tolfte
    # mars åttiosju", "född nitton åttiofem den sjuttonde september" (speech-to-text).
    Monster(
        "fodelsedatum",
        f"(?<![{_L}])(?:född|födda|föddes|f\\.|födelsedatum|födelsedatumet)(?: är)?:?"
        f"(?: den| på)? (?:{_DAG}) (?:{_MANAD})\\.?,?(?: (?:år|i))? (?:{_AR})(?![{_L}0-9])"
        f"|(?<![{_L}])(?:född|föddes)(?: år)? (?:{_AR}),? (?:den )?(?:{_DAG}) (?:{_MANAD})"
        f"(?![{_L}])"
        f"|(?<![{_L}])(?:född|födda|föddes|f\\.|födelsedatum|födelsedatumet)(?: den)?:? ?"
        "(?<![0-9])(?:19|20)?[0-9]{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12][0-9]|3[01])(?![0-9])"
        f"|(?<![{_L}])(?:född|födda|föddes|f\\.|födelsedatum|födelsedatumet)(?: den)?:? ?"
        "(?<![0-9])(?:0?[1-9]|[12][0-9]|3[01])[./](?:0?[1-9]|1[0-2])[./](?:19|20)?[0-9]{2}"
        "(?![0-9])",
        skiftlagesokansligt=True,
        databasgrupp="arende",
    ),
    # A bank account after a word that says it is one: "bankkonto 8327-9, 123 456 789-0",
    # "konto i Swedbank: …", "personkontot hos Nordea …", a card's number ("kortnummer 4571
    # …"); "konto" alone is also a ledger's ("konto 4010 12 000 kr"). Bankgiro and plusgiro
    # are organisations', and an organisation's Swish starts with 123.
    Monster(
        "bankkonto",
        f"(?<![{_L}])(?:bankkonto|bankkontot|bankkontonummer|kontonummer|kontonumret|kontonr|"
        f"konto ?nr|clearingnummer|clearingnr|clnr|kortnummer|kortnumret|kortnr|"
        f"personkonto(?:t)?|(?:person|löne?|spar)?konto(?:t)? (?:i|hos|på) [{_L}]+)\\.?:?(?: är)? ?"
        "[0-9](?:[ ,.-]{0,2}[0-9]){5,}",
        skiftlagesokansligt=True,
        databasgrupp="arende",
    ),
    # A block or a property and its number: "kvarteret Svalan 4", "fastigheten Ärlan 9:3".
    Monster(
        "adress",
        f"(?<![{_L}])(?:[Kk]varteret|[Kk]v\\.|[Ff]astigheten|[Ff]astighet|[Tt]omten) "
        f"[{VERSAL}][{GEMEN}]+ [0-9]{{1,3}}(?::[0-9]{{1,3}})?(?![0-9])"
        f"(?! ?(?:{_ENHETER}|%)(?![{_L}]))",
    ),
    # A local place and a house number in a district: "Gläntan 7 i Gottsunda" (without "vid"
    # or "på" before it, as "vid Gläntan 7" is read above). Rooms and groups are numbered too.
    Monster(
        "adress",
        f"(?<![{_L}])(?!(?:{_NUMRERADE})(?![{_L}]))[{VERSAL}][{GEMEN}]{{2,}}(?:an|en|et) "
        f"[0-9]{{1,3}}(?: ?[A-Da-d](?![{_L}]))?,? (?:i|på) [{VERSAL}][{GEMEN}]",
    ),
    # A number said to be written backwards: a Swedish number read from the end ends in 0
    # ("hemnumret baklänges: 43 21 55 810", "4321555070 baklänges").
    Monster(
        "telefon",
        f"(?<![{_L}])(?:baklänges|bakvänt|bakifrån|omvänt|omvänd ordning)[^0-9]{{0,20}}"
        "(?<![0-9])[0-9](?:[ .-]?[0-9]){6,8}[ .-]?0(?![ .-]?[0-9])"
        "|(?<![0-9])(?<![0-9][ .-])[0-9](?:[ .-]?[0-9]){6,8}[ .-]?0(?![ .-]?[0-9])[^0-9]{0,12}"
        f"(?<![{_L}])(?:baklänges|bakvänt|bakifrån)",
        skiftlagesokansligt=True,
    ),
    # The only one in a job at a place: "han är ensam brandman på stationen i Norberg", "han
    # jobbar som enda tandläkaren i Ljusnarsberg" (not "ensam med tre barn i Sala").
    Monster(
        "arbetsplats",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var|blev|arbetar som|jobbar som|arbetade som|"
        f"jobbade som)(?: den)? (?:ensam|ensamma|enda|ende)(?: [{GEMEN}]+)? "
        f"(?!(?:med|om|hemma|kvar|förälder|föräldern|vårdnadshavare|vuxen|vuxna|kvinna|man|"
        f"mamma|pappa|mamman|pappan)(?![{_L}]))[{GEMEN}]{{4,}} (?:[{GEMEN}]+ ){{0,3}}"
        f"(?:på|vid|i) [A-ZÅÄÖ]",
    ),
    # The first or only of a kind in the municipality: "hon är kommunens enda kvinnliga präst".
    Monster(
        "kombination",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var|blev) (?:kommunens|stadens|ortens|byns|länets|"
        f"regionens|församlingens|bygdens|öns) (?:enda|ende|första|äldsta|äldste|yngsta|yngste)"
        f"(?![{_L}])",
        databasgrupp="arbetsplats",
    ),
    # The only one of a kind in a named small place, adjectives between: "den enda somaliska
    # pappan med trillingar i Fagersta"; and "den ende i byn" after a person.
    Monster(
        "kombination",
        f"(?<![{_L}])(?:enda|ende|äldsta|äldste|yngsta|yngste)(?: [{GEMEN}]+){{0,2}} "
        f"(?:{_PERSONORD})(?![{_L}])[^.!?]{{0,60}}?(?<![{_L}])(?:i|på) [A-ZÅÄÖ][{GEMEN}]+",
        databasgrupp="arbetsplats",
    ),
    Monster(
        "kombination",
        f"(?<![{_L}])(?:{_SUBJEKT}) (?:är|var)[^.!?]{{0,40}}?(?<![{_L}])(?:den|det) "
        f"(?:enda|ende) (?:i|på) (?:{_LITEN_PLATS})(?![{_L}])",
        databasgrupp="arbetsplats",
    ),
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

# ---- Words that tell a name from a word. The Python guard reads them in granskning.py
# and the database in sql.py (iub_namnskal): one list each, both sides.

# After these any capitalised word is a name: "fru Johansson", "familjen Ek".
TITLAR = frozenset(
    """
    frk fru fröken herr hr familjen familj tant onkel paret makarna mr mrs miss
    """.split()
)
# A name after these names a room, a group or a pet ("sal Kristina", "grupp Eva", "hunden
# Sixten"), not a person.
LOKALER = frozenset(
    """
    rum rummet sal salen lokal lokalen grupp gruppen hund hunden katt katten kissen häst
    hästen ponnyn kanin kaninen marsvinet hamstern valpen kattungen fågeln undulaten
    """.split()
)
# After these a capitalised word is a name when a person is the subject ("barnet heter Elsa",
# "hon kallas Mimmi", "mammas namn: Mulu"); "insatsen heter Komet" names a thing.
NAMNVERB = frozenset("heter hette kallas kallad kallades namn namnet".split())
PERSONER = frozenset("han hon hen".split())
# What a name followed by a genitive and one of these names is a place: "Gustav Adolfs torg",
# "Karl Johans gata" (and "Adolfs torg" is no one's "torg", as "Fatimas son" is hers).
PLATSORD = frozenset(
    """
    torg torget gata gatan väg vägen park parken plan kyrka kyrkan skola skolan gymnasium
    gymnasiet sjukhus sjukhuset backe backen bro bron allé minne stiftelse stiftelsen
    institut institutet kapell kapellet församling församlingen hamn hamnen
    """.split()
)
# A genitive is followed by what is owned ("Fatimas son"), not by these ("Birds är ett bolag").
EJ_AGT = (
    frozenset(
        """
        är var blir blev har hade och som eller men att kan ska i på med för till av om från
        """.split()
    )
    | PLATSORD
    # What a programme or method does, as a guideline says it: "Birds passar för par",
    # "Bris riktar sig till barn" (a genitive is followed by what someone has, not by these).
    | frozenset(
        """
        passar riktar används bygger innebär syftar erbjuds handlar består utgår fokuserar
        vänder ges
        """.split()
    )
)
# A capitalised word after these is a place or a thing, not a person: "bor i Sala", "från
# Mora", "grupp Viking", "projekt Saga".
PREPOSITIONER = frozenset(
    """
    av bakom eller från för genom hos i in inom kring med mot nära och om på runt till under
    ut utanför via vid över
    grupp gruppen grupperna projekt projektet program programmet metod metoden lokal lokalen
    rum rummet sal salen huset avdelning avdelningen enhet enheten kvarteret skolan förskolan
    föreningen klubben teamet temat tema boken filmen sagan spelet appen
    """.split()
)
# What people do: a name at the start of a sentence followed by one of these is a person.
HANDLINGAR = frozenset(
    """
    avbryter avbröt bad behövde behöver berättade berättar började deltar deltog fick
    flyttade flyttar frågade frågar följde glömde grät hade hann har hör hörde kan kom
    kommer kunde kände känner lämnade meddelade mejlade messade missade mådde mår orkade
    orkar ringde ringer ritade sa sade skrev skulle slutade sms:ade sov svarade säger tycker
    tyckte uppgav uppger uteblev vill ville vägrade väntade önskade önskar
    """.split()
)
# What a person is or does in a street or a day-centre note: with a name at the start of a
# sentence ("Olle var berusad", "Stina satt ensam") it is a person, as HANDLINGAR are; only
# there, since after a capitalised noun ("Dagen var lång") they are as common.
TILLSTAND = frozenset(
    """
    var är blev satt stod låg gick åkte tog hjälpte bråkade visade saknade sjöng spydde
    verkade såg skrattade lekte dansade åt drack rökte somnade vaknade grälade slogs bjöd
    lånade sålde köpte hämtade träffade pratade snackade väntar satt sitter står ligger
    """.split()
)
# "Olle var berusad": a name, a form of "vara" and how a person is (with a degree word
# between or not); with these even a name that is also a word is a person.
VARA = frozenset("var är blev".split())
GRADORD = frozenset("väldigt mycket lite jätte så inte helt ganska rätt".split())
TILLSTANDSORD = frozenset(
    """
    berusad full packad påverkad hög ledsen arg glad trött orolig sjuk rädd nykter nedstämd
    hungrig frusen förbannad stressad sur upprörd upprörda ensam borta försvunnen skadad
    blöt kall stökig aggressiv hotfull
    """.split()
)
# Verbs with a person as object: a name in small letters after them, even one that is also
# a word, is a person ("pratade med kalle", "hämtade nora hos pappan", "träffade ”Lillen”").
OBJEKTVERB = frozenset(
    """
    pratade pratat snackade snackat talade träffade träffat mötte mött hämtade hämtat
    skjutsade skjutsat körde kört följde följt väckte kramade besökte besökt ringde ringt
    sms:ade messade mejlade ringa träffa möta hämta skjutsa prata snacka
    """.split()
)
# What may stand between such a verb and the name: "pratade med kalle", "körde hem Elin".
OBJEKTLED = frozenset("med till hem på".split())
# English words for a person before a name in apposition: "The boy, Jayden, …".
ENGELSKA_ROLLER = frozenset(
    "boy girl dad mum mom father mother son daughter wife husband brother sister friend".split()
)
# Not names even when capitalised: pronouns, quantifiers, numerals, months and days.
INTE_NAMN = frozenset(
    """
    alla allt andra april augusti båda de december den det du en ena ett februari fem fler
    flera fredag fyra färre få han hen hon hälften inga ingen inget jag januari juli juni
    lördag maj man mars måndag många ni nio november någon något några oktober onsdag resten
    samma september sex sju somliga söndag tio tisdag torsdag tre två var varje vem vi vilka
    vissa åtta övrig övriga
    """.split()
)
# Abbreviations of the field that are also names when written with a capital only: IVO (the
# inspectorate), SIP (a coordinated plan), SARA (a risk assessment), KASAM; in capitals they
# are no names ("IVO har granskat", "att SIP kan hållas"; granskning._namnfynd).
AKRONYMER = frozenset("IVO SIP SARA KASAM FRIDA".split())
# "Vilja och hennes lillebror": a possessive after "och"/"med" shows the word is a person.
BESITTNING = frozenset(
    """
    deras hans hennes sin sina sitt
    """.split()
)
ROLLER = KONTEXT | frozenset("tonåringen ungdomen eleven babyn".split())
# How English nouns end that Swedish ones do not: a name's genitive is not followed by them
# ("Birds relations" is a programme, "Fatimas son" a person; granskning._namnfynd).
ENGELSKA_SLUT = ("tion", "tions", "ship", "ships", "ness")
# An abbreviation spelled out in brackets after it: its words are no names ("PYC (Parenting
# young children)"); up to six capitals A–Z (granskning._utskrivna).
FORKORTNING = "[A-Z]{2,6}"
# How a Swedish noun in the definite form or an indefinite plural ends, and a title or agent
# ("Enhetschef", "Handläggare"): an unknown capitalised word so ending is no name
# (granskning._okant_namn): "Åtgärd Enhetschef har försökt" is a heading and a sentence.
OVANLIGA_SLUT = ("en", "an", "rn", "ln", "nn", "t", "na", "ar", "or", "er", "chef", "are")
# After a hyphen and a space these words show a dash, not a word split at a line break:
# "kalle- han ville inte" (granskning._avstavat).
EJ_AVSTAVNING = frozenset(
    """
    och eller samt men som så sen sedan han hon hen den det de dom jag vi ni du
    """.split()
)


NAMNFIL = Path(__file__).resolve().parent / "data" / "namn.tsv"


@dataclass(frozen=True)
class Namnlista:
    fornamn: frozenset[str]
    efternamn: frozenset[str]
    tvetydiga: frozenset[str]  # also an ordinary word or a place: needs context to count
    alla: frozenset[str] = field(init=False)
    entydiga: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        alla = self.fornamn | self.efternamn
        object.__setattr__(self, "alla", alla)
        object.__setattr__(self, "entydiga", alla - self.tvetydiga)


@cache
def namnlista() -> Namnlista:
    """The name list in data/namn.tsv (see scripts/generera-namnlista for its source)."""
    fornamn: set[str] = set()
    efternamn: set[str] = set()
    tvetydiga: set[str] = set()
    with NAMNFIL.open(encoding="utf-8") as f:
        for rad in csv.reader((r for r in f if not r.startswith("#")), delimiter="\t"):
            if len(rad) < 2:
                continue
            slag, namn = rad[0], rad[1]
            (fornamn if slag == "fornamn" else efternamn).add(namn)
            if len(rad) > 2 and rad[2] == "tvetydig":
                tvetydiga.add(namn)
    tvetydiga |= EXTRA_TVETYDIGA & (fornamn | efternamn)
    return Namnlista(frozenset(fornamn), frozenset(efternamn), frozenset(tvetydiga))


# Words of ordinary follow-up texts that the name lists also hold, found with our corpus;
# they count as names only with context ("mamma Hope", "Hope Svensson").
# Rut (RUT-avdrag) and Kristi (Kristi himmelsfärd) are words of ordinary texts too; Drop is
# the start of "drop-in".
# Uno is a card game, Day the English word of days named for a cause ("Orange Day").
# Ica is the grocery chain ("gick till Ica och handlade").
# Svea is a debt collector's and a court's name ("Svea Ekonomi", "Svea hovrätt"), Vasa a
# district's and meeting place's ("Träffpunkt Vasa"), Anon the end of "Al-Anon".
EXTRA_TVETYDIGA: frozenset[str] = frozenset(
    {"Rut", "Kristi", "Drop", "Uno", "Day", "Ica", "Svea", "Vasa", "Anon"}
)
