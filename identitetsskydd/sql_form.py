"""The database's share of the name rules that read a name by its form (namnregler_form.py)
and of those that were Python's only until the eleventh corpus: names in capitals, letters
Swedish does not write, a name split at a scan's line break, a group named by its member.
sql_namn.iub_namnskal joins these conditions to its own; each implies the same rule's
condition in Python, so the database is never stricter. No condition here adds a regular
expression to the function's own (PostgreSQL keeps 32 compiled per session, sql._sammanslagna)
but the shapes of a word it already has and one for the age in brackets.
"""

from __future__ import annotations

import re

from identitetsskydd.namnord import (
    AKRONYMER,
    BESITTNING,
    CITAT,
    CITAT_SVAGA,
    EFTERNAMNSSLUT,
    EJ_AGT,
    ENGELSKA_ROLLER,
    HANDLINGAR,
    INTE_NAMN,
    KONTEXT,
    NAMNVERB,
    PERSONER,
    PREPOSITIONER,
    ROLLER,
    SVENSKA_AN,
    TILLSTAND,
    TILLSTANDSORD,
)
from identitetsskydd.namnregler import NAMNBOKSTAVER
from identitetsskydd.namnregler_form import (
    CITAT_BORJAT,
    CITAT_FATT,
    CITAT_GORA,
    CITAT_HAR,
    CITAT_PARTICIP,
    CITATVERB,
    EFTERNAMNSVERB,
    FORKORTADE_TITLAR,
)
from identitetsskydd.tecken import _BOKSTAVSBLOCK, GEMEN, VERSAL


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _ord(ord_: frozenset[str]) -> str:
    """As written, capitalised and in capitals (sql_namn._ord)."""
    varianter = {v for o in ord_ for v in (o, o.capitalize(), o.upper())}
    return "ARRAY[" + ", ".join(_lit(v) for v in sorted(varianter)) + "]::text[]"


def _exakt(ord_: frozenset[str]) -> str:
    return "ARRAY[" + ", ".join(_lit(o) for o in sorted(ord_)) + "]::text[]"


def slutar(uttryck: str, slut: tuple[str, ...]) -> str:
    """Whether the text ends with one of slut, by right() per length and no expression."""
    efter_langd: dict[int, list[str]] = {}
    for s in slut:
        efter_langd.setdefault(len(s), []).append(s)
    return (
        "("
        + " OR ".join(
            f"right({uttryck}, {k}) IN ({', '.join(_lit(s) for s in sorted(v))})"
            for k, v in sorted(efter_langd.items())
        )
        + ")"
    )


def _citat(uttryck: str) -> str:
    return f"{uttryck} IN ({', '.join(_lit(c) for c in CITAT)})"


# Letters a word may have and not be read for namnregler.NAMNBOKSTAVER: the rest of BOKSTAV
# below U+0100 (every letter from U+0100 is such a letter).
_SVENSKA_BOKSTAVER = "".join(
    chr(c)
    for a, b in _BOKSTAVSBLOCK
    for c in range(a, min(b, 0xFF) + 1)
    if not re.match(NAMNBOKSTAVER, chr(c))
)


# Capitals of BOKSTAV, spelled out: a word in capitals only is one translate() removes whole
# (no expression; Python's str.isupper).
_VERSALER = "".join(chr(c) for a, b in _BOKSTAVSBLOCK for c in range(a, b + 1) if chr(c).isupper())
# An age in brackets after a word ("Zinar (12) kom"), as namnregler reads it with
# " ?\\( ?[0-9]{1,2} ?\\)": the separator up to its ")" with digits written as d.
_ALDER_I_PARENTES = ", ".join(
    _lit(f"{a}({b}{d}{c})")
    for a in ("", " ")
    for b in ("", " ")
    for c in ("", " ")
    for d in ("d", "dd")
)


def versaler(uttryck: str) -> str:
    """Three letters or more, every one a capital."""
    return f"(length({uttryck}) >= 3 AND translate({uttryck}, {_lit(_VERSALER)}, '') = '')"


def kolumner() -> str:
    """Columns of a word (in iub_namnskal's b, from a's titel and nm, its row in the list)."""
    return f"""
    a.titel AND length(a.ord) >= 5 AND right(a.ord, 2) = 'an'
      AND NOT {slutar("a.ord", SVENSKA_AN)} AS an,
    nm.namn IS NULL AS olistad,
    a.ord ~ '^[{VERSAL}][{GEMEN}]+$' AND length(a.ord) >= 6
      AND {slutar("a.ord", EFTERNAMNSSLUT)}
      AND a.ord NOT IN ('Person', 'Personen') AS efternamnsform"""


def fogar() -> str:
    """The name list joined again: the word after "och" in capitals, a word split at a line
    break (iub_namnskal's t)."""
    return f"""
  LEFT JOIN identitetsskydd_namn AS n3
    ON n3.namn = upper(left(t.tredje, 1)) || lower(substr(t.tredje, 2))
  LEFT JOIN identitetsskydd_namn AS delat
    ON t.titel AND t.efter = '- ' AND t.nasta ~ '^[{GEMEN}]{{3,}}$'
    AND delat.namn = t.ord || t.nasta AND NOT delat.tvetydig"""


def villkor(start: str) -> str:
    """The rules, as OR-ed conditions on t (one word and its neighbours)."""
    liten, stor = GEMEN, VERSAL
    prep = _ord(PREPOSITIONER)
    ej_prep = f"NOT (lower(t.fore) = ANY({prep})) AND NOT (t.fore = ANY({prep}))"
    fore_start = "(t.i = 2 OR (t.i > 2 AND translate(t.sep1, '.!?:;(-', '') <> t.sep1))"
    pronomen_efter = (
        f"(t.tredje = ANY({_exakt(PERSONER)}) OR t.fjarde = ANY({_exakt(PERSONER)})"
        f" OR t.femte = ANY({_exakt(PERSONER)}) OR t.sjatte = ANY({_exakt(PERSONER)}))"
    )
    return f"""
    OR (t.titel AND t.fornamn AND t.efter = ' ' AND t.nasta_efternamnsform AND nn.namn IS NULL
        AND NOT (t.efter2 = '-' AND t.tredje ~ '^[{liten}]'))
    OR ({start} AND t.efternamnsform AND t.olistad AND t.ord <> ALL({_ord(ROLLER)})
        AND t.efter = ' ' AND t.nasta = ANY({_exakt(EFTERNAMNSVERB)}))
    OR (t.titel AND t.fore = ANY({_ord(FORKORTADE_TITLAR)}) AND left(t.sep, 1) = '.'
        AND length(t.sep) >= 2 AND btrim(substr(t.sep, 2), ' ') = '')
    OR (t.an AND (t.efter ~ '^, ?[0-9]{{1,2}} ?,'
                  OR (t.efter ~ '^, ?[0-9]{{1,2}} ?$' AND t.nasta = 'år')))
    OR (t.titel AND {_citat("right(t.sep, 1)")}
        AND (t.i = 1 OR translate(left(t.sep, -1), '.!?:;(-', '') <> left(t.sep, -1))
        AND {_citat("left(t.efter, 1)")}
        AND ((substr(t.efter, 2) = ' ' AND t.nasta = ANY({_exakt(CITATVERB)}))
             OR (substr(t.efter, 2) = ' ' AND t.nasta = ANY({_exakt(CITAT_SVAGA)})
                 AND {pronomen_efter})
             OR (substr(t.efter, 2) IN (' (', '(') AND t.nasta IN ('kallas', 'kallad'))
             OR (substr(t.efter, 2) = ' ' AND t.nasta = ANY({_exakt(CITAT_HAR)}) AND t.efter2 = ' '
                 AND (t.tredje = ANY({_exakt(CITAT_PARTICIP)})
                      OR (t.tredje = ANY({_exakt(CITAT_BORJAT)})
                          AND t.fjarde = ANY({_exakt(CITAT_GORA)}))
                      OR (t.tredje = 'fått' AND t.fjarde = ANY({_exakt(CITAT_FATT)}))
                      OR (t.tredje = 'varit' AND t.fjarde = ANY({_exakt(TILLSTANDSORD)}))))))
    OR (t.titel AND t.fore = ANY({_ord(NAMNVERB)}) AND {fore_start} AND length(t.sep) >= 2
        AND {_citat("right(t.sep, 1)")} AND btrim(left(t.sep, -1), ' ') = '')
    OR (t.ord ~ '^[{liten}]{{3,}}$' AND t.fore = ANY({_ord(KONTEXT - {"lilla", "lille"})})
        AND t.sep = ' ' AND s.namn IS NOT NULL
        AND t.ord <> ALL({_exakt(INTE_NAMN | ROLLER | EJ_AGT | PREPOSITIONER)})
        AND t.efter = ' ' AND t.nasta = ANY({_exakt(HANDLINGAR | TILLSTAND)}))
    OR (t.fore = ANY({_ord(ENGELSKA_ROLLER)}) AND t.sep IN (',', ', ') AND t.titel
        AND length(t.ord) >= 3
        AND (left(t.efter, 1) = ',' OR (t.efter IN ('-', ' ') AND t.nasta ~ '^[{stor}][{liten}]+$'
                                        AND left(t.efter2, 1) = ',')))
    OR (t.person AND translate(left(t.efter, strpos(t.efter, ')')), '0123456789', 'dddddddddd')
                     IN ({_ALDER_I_PARENTES}))
    OR ({versaler("t.ord")} AND {start} AND s.namn IS NOT NULL
        AND t.ord <> ALL({_ord(INTE_NAMN | ROLLER)}) AND t.ord <> ALL({_exakt(AKRONYMER)})
        AND t.efter = ' ' AND t.nasta = ANY({_ord(HANDLINGAR)}))
    OR ({versaler("t.ord")} AND s.namn IS NOT NULL AND NOT s.tvetydig
        AND t.ord <> ALL({_exakt(AKRONYMER)}) AND t.efter = ' '
        AND ((NOT {start} AND {ej_prep} AND t.nasta = ANY({_exakt(HANDLINGAR)}))
             OR ({start} AND t.nasta IN ('och', 'Och', 'OCH')
                 AND ((n3.namn IS NOT NULL AND t.fjarde = ANY({_ord(HANDLINGAR | TILLSTAND)}))
                      OR t.tredje = ANY({_ord(BESITTNING)})))))
    OR (t.titel AND translate(t.ord, {_lit(_SVENSKA_BOKSTAVER)}, '') <> '' AND {ej_prep}
        AND NOT (t.efter = '-' AND t.nasta ~ '^[{liten}]')
        AND NOT (t.efter = ' ' AND right(t.nasta, 3) IN ('des', 'tes')))
    OR (t.kand AND t.fore = 'med' AND (right(t.forr, 5) = 'grupp' OR right(t.forr, 7) = 'gruppen')
        AND t.sep = ' ' AND NOT (t.efter = '-' AND t.nasta ~ '^[{liten}]'))
    OR delat.namn IS NOT NULL
    OR (t.ord ~ '^[{stor}][{liten}]+$' AND t.fornamn AND t.efter = '-' AND t.nasta_titel
        AND nn.fornamn)"""
