"""The database's side of namnregler_sammanhang.py: names read from the words around them
(an English sentence's subject, a name that is also a word before what a person does, "kallade
sig ”Lillis”", "Nuorgám-familjen", "det är jag, Kalle,", "Nova i F11", "Ibbe kom full", "Mr
McDonagh"), as OR-ed conditions on iub_namnskal's t. Each implies the same rule's condition in
Python, so the database is never stricter. Only the shape of a capitalised word, an expression
iub_namnskal already has, is read with a regular expression (sql._sammanslagna).
"""

from __future__ import annotations

from identitetsskydd.namnord import (
    GRADORD,
    LOKALSLUT,
    PRONOMEN,
    SAGEVERB,
    TILLSTAND,
    TITLAR,
    VARA,
)
from identitetsskydd.namnregler_sammanhang import (
    ENGELSKA_EJ_NAMN,
    ENGELSKA_PRONOMEN,
    ENGELSKA_VERB,
    FAMILJ,
    KALLA,
    KALLAR_EJ,
    LAG,
    PERSON_EFTER,
    PERSONTILLSTAND,
)
from identitetsskydd.sql_form import _exakt, _lit, _ord, slutar
from identitetsskydd.tecken import GEMEN, VERSAL

_AZ = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _nagon_av(ord_: frozenset[str]) -> str:
    """One of the four words after the next is one of ord_ (namnregler_sammanhang's foljande)."""
    lista = _exakt(ord_)
    return (
        f"(t.tredje = ANY({lista}) OR t.fjarde = ANY({lista}) OR t.femte = ANY({lista})"
        f" OR t.sjatte = ANY({lista}))"
    )


def _mc(prefix: str) -> str:
    """namnregler_sammanhang._MC without an expression: the prefix, a capital A–Z, then two
    small letters a–z or more."""
    k = len(prefix)
    return (
        f"(left(t.ord, {k}) = {_lit(prefix)} AND length(t.ord) >= {k + 3}"
        f" AND translate(substr(t.ord, {k + 1}, 1), {_lit(_AZ)}, '') = ''"
        f" AND translate(substr(t.ord, {k + 2}), {_lit(_AZ.lower())}, '') = '')"
    )


def kallar(vem: str) -> str:
    """namnregler_sammanhang._kallar_person: no group calls itself so."""
    slut = slutar(f"lower({vem})", (*LOKALSLUT, "na"))
    return f"(NOT ({vem} = ANY({_ord(KALLAR_EJ)})) AND NOT {slut})"


def sammanhang(start: str) -> str:
    titel = f"'^[{VERSAL}][{GEMEN}]+$'"
    citat = "('\"', '”', '“', '''', '»')"
    mellanslag = (
        "((t.sep <> '' AND btrim(t.sep, ' ') = '') OR (length(t.sep) >= 2"
        f" AND btrim(left(t.sep, -1), ' ') = '' AND right(t.sep, 1) IN {citat}))"
    )
    siffror = "'0123456789'"
    return f"""
    OR ({start} AND t.titel AND (t.kand OR t.okand)
        AND lower(t.ord) <> ALL({_exakt(ENGELSKA_EJ_NAMN)}) AND t.efter = ' '
        AND t.nasta = ANY({_exakt(ENGELSKA_VERB)}) AND {_nagon_av(ENGELSKA_PRONOMEN)})
    OR ({start} AND t.kand AND t.efter = ' ' AND t.nasta = ANY({_exakt(TILLSTAND - VARA)})
        AND {_nagon_av(PERSON_EFTER)})
    OR ({start} AND t.okand AND t.efter = ' ' AND t.nasta = 'kom' AND t.efter2 = ' '
        AND (t.tredje = ANY({_exakt(PERSONTILLSTAND)})
             OR (t.tredje = ANY({_exakt(GRADORD)}) AND t.fjarde = ANY({_exakt(PERSONTILLSTAND)}))))
    OR (t.titel AND {mellanslag}
        AND ((t.fore = 'sig' AND t.forr = ANY({_exakt(KALLA)}) AND {kallar("t.forrr")})
             OR (t.fore = 'för' AND t.forr = 'sig' AND t.forrr = ANY({_exakt(KALLA)})
                 AND {kallar("t.forrrr")})))
    OR ((t.entydig OR (t.okand AND t.olistad)) AND t.efter = '-'
        AND t.nasta = ANY({_exakt(FAMILJ)}) AND left(t.efter2, 1) <> '-')
    OR (t.fore IN ('jag', 'Jag') AND t.sep IN (', ', ',') AND t.kand AND left(t.efter, 1) = ',')
    OR (t.kand AND t.efter = ' ' AND t.nasta = 'i' AND t.efter2 = ' '
        AND t.tredje = ANY({_exakt(frozenset(LAG))}) AND length(t.efter3) >= 2
        AND translate(left(t.efter3, 2), {siffror}, '') = ''
        AND translate(substr(t.efter3, 3, 1), {siffror}, '') = substr(t.efter3, 3, 1))
    OR ({start} AND t.ord ~ '^[{GEMEN}]{{3,}}$' AND s.fornamn AND t.efter = '-'
        AND t.efter2 = ' ' AND t.tredje = ANY({_exakt(SAGEVERB)})
        AND (t.fjarde = ANY({_exakt(PRONOMEN)}) OR t.femte = ANY({_exakt(PRONOMEN)})
             OR t.sjatte = ANY({_exakt(PRONOMEN)})))
    OR (t.fore = ANY({_ord(TITLAR)}) AND t.sep = ' '
        AND ({_mc("Mc")} OR {_mc("Mac")}
             OR (t.ord = 'O' AND t.efter IN ('''', '’') AND t.nasta ~ {titel}
                 AND length(t.nasta) >= 3)))"""
