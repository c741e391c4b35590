"""Names read by their form where the name list does not know them (14 kap. 4–5 §§ SoL): a
surname's ending, a foreign name in -an, a nickname in quotes at a sentence's start, a title
with its dot. namnregler.namnfynd asks these after its own rules; sql_namn.iub_namnskal holds
the same conditions, never more.
"""

from __future__ import annotations

import re

from identitetsskydd.namnord import (
    CITAT,
    CITAT_SVAGA,
    EFTERNAMNSSLUT,
    EJ_AGT,
    HANDLINGAR,
    INTE_NAMN,
    KONTEXT,
    NAMNVERB,
    PERSONER,
    PREPOSITIONER,
    PRONOMEN,
    ROLLER,
    SAGEVERB,
    SVENSKA_AN,
    TILLSTAND,
    TILLSTANDSORD,
    Namnlista,
)

# A title written with its dot: "Mr. Okonkwo", "hr. Lind" (namnord.TITLAR without a dot).
FORKORTADE_TITLAR = frozenset(["mr", "mrs", "ms", "hr", "frk"])
# What a person does, said right after a nickname in quotes without a pronoun to show it
# ("”Tupac” kom in"); the weak verbs a group or a project in quotes does too need one.
CITATVERB = (HANDLINGAR | TILLSTAND) - CITAT_SVAGA
# After a nickname in quotes and "har"/"hade", what a person has done, not a group or a project
# ("”Kex” har slutat komma", "”Snobben” har varit borta", not "”Andrum” har haft nio träffar"):
# these participles alone, "slutat"/"börjat" before what a person does, "fått" before what a
# person gets and "varit" before how a person is.
CITAT_PARTICIP = frozenset(
    """
    skrivit ringt messat mejlat druckit rökt sovit gråtit berättat sagt hotat slagit bott
    frågat mått pratat hängt åkt försvunnit bråkat stulit ätit sprungit rymt grälat snattat
    skolkat supit knarkat
    """.split()
)
CITAT_BORJAT = frozenset(["slutat", "börjat"])
CITAT_GORA = frozenset(
    "komma gå hänga dricka röka skolka jobba plugga träna äta sova svara ringa prata".split()
)
CITAT_FATT = frozenset("jobb lägenhet bostad barn sparken straff praktik".split())
CITAT_HAR = frozenset(["har", "hade"])
# What a surname at a sentence's start does ("Dickfors hörde av sig"): what people do, not the
# verbs a place or a unit named so does too ("Stockholm kunde inte ta emot").
EFTERNAMNSVERB = HANDLINGAR - frozenset(
    ["har", "hade", "kan", "kunde", "fick", "skulle", "kommer", "hann"]
)
# What a surname ending does not make a surname: nouns that end so.
_EJ_EFTERNAMN = frozenset(["person", "personen"])
_PUNKT = re.compile(r"[.!?:;(\-]")


def skrivet_som_namn(o: str) -> bool:
    """Capitalised, then small letters (as namnregler._kan_vara_namn without its lists)."""
    return o[:1].isupper() and o[1:].islower()


def efternamn_till_formen(o: str) -> bool:
    """An unknown capitalised word shaped as a surname: "Dickfors", "Jovanović"."""
    return (
        skrivet_som_namn(o)
        and o.lower().endswith(EFTERNAMNSSLUT)
        and len(o) >= 6
        and o.lower() not in _EJ_EFTERNAMN
    )


def namn_pa_an(o: str) -> bool:
    """A capitalised word in -an that no Swedish noun or adverb ends so: "Siobhan", "Warsan"
    (not "Kvinnan", "Skolan", "Sedan"). Read only where a person is certain: before a verb of
    saying and a personal pronoun, with an age in commas."""
    lagt = o.lower()
    return (
        skrivet_som_namn(o)
        and len(o) >= 5
        and lagt.endswith("an")
        and not lagt.endswith(SVENSKA_AN)
        and lagt not in INTE_NAMN | ROLLER
    )


def _har_gjort(ord_: list[re.Match[str]], i: int) -> bool:
    """After "har"/"hade" at word i + 1: what a person has done (CITAT_PARTICIP)."""
    tredje = ord_[i + 2].group() if i + 2 < len(ord_) else ""
    fjarde = ord_[i + 3].group() if i + 3 < len(ord_) else ""
    return (
        tredje in CITAT_PARTICIP
        or (tredje in CITAT_BORJAT and fjarde in CITAT_GORA)
        or (tredje == "fått" and fjarde in CITAT_FATT)
        or (tredje == "varit" and fjarde in TILLSTANDSORD)
    )


def namn_av_form(n: str, ord_: list[re.Match[str]], i: int, lista: Namnlista) -> str | None:
    """The name found at word i by its form, or None. Each rule with its example."""
    m = ord_[i]
    o = m.group()
    fore = n[ord_[i - 1].end() if i else 0 : m.start()]
    foregaende = ord_[i - 1].group().lower() if i else ""
    nasta = ord_[i + 1].group() if i + 1 < len(ord_) else ""
    tredje = ord_[i + 2].group() if i + 2 < len(ord_) else ""
    efter = n[m.end() : ord_[i + 1].start()] if nasta else n[m.end() :]
    efter2 = n[ord_[i + 1].end() : ord_[i + 2].start()] if tredje else ""
    meningsstart = not i or bool(_PUNKT.search(fore))
    # The word before as a sentence's start: "Kallas ”Snusen”".
    fore_start = i == 1 or (
        i > 1 and bool(_PUNKT.search(n[ord_[i - 2].end() : ord_[i - 1].start()]))
    )
    titel = skrivet_som_namn(o) and o.lower() not in INTE_NAMN | ROLLER
    if (
        titel
        and o in lista.fornamn
        and efter == " "
        and efternamn_till_formen(nasta)
        and nasta not in lista.alla
        and not (efter2 == "-" and tredje[:1].islower())
    ):
        return f"{o} {nasta}"  # Marina Dickfors
    if (
        meningsstart
        and efternamn_till_formen(o)
        and o not in lista.alla
        and o.lower() not in ROLLER
        and efter == " "
        and nasta in EFTERNAMNSVERB
    ):
        return o  # Dickfors ringde igen
    if titel and foregaende in FORKORTADE_TITLAR and re.fullmatch(r"\. +", fore):
        return o  # Mr. Okonkwo
    if (
        meningsstart
        and namn_pa_an(o)
        and efter == " "
        and nasta in SAGEVERB
        and any(w.group() in PRONOMEN for w in ord_[i + 2 : i + 6])
    ):
        return o  # Siobhan berättade att hon
    if namn_pa_an(o) and re.match(r", ?[0-9]{1,2} ?(?:år|,)", n[m.end() :]):
        return o  # Warsan, 34, tre barn
    if (
        titel
        and fore[-1:] in CITAT
        and (not i or _PUNKT.search(fore[:-1]))
        and efter[:1] in CITAT
        and (
            (efter[1:] == " " and nasta in CITATVERB)
            or (
                efter[1:] == " "
                and nasta in CITAT_SVAGA
                and any(w.group() in PERSONER for w in ord_[i + 2 : i + 6])
            )
            or (efter[1:] in (" (", "(") and nasta in ("kallas", "kallad"))
            or (efter[1:] == " " and nasta in CITAT_HAR and efter2 == " " and _har_gjort(ord_, i))
        )
    ):
        # ”Tupac” kom in, ”Lillen” var där, han …; "Gypsy" (kallas så); ”Kex” har slutat komma
        return o
    if (
        titel
        and foregaende in NAMNVERB
        and fore_start
        and len(fore) >= 2
        and fore[-1:] in CITAT
        and not fore[:-1].strip(" ")
    ):
        return o  # Kallas ”Snusen”, bor i tält
    if (
        o.islower()
        and foregaende in KONTEXT - {"lilla", "lille"}  # "lilla björn var": a story's
        and fore == " "
        and o.capitalize() in lista.alla
        and o not in INTE_NAMN | ROLLER | EJ_AGT | PREPOSITIONER
        and efter == " "
        and nasta in HANDLINGAR | TILLSTAND
    ):
        return o  # lillasyster tindra fick följa med
    return None
