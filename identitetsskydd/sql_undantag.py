"""The database's side of namnregler_undantag.py: the words that no rule may read as a
person's name (a diagnosis, a saint, a business in the English genitive, a name joined to a
word, a pet, a work's characters before "ur"), as one condition on iub_namnskal's t. It is the
same condition word for word, so the database skips at least what Python skips and is never
stricter. Only the shape of a capitalised word, an expression iub_namnskal already has, is
read with a regular expression (PostgreSQL keeps 32 compiled per session, sql._sammanslagna).
"""

from __future__ import annotations

from identitetsskydd.namnord import LOKALER, NAMNVERB
from identitetsskydd.namnregler_undantag import (
    DIAGNOSORD,
    GENITIV_FORETAG,
    HELGON,
    OCH,
    SOM,
    UR,
    VERK_UR,
)
from identitetsskydd.sql_form import _ord
from identitetsskydd.sql_kanda import kanda_villkor
from identitetsskydd.tecken import GEMEN, VERSAL


def undantag() -> str:
    """True for a word of t that namnregler_undantag.undantagna skips."""
    titel = f"'^[{VERSAL}][{GEMEN}]+$'"
    liten = f"'^[{GEMEN}]'"
    # The word i + 2 is iub_namnskal's added last word when word i + 1 ends the text.
    slut = "t.i + 2 = t.sista"
    return f"""(
      (t.efter = ' ' AND t.nasta = ANY({_ord(DIAGNOSORD)}))
      OR (t.fore = ANY({_ord(HELGON)}) AND t.sep IN (' ', '. '))
      OR (t.fore = 't' AND t.sep = ' ' AND t.forr IN ('S', 's') AND t.sep1 = ':')
      OR (t.efter IN ('''', '’') AND t.nasta = 's'
          AND ({slut} OR t.tredje ~ {titel} OR t.tredje = ANY({_ord(GENITIV_FORETAG)})))
      OR (t.i >= 2 AND t.sep = ' ' AND t.fore ~ {titel} AND t.ord ~ {titel}
          AND t.efter = '-' AND t.nasta ~ {liten})
      OR (t.efter = ' ' AND t.ord ~ {titel} AND t.nasta ~ {titel} AND t.efter2 = '-'
          AND t.tredje ~ {liten})
      OR (t.fore = ANY({_ord(NAMNVERB)}) AND (t.forr = ANY({_ord(LOKALER)})
          OR (t.forr = ANY({_ord(SOM)}) AND t.forrr = ANY({_ord(LOKALER)}))))
      OR (t.nasta = ANY({_ord(UR)}) AND (t.tredje ~ {titel} OR t.tredje = ANY({_ord(VERK_UR)})))
      OR (t.nasta = ANY({_ord(OCH)}) AND t.tredje ~ {titel} AND t.fjarde = ANY({_ord(UR)})
          AND (t.femte ~ {titel} OR t.femte = ANY({_ord(VERK_UR)})))
      OR {kanda_villkor()}
    )"""
