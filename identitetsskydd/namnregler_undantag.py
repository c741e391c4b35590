"""Words that are no one's name whatever rule would read them so (14 kap. 4–5 §§ SoL): a
diagnosis named after its doctor ("Downs syndrom"), a saint ("St. Patrick's Day"), a business
in the English genitive ("McDonald's"), a person's name joined to a word ("Björn
Borg-strumpor"), a pet's name ("en hund som heter Sixten") and a work's characters before
"ur" ("Elsa och Anna ur Frost"). granskning.grundfynd and namnregler.namnfynd skip these words
as they skip a work's (namnregler.i_verk); sql_undantag.undantag() is the same condition in
the database, word for word, so the database never refuses what Python lets pass.
"""

from __future__ import annotations

import re

from identitetsskydd.namnord import EJ_AGT, LOKALER, NAMNVERB, PREPOSITIONER
from identitetsskydd.namnregler_kanda import kanda_ord
from identitetsskydd.tecken import GEMEN, SAMMANSATT, VERSAL, ord_och_mellanrum


def varianter(ord_: frozenset[str]) -> frozenset[str]:
    """As written, capitalised and in capitals: how the database compares (sql_form._ord)."""
    return frozenset(v for o in ord_ for v in (o, o.capitalize(), o.upper()))


# A diagnosis or a disease named after a person: "Downs syndrom", "Alzheimers sjukdom".
DIAGNOSORD = frozenset("syndrom syndromet sjukdom sjukdomen sjuka sjukan".split())
# A saint's name names a day, a church or a street: "St. Patrick's Day", "Sankt Hans", "S:t
# Erik" (the "t" of "S:t" is its own word).
HELGON = frozenset("st sankt sankta saint santa".split())
# After a name in the English genitive these show a business or a day, not what someone has:
# "åt på McDonald's efter bowlingen" ("Ngozi's daughter" is a person).
GENITIV_FORETAG = EJ_AGT | PREPOSITIONER | frozenset("efter före".split())
# A work's characters before "ur" and the work, by its title or as a book or a film: "Elsa
# och Anna ur Frost", "Emil ur boken" (not "Anna ur gruppen": a group has members).
UR = frozenset(["ur"])
VERK_UR = frozenset(
    """
    boken böckerna filmen filmerna sagan sagorna berättelsen berättelserna pjäsen serien
    serierna spelet
    """.split()
)
OCH = frozenset(["och", "o"])
SOM = frozenset(["som"])
TITELFORM = re.compile(f"[{VERSAL}][{GEMEN}]+")


def _titelform(o: str) -> bool:
    return bool(TITELFORM.fullmatch(o))


def undantagna(n: str, ord_: list[re.Match[str]]) -> set[int]:
    """The indices of the words in ord_ that no rule may read as a person's name."""
    diagnos, helgon = varianter(DIAGNOSORD), varianter(HELGON)
    foretag, verk = varianter(GENITIV_FORETAG), varianter(VERK_UR)
    ur, och, som = varianter(UR), varianter(OCH), varianter(SOM)
    namnverb, lokaler = varianter(NAMNVERB), varianter(LOKALER)
    ut: set[int] = kanda_ord(n, ord_)

    w, sep = ord_och_mellanrum(n, ord_)

    for i in range(len(ord_)):
        o, nasta, tredje = w(i), w(i + 1), w(i + 2)
        efter = sep(i + 1)
        if efter == " " and nasta in diagnos:
            ut.add(i)  # Downs syndrom
        if (w(i - 1) in helgon and sep(i) in (" ", ". ")) or (
            w(i - 1) == "t" and sep(i) == " " and w(i - 2) in ("S", "s") and sep(i - 1) == ":"
        ):
            ut.add(i)  # St. Patrick, S:t Erik
        if (
            efter in ("'", "’")
            and nasta == "s"
            and (not tredje or _titelform(tredje) or tredje in foretag)
        ):
            ut.add(i)  # McDonald's efter bowlingen, St. Patrick's Day
        if (
            i >= 1
            and sep(i) == " "
            and _titelform(w(i - 1))
            and _titelform(o)
            and re.match(SAMMANSATT, n[ord_[i].end() :])
        ):
            ut.update((i - 1, i))  # Björn Borg-strumpor, Viktor Rydberg-gymnasiet
        if w(i - 1) in namnverb and (
            w(i - 2) in lokaler or (w(i - 2) in som and w(i - 3) in lokaler)
        ):
            ut.add(i)  # en hund som heter Sixten, katten heter Findus
        if (nasta in ur and (_titelform(tredje) or tredje in verk)) or (
            nasta in och
            and _titelform(tredje)
            and w(i + 3) in ur
            and (_titelform(w(i + 4)) or w(i + 4) in verk)
        ):
            ut.add(i)  # Elsa och Anna ur Frost
    return ut
