"""How both guards read a text (14 kap. 4–5 §§ SoL): the letters, the normalisation done
alike in Python and in PostgreSQL, and the shape of a pattern (Monster). The patterns
themselves are in the monster_*.py modules, gathered in monster.py.

The patterns are written in the part of regular-expression syntax that Python's re and
PostgreSQL's advanced regular expressions read alike: explicit character classes instead of
\\w, \\b or [[:alpha:]] (whose meaning depends on the database's locale), lookbehind and
lookahead, no backreferences. Texts are normalised the same way on both sides first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
    # Characters children and young people talk about, named as persons are: "pratar bara om
    # Harry Potter", "Tant Grön, Tant Brun och Tant Gredelin".
    "Harry Potter",
    "Hermione Granger",
    "Ron Weasley",
    "Percy Jackson",
    "Greta Gris",
    "Pelle Svanslös",
    "Ronja Rövardotter",
    "Nils Holgersson",
    "Kalle Anka",
    "Musse Pigg",
    "Mimmi Pigg",
    "Peter Pan",
    "Tant Grön",
    "Tant Brun",
    "Tant Gredelin",
    "Farbror Blå",
)
# The letter o written for a zero beside a digit.
NOLLA_SOM_O = "(?<=[0-9])[oO]|[oO](?=[0-9])"
# An organisation's switchboard, customer service or helpline and its number, read as the
# organisation too ("kommunens växel 0224-74 70 00", "Kvinnojouren 0224-123 45",
# "Jourhavande medmänniska 08-702 16 80", "kontaktcenter 0224-74 70 00"); a mobile number
# (07…) is a person's still.
VAXELNUMMER = (
    f"[{BOKSTAV}]*(?:[Vv]äxel|[Vv]äxeln|[Vv]äxelnummer|[Kk]undtjänst|[Kk]undtjänsten|[Jj]our|"
    f"[Jj]ouren|[Jj]ourhavande(?: [{GEMEN}]+)?|center|centret|centralen|[Rr]eceptionen|"
    # a unit's reception or office reached at it ("Tolkförmedlingen nås på 0920-45 30 00",
    # "Socialtjänstens mottagning nås på …")
    f"förmedlingen|[Mm]ottagningen|[Mm]ottagning|[Ee]xpeditionen|[Kk]ansliet|"
    # a unit named by what it does ("Konsumentvägledningen nås på …", "Socialtjänsten")
    f"ningen|tjänsten|enheten|"
    f"[Ff]örvaltningen|kontoret)(?: (?:nås|når ni|nås även))?(?: (?:på|via))? ?:? ?"
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


def ord_och_mellanrum(
    n: str, ord_: Sequence[re.Match[str]]
) -> tuple[Callable[[int], str], Callable[[int], str]]:
    """For the rules that read a text word by word: word k of `ord_` (the matches of the
    words of `n`; "" before the first and after the last), and the characters before word k
    (after the last word when k is past the end)."""

    def w(k: int) -> str:
        return ord_[k].group() if 0 <= k < len(ord_) else ""

    def sep(k: int) -> str:
        if k <= 0:
            return n[: ord_[0].start()] if ord_ else n
        if k > len(ord_):
            return ""
        return n[ord_[k - 1].end() : ord_[k].start() if k < len(ord_) else len(n)]

    return w, sep
