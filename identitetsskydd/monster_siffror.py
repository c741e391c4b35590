"""Numbers and case identifiers: personnummer and samordningsnummer, telephone numbers (also
said in words or backwards), registration plates, case numbers at authorities and courts, bank
accounts and dates of birth. Gathered in monster.py in the order the database runs them.
"""

from __future__ import annotations

import re

from identitetsskydd.tecken import BOKSTAV, VERSAL, Monster

_L = BOKSTAV
_SEP = "[ ./()-]{0,3}"
_TALORD = (
    "noll|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|tretton|fjorton|femton|"
    "sexton|sjutton|arton|nitton|tjugo|trettio|fyrtio|femtio|sextio|sjuttio|åttio|nittio|"
    # as they are said: "sjutti", "nollsjuttitre"
    "tretti|fyrti|femti|sexti|sjutti|åtti|nitti"
)
_MELLANORD = (
    "och|sen|sedan|så|därefter|slash|snedstreck|sist|till sist|slutar på|slutar med|följt av"
)
# A car's make says a registration number follows as "bilen" does ("en svart Audi, KLM 456").
_BILMARKE = (
    "Volvo|Volvon|Saab|Audi|BMW|Volkswagen|VW|Golf|Passat|Tesla|Toyota|Mercedes|Opel|Kia|Ford|"
    "Renault|Peugeot|Skoda|Nissan|Mazda|Hyundai|Citroën|Fiat|Honda|Dacia"
)
# The words that say a registration number follows, and the letters as they are said: a
# letter alone or its name ("bee", "ess", "kå", "dubbelve").
_REGORD = (
    "reg|regnr|reg\\.? ?nr|reg\\.? ?nummer|regnummer|regnumret|registreringsnummer|"
    "registreringsnumret|skylt|skylten|plåt|plåten|nummerplåt|nummerplåten"
)
_BOKSTAVSNAMN = (
    "dubbelve|zäta|säta|eff|ell|emm|enn|err|ess|bee|cee|dee|gee|pee|tee|vee|jii|be|ce|se|de|"
    "ef|ge|hå|ji|kå|el|em|en|pe|ku|är|es|te|ve|ex|[a-zåäö]"
)
# Letters of a Swedish registration number: no I, Q, V, Å, Ä or Ö.
_PLAT = "[A-HJ-PR-UW-Z]"
# Number words longest first (so "sjutton" is read before "sju" on both sides), those that are
# two digits ("sjuttio", "tretton") apart from those that are one.
_TVASIFFRIGA = ("tio", "ti", "ton", "tolv", "elva", "tjugo")
TALORD_TVA = "|".join(
    sorted((o for o in _TALORD.split("|") if o.endswith(_TVASIFFRIGA)), key=len, reverse=True)
)
TALORD_ETT = "|".join(
    sorted((o for o in _TALORD.split("|") if not o.endswith(_TVASIFFRIGA)), key=len, reverse=True)
)
# Tens and a unit written as one word, "sjuttiosju", "tjugotvå": two digits, read first.
TALORD_SAMMANSATTA = (
    "(?:tjugo|trettio?|fyrtio?|femtio?|sextio?|sjuttio?|åttio?|nittio?)"
    "(?:ett|en|två|tre|fyra|fem|sex|sju|åtta|nio)"
)


# Where a number word run together with the next one ends ("nollsjuttio", "etthundratjugo"):
# the next starts with a number word. Each word is read once, so the run stays linear.
_ORDSTART = f"(?:{TALORD_SAMMANSATTA}|{TALORD_TVA}|{TALORD_ETT}|hundra)"


def antal_siffror_i_ord(traff: str) -> int:
    """The digits of a number said partly in words ("noll sjuttio 234 56 78": 10), 0 if it has
    no number word (a number of digits alone is read by the other patterns). sql.py counts
    the same way with the same regular expressions."""
    if not re.search(f"{TALORD_TVA}|{TALORD_ETT}", traff, re.IGNORECASE):
        return 0
    t = re.sub(f"{TALORD_SAMMANSATTA}|{TALORD_TVA}", "xx", traff, flags=re.IGNORECASE)
    t = re.sub(TALORD_ETT, "x", t, flags=re.IGNORECASE)
    return len(re.sub("[^0-9x]", "", t))


# A number does not start with a group of three where a digit and a space stand before it:
# Swedish writes thousands in groups of three after a space, and a budget table's row
# ("Personalkostnader 99 061 111 019 107 732", "7 020 9 120 9 120") is no telephone number
# ("rum 2 070-123 45 67" still is).
_EJ_TUSENTAL = "(?:(?<![0-9] )|(?![0-9]{3}(?![0-9-])))"
# A committee's letters before the board's own diarienummer with hyphens ("ärende
# SN-2025-123", "SOCN-2026-00087"): the board's register, not a person's case.
_NAMNDER = "sn|socn|socialnämnden|ks|kf|von|bun|ubn|ifn|vfn|amn|kn|tn|mbn"
_EJ_NAMND = f"(?!(?:{_NAMNDER}) ?-)"
# A date of birth's parts, in digits or words (speech-to-text writes numbers in words).
_MANAD = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|"
    "jan|feb|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec"
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


PERSONNUMMER_OCH_TELEFON: tuple[Monster, ...] = (
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
    # fyra fyra 12 12", also run together as speech-to-text writes it ("nollsjuttio
    # etthundratjugotre"). The efterkontroll counts a word as the digits it stands for (8 to
    # 10; "hundra" as none: "etthundratjugotre" is three).
    Monster(
        "telefon",
        f"(?<![{_L}0-9+])(?:0|noll)(?:(?![{_L}])|(?={_ORDSTART}))(?:[ ,.:-]{{0,3}}(?:[0-9]|"
        f"(?:{TALORD_SAMMANSATTA}|{TALORD_TVA}|{TALORD_ETT}|hundra)(?:(?![{_L}])|(?={_ORDSTART}))))+",
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
)


REGNUMMER_OCH_MAL: tuple[Monster, ...] = (
    # A car's registration number after a word that says it is one: "bilen ABC 123",
    # "regnr KLM 45B". Without the word three capitals and digits are too often a name.
    Monster(
        "regnummer",
        f"(?<![{_L}])(?:[Bb]il(?:en|ens)?|[Rr]eg(?:istrerings)?\\.? ?(?:nr|nummer|numret)\\.?|"
        f"REG\\.? ?NR|[Rr]eg\\.?(?![{_L}])|[Rr]egg(?:en|et)?|(?:[Rr]eg|[Nn]ummer)?[Ss]kylt(?:en)?|"
        f"[Nn]ummerplåt(?:en)?|[Pp]låt(?:en)?|[Mm]oped(?:en)?|[Mm]otorcykel(?:n)?|MC|"
        f"[Ll]astbil(?:en)?|{_BILMARKE}|{_BILMARKE.lower()}|"
        f"[Ss]kåpbil(?:en)?)[^.!?]{{0,25}}?(?<![{_L}0-9]){_PLAT} ?{_PLAT} ?{_PLAT}[ -]?"
        "[0-9] ?[0-9] ?[0-9A-HJ-PR-UW-Z]"
        f"(?![{_L}0-9])",
    ),
    Monster(
        "regnummer",
        f"(?<![{_L}])reg(?:istrerings)?\\.? ?(?:nr|nummer|numret)\\.?:? ?[a-z]{{3}} ?[0-9]{{2}}"
        f"[0-9a-z](?![{_L}0-9])",
        skiftlagesokansligt=True,
    ),
    # A plate spelled out letter by letter and said in number words: "reg nr bee-ess-tee tre fyra
    # sju", "registreringsnummer a b c ett två tre" (speech-to-text, a phone call).
    Monster(
        "regnummer",
        f"(?<![{_L}])(?:{_REGORD})\\.?:?(?: (?:är|var|nr|nummer))? "
        f"(?:(?:{_BOKSTAVSNAMN})[ -]){{2}}(?:{_BOKSTAVSNAMN})[ ,-]{{1,3}}"
        f"(?:(?:{_TALORD}|[0-9])[ -]?){{2}}(?:{_TALORD}|[0-9]|[a-z])(?![{_L}0-9])",
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
)


BAKLANGES_MOBIL: tuple[Monster, ...] = (
    # A mobile number as a Swedish one is grouped, "070 123 45 67", also without its zero
    # ("70 482 11 93") or after a list's digit ("1 070 123 45 67"): groups of two after a
    # group of three are no thousands (_EJ_TUSENTAL), and no table writes its sums so.
    Monster(
        "telefon",
        "(?<![0-9])(?<![0-9][.,:/-])0?7[02369][ -]?[0-9]{3}[ -]?[0-9]{2}[ -]?[0-9]{2}"
        "(?![0-9])(?![ .,-][0-9])",
    ),
    # A mobile number written backwards: ten digits that end in 070, 072, 073, 076 or 079
    # read from the end ("7122183070").
    Monster(
        "telefon",
        "(?<![0-9])(?<![0-9][ .-])[0-9](?:[ .-]?[0-9]){6}[ .-]?[02369][ .-]?7[ .-]?0"
        "(?![ .-]?[0-9])",
        skiftlagesokansligt=True,  # digits only: joins the other group of its reason
    ),
)


ARENDEN: tuple[Monster, ...] = (
    # An LMA card's number (the asylum seeker's card): "LMA-kort nr 21-345678".
    Monster(
        "arende",
        f"(?<![{_L}])(?:lma|uma)[- ]?(?:kort|kortet|kortets)(?:[- ]?(?:nummer|numret|nr)\\.?)?"
        ":? ?[0-9](?:[ /-]?[0-9]){5,}"
        # or its number right after the letters, as the card writes it: "LMA 24-118907" (the
        # law, "LMA (1994:137)", has no such number).
        f"|(?<![{_L}])(?:lma|uma)(?:[- ]?(?:nr|nummer|numret)\\.?)?:? ?[0-9]{{2}}-[0-9]{{6}}"
        "(?![0-9])",
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
        # (also the end of a word: "skuldsaneringsärende 12-301445")
        f"(?:ärende|ärendet|ärendenr|ärendenummer)(?: hos [{VERSAL}][{_L}]+)?"
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
)


FODELSEDATUM_OCH_BANKKONTO: tuple[Monster, ...] = (
    # The seventh set. A full date of birth: "född 12 mars 1987", "f. 640229", "född tolfte
    # mars åttiosju", "född nitton åttiofem den sjuttonde september" (speech-to-text).
    Monster(
        "fodelsedatum",
        f"(?<![{_L}])(?:född|födda|föddes|f\\.|födelsedatum|födelsedatumet|born|dob)(?: är)?:?"
        f"(?: den| på)? (?:{_DAG}) (?:{_MANAD})\\.?,?(?: (?:år|i))? (?:{_AR})(?![{_L}0-9])"
        f"|(?<![{_L}])(?:född|föddes)(?: år)? (?:{_AR}),? (?:den )?(?:{_DAG}) (?:{_MANAD})"
        f"(?![{_L}])"
        f"|(?<![{_L}])(?:född|födda|föddes|f\\.|födelsedatum|födelsedatumet)(?: den)?:? ?"
        "(?<![0-9])(?:19|20)?[0-9]{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12][0-9]|3[01])(?![0-9])"
        # and in English ("born 14/03/1989", "DOB 3.11.02")
        f"|(?<![{_L}])(?:född|födda|föddes|f\\.|födelsedatum|födelsedatumet|born|dob)"
        "(?: den| on)?:? ?"
        "(?<![0-9])(?:0?[1-9]|[12][0-9]|3[01])[./](?:0?[1-9]|1[0-2])[./-](?:19|20)?[0-9]{2}"
        "(?![0-9])"
        # A year of birth of one person: "f. 87", "född -87", "född 1987" (not "födda 2014–2016",
        # a target group, nor "född på 50-talet").
        f"|(?<![{_L}])(?:född|föddes|f\\.)(?: år| är)?:? ?['-]?(?<![0-9])(?:19|20)?[0-9]{{2}}"
        f"(?![0-9])(?!-?tal)(?![./-]?[0-9])",
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
        f"personkonto(?:t)?|(?:person|löne?|spar)?konto(?:t)? (?:i|hos|på) [{_L}]+|"
        # a bank's name before "konto": "swedbank konto 8214-9, …", "Nordeakontot"
        f"(?:[{_L}]*bank(?:en)?|nordea|seb|danske|skandia|avanza|ikano)s? ?-?(?:konto|kontot))"
        # and where it is after the word: "kontonr hos Nordea 3300 1234567"
        f"(?: (?:i|hos|på) [{_L}]+)?\\.?:?(?: är)? ?"
        "[0-9](?:[ ,.-]{0,2}[0-9]){5,}",
        skiftlagesokansligt=True,
        databasgrupp="arende",
    ),
)


BAKLANGES: tuple[Monster, ...] = (
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
)
