"""Names read from the words around them where the other rules do not (14 kap. 4–5 §§ SoL):
an English sentence's subject before a verb and a pronoun, a name that is also a word before
what a person does and a pronoun, "kallade sig ”Lillis”", "Nuorgám-familjen", "det är jag,
Kalle,", a player in a team's year ("Nova i F11"), an unknown name that came drunk, a first
name in small letters joined to a nickname's ending ("ebba-lo sa att hon"), and surnames in
Mc, Mac and O' after a title. namnregler.namnfynd asks these last; sql_sammanhang.sammanhang()
holds the same conditions for the database, never more.
"""

from __future__ import annotations

import re

from identitetsskydd.namnord import (
    ENGELSKA_ORD,
    ENGELSKA_ROLLER,
    GRADORD,
    INTE_NAMN,
    LOKALER,
    LOKALSLUT,
    OVANLIGA_SLUT,
    PREPOSITIONER,
    PRONOMEN,
    ROLLER,
    SAGEVERB,
    TILLSTAND,
    TITLAR,
    VARA,
    Namnlista,
)
from identitetsskydd.namnregler_form import skrivet_som_namn
from identitetsskydd.namnregler_undantag import varianter
from identitetsskydd.tecken import ord_och_mellanrum

# What an English sentence's subject says or does, and the pronouns that show it is a person:
# "Saoirse said she", "Precious came with her baby".
ENGELSKA_VERB = frozenset(
    """
    said says told tells asked asks cried cries came comes brought brings called calls wants
    wanted needs needed lives lived left leaves felt feels stayed arrived has had was is
    """.split()
)
ENGELSKA_PRONOMEN = frozenset("she he her his him herself himself".split())
# Not the subject's name, though capitalised at a sentence's start: the English words of the
# name list, roles and who is no one in particular ("Staff said she", "Everyone said his").
ENGELSKA_EJ_NAMN = (
    ENGELSKA_ORD
    | ENGELSKA_ROLLER
    | frozenset(
        """
        staff everyone everybody someone somebody nobody anyone anybody people parents parent
        teacher teachers mum mom dad nurse doctor counsellor counselor it this that there
        """.split()
    )
)
# After a name that is also a word and what a person does ("Linnea satt", "Viking slogs"):
# these show a person did it ("med sin telefon", "med en annan kille").
PERSON_EFTER = PRONOMEN | frozenset("kille tjej".split())
# How a person came: "Ibbe kom full" (not how staff or a thing came: "Personal kom trött").
PERSONTILLSTAND = frozenset("full berusad packad påverkad hög nykter ledsen arg upprörd".split())
# "hon kallade sig ”Lillis”", "han kallar sig för Kungen"; not when a group does ("de kallar
# sig för Gänget", "Tjejgruppen kallar sig Luna").
KALLA = frozenset("kalla kallar kallade kallat".split())
KALLAR_EJ = frozenset("de dom vi ni".split()) | LOKALER | PREPOSITIONER
# "Nuorgám-familjen": a family named by its surname joined to the word.
FAMILJ = frozenset("familjen familjens släkten syskonen".split())
# A player by the team of the year of birth: "Nova i F11", "Melvin i P12".
LAG = ("P", "F")
# Surnames written with a capital inside: "Mr McDonagh", "fru MacLeod", "Mr O'Neill".
_MC = re.compile("(?:Mc|Mac)[A-Z][a-z]{2,}")


def gaeliskt(o: str, efter: str, nasta: str) -> bool:
    """A surname in Mc or Mac with its capital inside, or O' and a capitalised name."""
    return bool(_MC.fullmatch(o)) or (
        o == "O" and efter in ("'", "’") and skrivet_som_namn(nasta) and len(nasta) >= 3
    )


def _kallar_person(vem: str) -> bool:
    """Who calls themself so is no group: not "de", "vi", a group's or a room's word, nor a
    noun in the definite plural ("Föräldrarna kallar sig för Nätverket")."""
    return vem not in varianter(KALLAR_EJ) and not vem.lower().endswith((*LOKALSLUT, "na"))


def namn_av_sammanhang(n: str, ord_: list[re.Match[str]], i: int, lista: Namnlista) -> str | None:
    """The name found at word i by the words around it, or None. Each rule with its example."""

    w, sep = ord_och_mellanrum(n, ord_)

    o, nasta, tredje = w(i), w(i + 1), w(i + 2)
    efter, efter2, fore = sep(i + 1), sep(i + 2), sep(i)
    meningsstart = not i or bool(re.search(r"[.!?:;\"”(\-]", fore))
    titel = skrivet_som_namn(o) and o.lower() not in INTE_NAMN | ROLLER
    kand = titel and o in lista.alla
    okand = titel and len(o) >= 3 and not o.lower().endswith(OVANLIGA_SLUT)
    foljande = [w(k) for k in range(i + 2, i + 6)]
    if (
        meningsstart
        and titel
        and (kand or okand)
        and o.lower() not in ENGELSKA_EJ_NAMN
        and efter == " "
        and nasta in ENGELSKA_VERB
        and any(f in ENGELSKA_PRONOMEN for f in foljande)
    ):
        return o  # Saoirse said she, Precious came with her baby
    if (
        meningsstart
        and kand
        and efter == " "
        and nasta in TILLSTAND - VARA
        and any(f in PERSON_EFTER for f in foljande)
    ):
        return o  # Linnea satt med sin telefon, Viking slogs med en annan kille
    if (
        meningsstart
        and okand
        and efter == " "
        and nasta == "kom"
        and efter2 == " "
        and (tredje in PERSONTILLSTAND or (tredje in GRADORD and w(i + 3) in PERSONTILLSTAND))
    ):
        return o  # Ibbe kom full
    if (
        titel
        and re.fullmatch(" +[\"”“'»]?", fore)
        and (
            (w(i - 1) == "sig" and w(i - 2) in KALLA and _kallar_person(w(i - 3)))
            or (
                w(i - 1) == "för"
                and w(i - 2) == "sig"
                and w(i - 3) in KALLA
                and _kallar_person(w(i - 4))
            )
        )
    ):
        return o  # hon kallade sig ”Lillis”, han kallar sig för Kungen
    if (
        (o in lista.entydiga or (okand and o not in lista.alla))
        and efter == "-"
        and nasta in FAMILJ
        and not efter2.startswith("-")  # not "Hela-familjen-dagen"
    ):
        return f"{o}-{nasta}"  # Nuorgám-familjen (not "Ica-familjen", a shop's staff)
    if w(i - 1) in ("jag", "Jag") and fore in (", ", ",") and kand and efter[:1] == ",":
        return o  # det är jag, Kalle, jag orkar inte
    if kand and efter == " " and nasta == "i" and efter2 == " " and tredje in LAG:
        efter3 = sep(i + 3)
        siffror = "0123456789"
        if (
            len(efter3) >= 2
            and all(c in siffror for c in efter3[:2])
            and not (efter3[2:3] and efter3[2:3] in siffror)
        ):
            return o  # Nova i F11
    if (
        meningsstart
        and o.islower()
        and len(o) >= 3
        and o.capitalize() in lista.fornamn
        and efter == "-"
        and efter2 == " "
        and tredje in SAGEVERB
        and any(w(k) in PRONOMEN for k in range(i + 3, i + 6))
    ):
        return f"{o}-{nasta}"  # ebba-lo sa att hon: a first name and a nickname's ending
    if w(i - 1) in varianter(TITLAR) and fore == " " and gaeliskt(o, efter, nasta):
        return o  # Mr McDonagh, fru O'Neill
    return None
