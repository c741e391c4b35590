"""Personal names read word by word in their context (14 kap. 4–5 §§ SoL): the Python guard's
name rules (granskning.granska runs them after the shared patterns). sql.iub_namnskal holds
the part the database can run, never more.
"""

from __future__ import annotations

import re

from identitetsskydd.fynd import Fynd
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
    NAMNVERB,
    OBJEKTLED,
    OBJEKTVERB,
    OVANLIGA_SLUT,
    PERSONER,
    PREPOSITIONER,
    PRONOMEN,
    ROLLER,
    SAGEVERB,
    TILLSTAND,
    TILLSTANDSORD,
    TITLAR,
    TITTA,
    VARA,
    VERKLED,
    VERKORD,
    VERKPREFIX,
    namnlista,
)
from identitetsskydd.namnregler_form import namn_av_form
from identitetsskydd.namnregler_sammanhang import namn_av_sammanhang
from identitetsskydd.namnregler_undantag import undantagna
from identitetsskydd.tecken import BOKSTAV, GEMEN, SAMMANSATT, VERSAL

ORD = re.compile(f"[{BOKSTAV}]+")


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


# As written, capitalised or in capitals, as the database compares them (sql_namn._ord).
_VERKORD = {v for o in VERKORD for v in (o, o.capitalize(), o.upper())}
_TITTA = {v for o in TITTA for v in (o, o.capitalize(), o.upper())}
_PA = {"på", "På", "PÅ"}


def i_verk(n: str, ord_: list[re.Match[str]]) -> set[int]:
    """The words that name a work's characters or a theme (namnord.VERKORD): up to three words
    after such a word, with only capitalised words or "och", "om", "ur" between and spaces,
    commas or a colon apart. sql_namn.iub_namnskal reads the same."""
    inne: set[int] = set()
    for i in range(1, len(ord_)):
        for j in range(i - 1, max(i - 4, -1), -1):
            if n[ord_[j].end() : ord_[j + 1].start()].replace(" ", "") not in ("", ",", ":"):
                break
            w = ord_[j].group()
            if (
                w in VERKORD
                or (w.lower() in VERKORD and w[1:].islower())
                or w.lower().startswith(VERKPREFIX)  # Temakväll om Ronja
                or (w in _PA and j and ord_[j - 1].group() in _TITTA)  # tittar på Bluey
            ):
                inne.add(i)
                break
            if w not in VERKLED and not _kan_vara_namn(w):
                break
    return inne


def namnfynd(n: str) -> list[Fynd]:
    """Personal names read word by word in their context, rule by rule (each commented with
    its example). sql.iub_namnskal holds the part the database can run, never more."""
    lista = namnlista()
    alla = lista.alla
    ord_ = list(ORD.finditer(n))
    utskrivna = _utskrivna(n, ord_)
    verk = i_verk(n, ord_) | undantagna(n, ord_)
    fynd = []
    for i, m in enumerate(ord_):
        if i in verk:
            continue  # Högläsning: Moby Dick
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
        fore = n[ord_[i - 1].end() if i else 0 : m.start()]
        if foregaende in TITLAR and titel and re.fullmatch(" +", mellan):
            fynd.append(Fynd("namn", o))  # fru Johansson, familjen Ek
        elif kand and re.match(" [0-9]{1,2} år(?![a-zåäö])", resten):
            fynd.append(Fynd("namn", o))  # Saga 8 år
        elif titel and re.fullmatch(r"(?:.*\s)?/{1,2} *", fore, re.S) and not resten.strip(" .!"):
            fynd.append(Fynd("namn", o))  # a signature at the end: "… idag /Sanna"
        elif (
            meningsstart
            and okand
            and efter == " "
            and nasta in SAGEVERB
            and any(w.group() in PRONOMEN for w in ord_[i + 2 : i + 6])
        ):
            fynd.append(Fynd("namn", o))  # Siobhan sa att hon, Oluwaseun berättade om sitt
        elif (
            meningsstart
            and okand
            and efter == " "
            and nasta == "och"
            and i + 3 < len(ord_)
            and n[ord_[i + 1].end() : ord_[i + 2].start()] == " "
            and _okant_namn(tredje)
            and n[ord_[i + 2].end() : ord_[i + 3].start()] == " "
            and fjarde in HANDLINGAR
        ):
            fynd.append(Fynd("namn", o))  # Chiamaka och Oluwaseun deltog
        elif (
            foregaende in NAMNVERB
            and titel
            and re.fullmatch(" *:? +[\"”“'»]?", mellan)
            and (forr in KONTEXT or forr in PERSONER or (forr == "som" and forrr in ROLLER))
        ):
            fynd.append(Fynd("namn", o))  # barnet heter Elsa, ungdomen, som heter Teo
        elif som_namn in alla and sammanhang and (titel or som_namn not in lista.tvetydiga):
            fynd.append(Fynd("namn", o))  # mamma Fatima, pappan mikael
        elif (
            kand
            and o in lista.fornamn
            and nasta in lista.efternamn
            and not (i + 1 < len(ord_) and re.match(SAMMANSATT, n[ord_[i + 1].end() :]))
        ):
            fynd.append(Fynd("namn", f"{o} {nasta}"))  # Björn Svensson, not Rebecka Martinsson-
        elif (
            titel
            and o.endswith("s")
            and o[:-1] in lista.entydiga
            and re.match(f" [{GEMEN}]", resten)
            and nasta not in EJ_AGT | HANDLINGAR
            and not nasta.endswith(ENGELSKA_SLUT)  # Birds relations
            and not (len(nasta) >= 4 and nasta.endswith(("de", "te")))  # Willys skänkte
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
            or re.match(r" ?\( ?[0-9]{1,2} ?\)", resten)  # Zhiyar (16)
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
            and not (efter == " " and nasta.endswith(("des", "tes")))  # Tết firades: a feast
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
            and (okand or (foregaende in ENGELSKA_ROLLER and titel and len(o) >= 3))
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
        elif (hittat := namn_av_form(n, ord_, i, lista)) or (
            hittat := namn_av_sammanhang(n, ord_, i, lista)
        ):
            fynd.append(Fynd("namn", hittat))
    return fynd
