"""The database's side of namnregler_kanda.py: well-known full names, feasts, names before a
passive verb of a feast or a work, a title before "är en bok", brands and products, royals'
titles, cities after "i" and a restaurant before its food, as one condition on iub_namnskal's
t, word for word the same as namnregler_kanda.kanda_ord (coalesced: a word past the text's end
is no match, as in Python)."""

from __future__ import annotations

from identitetsskydd.namnregler_kanda import (
    ARVAR,
    ENETT,
    HOGTIDER,
    KUNGLIGA,
    MATORD,
    MATSTALLEN,
    OCH_,
    PASSIV,
    PRODUKTORD,
    STADER,
    STADSPREP,
    VARUMARKEN,
    VERKSLAG,
    kanda,
)
from identitetsskydd.sql_form import _exakt, _ord
from identitetsskydd.tecken import GEMEN, VERSAL


def kanda_villkor() -> str:
    """True for a word of t that namnregler_kanda.kanda_ord skips."""
    titel = f"'^[{VERSAL}][{GEMEN}]+$'"
    namn, passiv, och = _exakt(kanda()), _ord(PASSIV), _ord(OCH_)

    def led(w: str) -> str:
        return f"(coalesce({w}, '') ~ {titel} OR coalesce({w}, '') = ANY({och}))"

    def i(w: str, lista: str) -> str:
        return f"coalesce({w}, '') = ANY({lista})"

    def ar_en(a: str, b: str, c: str) -> str:
        return f"({i(a, _ord(ARVAR))} AND {i(b, _ord(ENETT))} AND {i(c, _ord(VERKSLAG))})"

    t1, t2 = f"coalesce(t.nasta, '') ~ {titel}", f"coalesce(t.tredje, '') ~ {titel}"
    return f"""coalesce((
      (t.efter = ' ' AND t.ord || ' ' || t.nasta = ANY({namn})
          AND NOT (coalesce(t.efter2, '') = ' ' AND coalesce(t.tredje, '') ~ {titel}))
      OR (t.i >= 2 AND t.sep = ' ' AND t.fore || ' ' || t.ord = ANY({namn})
          AND NOT (t.efter = ' ' AND t.nasta ~ {titel}))
      OR t.ord = ANY({_ord(HOGTIDER | VARUMARKEN | PRODUKTORD)})
      OR (t.efter = ' ' AND t.nasta = ANY({_ord(PRODUKTORD)}))
      OR (t.ord ~ {titel} AND ({i("t.nasta", passiv)} OR ({led("t.nasta")} AND (
          {i("t.tredje", passiv)} OR ({led("t.tredje")} AND (
              {i("t.fjarde", passiv)} OR ({led("t.fjarde")} AND {i("t.femte", passiv)})))))))
      OR (t.ord ~ {titel} AND ({ar_en("t.nasta", "t.tredje", "t.fjarde")}
          OR ({t1} AND {ar_en("t.tredje", "t.fjarde", "t.femte")})
          OR ({t1} AND {t2} AND {ar_en("t.fjarde", "t.femte", "t.sjatte")})))
      OR (t.ord ~ {titel} AND ((t.fore = ANY({_ord(KUNGLIGA)}) AND t.sep = ' ')
          OR (t.forr = ANY({_ord(KUNGLIGA)}) AND t.fore ~ {titel} AND t.sep = ' '
              AND t.sep1 = ' ')))
      OR (t.ord = ANY({_ord(STADER)}) AND t.fore = ANY({_ord(STADSPREP)}) AND t.sep = ' ')
      OR (t.ord = ANY({_ord(MATSTALLEN)}) AND ({i("t.nasta", _ord(MATORD))}
          OR {i("t.tredje", _ord(MATORD))} OR {i("t.fjarde", _ord(MATORD))}
          OR {i("t.femte", _ord(MATORD))}))
    ), false)"""
