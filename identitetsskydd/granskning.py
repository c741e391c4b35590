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
from dataclasses import dataclass
from functools import cache

import phonenumbers

from identitetsskydd.monster import MONSTER
from identitetsskydd.monster_kontakt import TOPPDOMANER
from identitetsskydd.monster_siffror import antal_siffror_i_ord
from identitetsskydd.namnord import (
    AKRONYMER,
    BESITTNING,
    EJ_AGT,
    EJ_AVSTAVNING,
    ENGELSKA_ROLLER,
    ENGELSKA_SLUT,
    FORKORTNING,
    GRADORD,
    HANDLINGAR,
    INTE_NAMN,
    KONTEXT,
    LOKALER,
    NAMNVERB,
    OBJEKTLED,
    OBJEKTVERB,
    OVANLIGA_SLUT,
    PERSONER,
    PLATSORD,
    PREPOSITIONER,
    ROLLER,
    TILLSTAND,
    TILLSTANDSORD,
    TITLAR,
    VARA,
    namnlista,
)
from identitetsskydd.tecken import BOKSTAV, GEMEN, SAMMANSATT, VERSAL, Monster, normalisera

SKAL = {
    "personnummer": "ett personnummer",
    "samordningsnummer": "ett samordningsnummer",
    "telefon": "ett telefonnummer",
    "epost": "en e-postadress",
    "adress": "en adress",
    "namn": "ett namn",
    "konto": "ett konto i sociala medier",
    "regnummer": "ett registreringsnummer",
    "arende": "ett ärende- eller målnummer",
    "skola": "en skola och klass",
    "arbetsplats": "en arbetsplats och en roll som pekar ut en person",
    "kombination": "en ovanlig kombination av uppgifter som pekar ut en person",
    "fodelsedatum": "ett födelsedatum",
    "bankkonto": "ett bankkontonummer",
}


@dataclass(frozen=True)
class Fynd:
    """What was found: a reason code and the text it was found in (shown shortened)."""

    kod: str
    utdrag: str

    @property
    def vad(self) -> str:
        return SKAL[self.kod]

    @property
    def kortat(self) -> str:
        """Enough for staff to find it, not enough to repeat it: "070…67"."""
        t = self.utdrag.strip()
        if self.kod == "namn":
            return t
        if self.kod in ("skola", "arbetsplats", "kombination"):  # a phrase: its first words find it
            return " ".join(t.split()[:3]) + "…"
        return t if len(t) <= 6 else f"{t[:3]}…{t[-2:]}"


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


_ORD = re.compile(f"[{BOKSTAV}]+")

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


# A name that is part of a place's name: "Gustav Adolfs torg", "Gustav Vasa kyrka".
_PLATSNAMN = re.compile(
    f" (?:[{VERSAL}][{GEMEN}]+ )?(?:{'|'.join(sorted(PLATSORD))})(?![{BOKSTAV}])"
)


def grundfynd(text: str) -> list[Fynd]:
    """What the database refuses too: the shared patterns and unambiguous names."""
    n = normalisera(text or "")
    fynd = _monsterfynd(n, MONSTER)
    entydiga = namnlista().entydiga
    lokaler = {v for o in LOKALER for v in (o, o.capitalize(), o.upper())}
    ord_ = list(_ORD.finditer(n))
    fynd += [
        Fynd("namn", m.group())
        for i, m in enumerate(ord_)
        if m.group() in entydiga
        and not re.match(SAMMANSATT, n[m.end() :])
        and not _PLATSNAMN.match(n, m.end())
        and not (
            i
            and ord_[i - 1].group() in lokaler
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
            if rest.capitalize() in lista.efternamn or (
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


def _okant_namn(o: str) -> bool:
    """A capitalised word outside the name list that may still be a name where the context
    says it is a person ("Micke (pappan)", "Kerem är 14"): not a pronoun or numeral, and not
    shaped like a Swedish noun in the definite form or an indefinite plural."""
    lagt = o.lower()
    return _kan_vara_namn(o) and len(o) >= 3 and not lagt.endswith(OVANLIGA_SLUT)


def _utskrivna(n: str, ord_: list[re.Match[str]]) -> set[int]:
    """The words that spell out an abbreviation in brackets right after it, initial by
    initial: "PYC (Parenting young children)". sql.iub_namnskal reads the same."""
    inne: set[int] = set()
    for j, a in enumerate(ord_):
        f = a.group()
        k = len(f)
        if not re.fullmatch(FORKORTNING, f) or j + k >= len(ord_):
            continue
        orden = range(j + 1, j + k + 1)
        initialer = "".join(ord_[x].group()[0] for x in orden)
        if (
            n[a.end() : ord_[j + 1].start()] in (" (", "(")
            and all(n[ord_[x - 1].end() : ord_[x].start()] == " " for x in orden[1:])
            and n[ord_[j + k].end() :].startswith(")")
            and initialer.isascii()
            and initialer.upper() == f
        ):
            inne.update(orden)
    return inne


def _avstavat(n: str, ord_: list[re.Match[str]], i: int) -> bool:
    """A piece of a word split at a line break, as a PDF keeps it: "människor- nas",
    "famil- jehem". Not a piece when a whole small word follows the dash ("kalle- han")."""
    fore = i and n[ord_[i - 1].end() : ord_[i].start()] == "- "
    nasta = ord_[i + 1].group() if i + 1 < len(ord_) else ""
    efter = n[ord_[i].end() : ord_[i + 1].start()] if nasta else ""
    return bool(fore) or (
        efter == "- " and bool(re.match(f"[{GEMEN}]", nasta)) and nasta not in EJ_AVSTAVNING
    )


def _kan_vara_namn(o: str) -> bool:
    """Written as a name (Anna, not ANNA or SoL) and not a pronoun, numeral, month or role."""
    return (
        o[:1].isupper()
        and o[1:].islower()
        and o.lower() not in INTE_NAMN
        and o.lower() not in ROLLER
    )


# Letters of names in other languages, not of Swedish words: Latin-1's accented letters that
# Swedish does not write (é is in "idé" and "Café", ü in loans) and the Latin Extended blocks
# ("Māra", "François", "Zoë", "Ramón").
NAMNBOKSTAVER = "[àáâãçèêëìíîïñòóôõøùúûýÿ\u0100-\u1eff]"


def _namnfynd(n: str) -> list[Fynd]:
    """Personal names read word by word in their context, rule by rule (each commented with
    its example). sql.iub_namnskal holds the part the database can run, never more."""
    lista = namnlista()
    alla = lista.alla
    ord_ = list(_ORD.finditer(n))
    utskrivna = _utskrivna(n, ord_)
    fynd = []
    for i, m in enumerate(ord_):
        o = m.group()
        titel = _kan_vara_namn(o)
        foregaende = ord_[i - 1].group().lower() if i else ""
        mellan = n[ord_[i - 1].end() : m.start()] if i else ""
        meningsstart = not i or bool(re.search(r"[.!?:;\n\"”(\-]", mellan))
        nasta = ord_[i + 1].group() if i + 1 < len(ord_) else ""
        tredje = ord_[i + 2].group() if i + 2 < len(ord_) else ""
        fjarde = ord_[i + 3].group() if i + 3 < len(ord_) else ""
        efter = n[m.end() : ord_[i + 1].start()] if i + 1 < len(ord_) else n[m.end() :]
        resten = n[m.end() :]
        sammanhang = foregaende in KONTEXT and not re.search(r"[.!?;]", mellan)
        som_namn = o.capitalize()
        kand = titel and o in alla
        okand = kand or _okant_namn(o)
        forr = ord_[i - 2].group().lower() if i >= 2 else ""
        forrr = ord_[i - 3].group().lower() if i >= 3 else ""
        if foregaende in TITLAR and titel and re.fullmatch(" +", mellan):
            fynd.append(Fynd("namn", o))  # fru Johansson, familjen Ek
        elif (
            foregaende in NAMNVERB
            and titel
            and re.fullmatch(" *:? +[\"”“'»]?", mellan)
            and (forr in KONTEXT or forr in PERSONER or (forr == "som" and forrr in ROLLER))
        ):
            fynd.append(Fynd("namn", o))  # barnet heter Elsa, ungdomen, som heter Teo
        elif som_namn in alla and sammanhang and (titel or som_namn not in lista.tvetydiga):
            fynd.append(Fynd("namn", o))  # mamma Fatima, pappan mikael
        elif kand and o in lista.fornamn and nasta in lista.efternamn:
            fynd.append(Fynd("namn", f"{o} {nasta}"))  # Björn Svensson
        elif (
            titel
            and o.endswith("s")
            and o[:-1] in lista.entydiga
            and re.match(f" [{GEMEN}]", resten)
            and nasta not in EJ_AGT | HANDLINGAR
            and not nasta.endswith(ENGELSKA_SLUT)  # Birds relations
        ):
            fynd.append(Fynd("namn", o))  # Fatimas son
        elif (
            o.islower()
            and len(o) >= 3
            and som_namn in lista.entydiga
            and not re.match(SAMMANSATT, resten)  # drop-in
            and not _avstavat(n, ord_, i)  # behovsbedöm- ning
            and i not in utskrivna  # PYC (Parenting young children)
        ):
            fynd.append(Fynd("namn", o))  # pratade med kalle
        elif okand and (
            re.match(r", ?[0-9]{1,2} ?(?:år|,)", resten)  # Liv, 7 år; Ebba, 16,
            or re.match(r" (?:är|var|blir|fyller) [0-9]{1,2}(?![0-9])", resten)  # Kerem är 14
            or re.match(r" ?\( ?(?:" + "|".join(sorted(ROLLER)) + r") ?\)", resten)
            or re.match(r", ?(?:" + "|".join(sorted(ROLLER)) + r") ?,", resten)  # Stig, morfar,
        ):
            fynd.append(Fynd("namn", o))
        elif (
            (okand or (o.islower() and som_namn in alla and o not in INTE_NAMN))
            and efter == " "
            and nasta in ("och", "o", "med")
            and tredje in BESITTNING
        ):
            fynd.append(Fynd("namn", o))  # Vilja och hennes lillebror, lisa o hennes mamma
        elif (
            o[:1].isupper()
            and o[1:].islower()
            and som_namn in lista.fornamn
            and efter == "-"
            and _kan_vara_namn(nasta)
            and nasta in lista.fornamn
        ):
            fynd.append(Fynd("namn", f"{o}-{nasta}"))  # Inga-Britt, Bengt-Åke
        elif (
            o.islower()
            and nasta.islower()
            and efter == "-"
            and len(o) >= 3
            and len(nasta) >= 3
            and som_namn in lista.fornamn
            and nasta.capitalize() in lista.fornamn
            and (som_namn in lista.entydiga or nasta.capitalize() in lista.entydiga)
        ):
            fynd.append(Fynd("namn", f"{o}-{nasta}"))  # ulla-britt, stig-olof
        elif (
            o.islower()
            and len(o) >= 3
            and som_namn in alla
            and o not in INTE_NAMN | ROLLER
            and re.match(r", ?[0-9]{1,2} ?år(?![a-zåäö])", resten)
        ):
            fynd.append(Fynd("namn", o))  # tindra, 9 år
        elif (
            titel
            and efter == " "
            and nasta == "et"
            and tredje == "al"
            and n[ord_[i + 1].end() : ord_[i + 2].start()] == " "
        ):
            fynd.append(Fynd("namn", o))  # Lind et al. (2025): an author is a person
        elif (
            kand
            and foregaende == "med"
            and forr.endswith(("grupp", "gruppen"))
            and mellan == " "
            and not re.match(SAMMANSATT, resten)
        ):
            fynd.append(Fynd("namn", o))  # Tjejgruppen med Ebba: a group named by its member
        elif kand and efter == " " and nasta in ("själv", "själva") and foregaende == "enligt":
            fynd.append(Fynd("namn", o))  # enligt Nisse själv
        elif (
            titel
            and foregaende == "till"
            and forr in ROLLER
            and re.fullmatch(" +[\"”“'»]?", mellan)
            and not re.match(SAMMANSATT, resten)
        ):
            fynd.append(Fynd("namn", o))  # mamman till ”Putte”
        elif (
            (o.islower() or o.isupper())
            and len(o) >= 3
            and meningsstart
            and som_namn in alla
            and o.lower() not in INTE_NAMN | ROLLER
            and o not in AKRONYMER
            and efter == " "
            and nasta.lower() in HANDLINGAR
        ):
            fynd.append(Fynd("namn", o))  # kalle kom inte, KALLE VILLE INTE
        elif (
            o.isupper()
            and len(o) >= 3
            and som_namn in lista.entydiga
            and o not in AKRONYMER
            and efter == " "
            and (
                (
                    not meningsstart
                    and foregaende not in PREPOSITIONER  # Länsstyrelsen och IVO deltog
                    and nasta.islower()
                    and nasta in HANDLINGAR
                )
                or (
                    meningsstart
                    and nasta.lower() == "och"
                    and (
                        (tredje.capitalize() in alla and fjarde.lower() in HANDLINGAR | TILLSTAND)
                        or tredje.lower() in BESITTNING
                    )
                )
            )
        ):
            fynd.append(Fynd("namn", o))  # att JOHANNA behöver, ELIN OCH NOVA VAR, OCH HANS
        elif titel and efter in ("'", "’") and nasta == "s" and tredje in ENGELSKA_ROLLER:
            fynd.append(Fynd("namn", o))  # Ngozi's daughter
        elif titel and efter == "- " and nasta.islower() and (o + nasta) in lista.entydiga:
            fynd.append(Fynd("namn", o + nasta))  # An- nika, Berg- ström (a scan's line break)
        elif (
            titel
            and re.search(NAMNBOKSTAVER, o)
            and foregaende not in PREPOSITIONER
            and not re.match(SAMMANSATT, resten)
        ):
            fynd.append(Fynd("namn", o))  # Māra, Ștefania: letters of names, not of Swedish
        elif (
            meningsstart
            and kand
            and efter == " "
            and (
                nasta in HANDLINGAR
                or (nasta in TILLSTAND and o in lista.entydiga)  # Stina satt ensam
                or (
                    nasta in VARA
                    and (tredje in TILLSTANDSORD or (tredje in GRADORD and fjarde in TILLSTANDSORD))
                )  # Olle var berusad (not "Rosa var den färg")
                # Fadumo Warsame behöver (a listed name second: "Röda Korset kunde" is not)
                or (_kan_vara_namn(nasta) and nasta in alla and tredje in HANDLINGAR | TILLSTAND)
                or (nasta == "och" and _kan_vara_namn(tredje) and fjarde in HANDLINGAR)
            )
        ):
            fynd.append(Fynd("namn", o))  # Björn kom inte, Tesfay och Senait kom
        elif (
            (
                meningsstart
                and _okant_namn(o)
                and efter == " "
                and _okant_namn(nasta)  # Kofi Mensah hjälpte (not "Röda Korset kunde")
                and i + 2 < len(ord_)
                and n[ord_[i + 1].end() : ord_[i + 2].start()] == " "
                and tredje in HANDLINGAR | TILLSTAND
            )
            or (
                (foregaende in OBJEKTVERB or (foregaende in OBJEKTLED and forr in OBJEKTVERB))
                and (
                    (
                        o.islower()
                        and len(o) >= 3
                        and som_namn in alla
                        and o not in INTE_NAMN | ROLLER | EJ_AGT | PREPOSITIONER | OBJEKTLED
                        and mellan == " "
                    )  # pratade med kalle, hämtade nora
                    or (titel and re.fullmatch(" +[\"”“'»]", mellan))  # träffade ”Lillen”
                )
                and not re.match(SAMMANSATT, resten)
            )
        ):
            fynd.append(Fynd("namn", o))
        elif (
            (foregaende in KONTEXT or foregaende in ENGELSKA_ROLLER)
            and re.fullmatch(", ?", mellan)
            and okand
            and re.match(f"(?:-[{VERSAL}][{GEMEN}]+)?(?: [{VERSAL}][{GEMEN}]+)?,", resten)
        ):
            fynd.append(Fynd("namn", o))  # The boy, Jayden, går; mannen, Lars Ek, kom
        elif (
            kand
            and not meningsstart
            and foregaende not in PREPOSITIONER
            and not resten.startswith("-")  # Hope-gruppen is a compound, not a person
            and (nasta in HANDLINGAR or foregaende in HANDLINGAR)  # "igår ringde Björn"
        ):
            fynd.append(Fynd("namn", o))
    return fynd


def granska(text: str) -> list[Fynd]:
    """Everything in the text that may reveal who someone is; empty when it may be stored.
    Always at least as strict as the database (grundfynd is part of it)."""
    if not text or not text.strip():
        return []
    n = normalisera(text)
    fynd = grundfynd(n) + _telefonfynd(n) + _namnfynd(n) + _webbfynd(n)
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
