"""The guard: may this text be stored in a record that must not reveal who someone is
(14 kap. 4–5 §§ SoL)? Every door calls granska(): the forms, the service functions, the
catalogue import, the follow-up, the management commands. It runs the patterns of monster.py,
which the database runs too, and then what only Python can: the phonenumbers library and
personal names read in their context.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from functools import cache

import phonenumbers

from identitetsskydd.fynd import Fynd
from identitetsskydd.monster import MONSTER
from identitetsskydd.monster_kontakt import TOPPDOMANER
from identitetsskydd.monster_siffror import antal_siffror_i_ord
from identitetsskydd.namnord import (
    LOKALER,
    LOKALSLUT,
    PLATSORD,
    namnlista,
)
from identitetsskydd.namnregler import ORD, i_verk, namnfynd
from identitetsskydd.namnregler_undantag import undantagna
from identitetsskydd.tecken import BOKSTAV, GEMEN, SAMMANSATT, VERSAL, Monster, normalisera


def personnummerkod(traff: str) -> str | None:
    """personnummer or samordningsnummer if the digits have a valid checksum and date (day +
    60 for a samordningsnummer), else None. sql.py writes the same check in PL/pgSQL."""
    siffror = re.sub("[^0-9]", "", traff)
    if len(siffror) not in (10, 12):
        return None
    ar = int(siffror[:4]) if len(siffror) == 12 else 2000  # 2000 is a leap year
    if not 1800 <= ar <= 2100:
        return None
    tio = siffror[-10:]
    summa = 0
    for i, s in enumerate(tio):
        v = int(s) * (2 if i % 2 == 0 else 1)
        summa += v - 9 if v > 9 else v
    if summa % 10:
        return None
    manad, dag = int(tio[2:4]), int(tio[4:6])
    kod = "personnummer"
    if dag > 60:
        dag, kod = dag - 60, "samordningsnummer"
    if not 1 <= manad <= 12 or not 1 <= dag <= calendar.monthrange(ar, manad)[1]:
        return None
    return kod


def personnummer_i_lopa(lopa: str) -> str | None:
    """A run of digit groups ("880909-91 98", "Tel 12 850312-1231") holds a personnummer if
    some whole groups in a row make one. sql.py writes the same in PL/pgSQL."""
    grupper = [g for g in re.split("[^0-9]+", lopa) if g]
    for i in range(len(grupper)):
        siffror = ""
        tusental = False  # a group of three is thousands ("1 236 1 301 1 217 84"), never
        for g in grupper[i:]:  # how a personnummer is written
            siffror += g
            tusental = tusental or len(g) == 3
            if len(siffror) in (10, 12) and not tusental and (kod := personnummerkod(siffror)):
                return kod
            if len(siffror) >= 12:
                break
    return None


# A time range or a date written with dots is not a telephone number (08.30-10.00, 01.03.2026).
TID_ELLER_DATUM = "^(?:[0-2]?[0-9][.:][0-5][0-9] ?-|[0-3]?[0-9][./][01]?[0-9][./])"
# A Swedish service number is an organisation's, never a person's: 010 (national numbers
# that authorities and companies use), 020 (free to call) and 077 (shared cost; no area code
# or mobile series starts so), nine or ten digits in all (an Iraqi mobile, 0770 and seven
# digits, is longer). Staff refer people to them ("Giftinformationscentralen 010-456 67 00",
# "Kvinnofridslinjen 020-50 50 50", "Kronofogden 0771-73 73 00").
TJANSTENUMMER = "^0[ .-]?(?:1[ .-]?0|2[ .-]?0|7[ .-]?7)(?:[ .-]{0,2}[0-9]){6,7}$"


def _efterkontroll(m: Monster, traff: str) -> str | None:
    if m.efterkontroll == "personnummer":
        return personnummer_i_lopa(traff)
    if m.efterkontroll == "personnummer_hela":
        return personnummerkod(traff)
    if m.efterkontroll == "personnummer_delat":  # the group of four is the last four
        grupper = re.findall("[0-9]+", traff)
        forsta, sista = grupper[0], grupper[-1]
        return personnummerkod(sista + forsta if len(forsta) == 4 else forsta + sista)
    if m.efterkontroll == "personnummer_nolla":
        return personnummerkod("0" + traff)
    if m.efterkontroll == "telefon" and (
        re.match(TID_ELLER_DATUM, traff) or re.match(TJANSTENUMMER, traff)
    ):
        return None
    if m.efterkontroll == "telefon_talord" and not 8 <= antal_siffror_i_ord(traff) <= 10:
        return None
    if m.efterkontroll == "telefon_ord" and not (
        8 <= len(re.sub("[^0-9]", "", traff)) <= 10 and len(re.findall("[0-9]+", traff)[0]) >= 3
    ):
        return None
    return m.kod


@cache
def _kompilerat(m: Monster) -> re.Pattern[str]:
    return re.compile(m.regex, re.IGNORECASE if m.skiftlagesokansligt else 0)


def _monsterfynd(n: str, monster: Iterable[Monster]) -> list[Fynd]:
    """The first match of each pattern that passes its check, in a normalised text."""
    fynd = []
    for m in monster:
        for traff in _kompilerat(m).finditer(n):
            kod = _efterkontroll(m, traff.group())
            if kod:
                fynd.append(Fynd(kod, traff.group()))
                break
    return fynd


# The patterns that can find a personnummer or samordningsnummer (the checks that tell them
# apart may give either): all a public catalogue text is read for.
_PERSONNUMMERKODER = ("personnummer", "samordningsnummer")
_PERSONNUMMERMONSTER = tuple(
    m
    for m in MONSTER
    if m.kod in _PERSONNUMMERKODER or (m.efterkontroll or "").startswith("personnummer")
)


# A name that is part of a place's name: "Gustav Adolfs torg", "Gustav Vasa kyrka", "Astrid
# Lindgrens Värld".
_PLATSNAMN = re.compile(
    f" (?:[{VERSAL}][{GEMEN}]+ )?"
    f"(?:{'|'.join(sorted(PLATSORD | {o.capitalize() for o in PLATSORD}))})(?![{BOKSTAV}])"
)
# A first name before a surname joined to a word: "Rebecka Martinsson-serien" is a work.
_FORE_SAMMANSATT = re.compile(f" [{VERSAL}][{GEMEN}]+{SAMMANSATT}")


def grundfynd(text: str) -> list[Fynd]:
    """What the database refuses too: the shared patterns and unambiguous names."""
    n = normalisera(text or "")
    fynd = _monsterfynd(n, MONSTER)
    entydiga = namnlista().entydiga
    lokaler = {v for o in LOKALER for v in (o, o.capitalize(), o.upper())}
    ord_ = list(ORD.finditer(n))
    verk = i_verk(n, ord_) | undantagna(n, ord_)
    fynd += [
        Fynd("namn", m.group())
        for i, m in enumerate(ord_)
        if m.group() in entydiga
        and i not in verk
        and not re.match(SAMMANSATT, n[m.end() :])
        and not _PLATSNAMN.match(n, m.end())
        and not _FORE_SAMMANSATT.match(n, m.end())
        and not (
            i
            and (
                ord_[i - 1].group() in lokaler
                or ord_[i - 1].group().lower().endswith(LOKALSLUT)  # Tjejgruppen Luna
            )
            and re.fullmatch(" +", n[ord_[i - 1].end() : m.start()])
        )
    ]
    return fynd


def _telefonfynd(n: str) -> list[Fynd]:
    fynd = []
    for t in phonenumbers.PhoneNumberMatcher(n, "SE", leniency=phonenumbers.Leniency.POSSIBLE):
        raw = t.raw_string
        if re.match(TID_ELLER_DATUM, raw) or re.match(TJANSTENUMMER, raw) or personnummerkod(raw):
            continue
        if re.search("[0-9] $", n[: t.start]) and re.match("[0-9]{3}(?![0-9-])", raw):
            continue  # thousands in a table (monster_siffror._EJ_TUSENTAL)
        if raw.startswith(("+", "00")) or (
            raw.startswith("0") and phonenumbers.is_valid_number(t.number)
        ):
            fynd.append(Fynd("telefon", raw))
    return fynd


# A web address: its name part before the top-level domain ("www.lisaandersson.se").
WEBBADRESS = (
    f"(?<![{BOKSTAV}0-9@._-])(?:https?://)?(?:www\\.)?([{BOKSTAV}0-9-]{{4,63}})"
    f"\\.(?:{TOPPDOMANER})(?![{BOKSTAV}0-9])"
)
_WEBBADRESS = re.compile(WEBBADRESS, re.IGNORECASE)
# After a first name in a web address: a genitive's s and a word starting with a consonant.
VOKALER = "aeiouyåäö"
# A web address writes a name's letters without their marks ("sirpamakinen.fi" for Mäkinen):
# surnames are compared so folded (sql_namn.iub_webbskal folds with the same translate()).
VIKNING = ("åäöüéÅÄÖÜÉ", "aaoueAAOUE")
_VIKNING = str.maketrans(*VIKNING)


@cache
def _vikta_efternamn() -> frozenset[str]:
    return frozenset(e.translate(_VIKNING) for e in namnlista().efternamn)


def _webbfynd(n: str) -> list[Fynd]:
    """A web address named after a person: a first name run together with a surname, digits
    or a genitive and a word ("mikaelsundberg.se", "lisa93.nu", "birgittasstickat.se"). The
    first name has four letters or more, so "idaskolan.se" is no person, and one that is also
    a word ("lisa") counts only with a surname, as "Lisa Andersson" does."""
    lista = namnlista()
    fynd = []
    for m in _WEBBADRESS.finditer(n):
        etikett = m.group(1).lower().replace("-", "")
        for i in range(4, len(etikett) + 1):
            fornamn, rest = etikett[:i].capitalize(), etikett[i:]
            if fornamn not in lista.fornamn:
                continue
            if rest.capitalize().translate(_VIKNING) in _vikta_efternamn() or (
                fornamn not in lista.tvetydiga
                and (
                    not rest
                    or rest.isdigit()
                    or (rest.startswith("s") and len(rest) >= 5 and rest[1:2] not in VOKALER)
                )
            ):
                fynd.append(Fynd("konto", m.group()))
                break
    return fynd


def granska(text: str) -> list[Fynd]:
    """Everything in the text that may reveal who someone is; empty when it may be stored.
    Always at least as strict as the database (grundfynd is part of it)."""
    if not text or not text.strip():
        return []
    n = normalisera(text)
    fynd = grundfynd(n) + _telefonfynd(n) + namnfynd(n) + _webbfynd(n)
    sett: set[str] = set()
    unika = []
    for f in fynd:
        if f.kod not in sett:
            sett.add(f.kod)
            unika.append(f)
    return unika


def personnummer_i(text: str) -> list[Fynd]:
    """Only personnummer and samordningsnummer: what a public catalogue text may not hold.
    Only their patterns are run (a catalogue has a thousand texts and more)."""
    fynd = _monsterfynd(normalisera(text or ""), _PERSONNUMMERMONSTER)
    return [f for f in fynd if f.kod in _PERSONNUMMERKODER]
