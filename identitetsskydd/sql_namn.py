"""The database's name rules (14 kap. 4–5 §§ SoL): iub_namnskal, the part of
namnregler.namnfynd that SQL can express, and iub_webbskal, a web address named after a person.
sql.funktioner installs them with the patterns."""

from __future__ import annotations

from identitetsskydd.granskning import VIKNING, VOKALER, WEBBADRESS
from identitetsskydd.namnord import (
    BESITTNING,
    EJ_AGT,
    EJ_AVSTAVNING,
    ENGELSKA_ROLLER,
    ENGELSKA_SLUT,
    GRADORD,
    HANDLINGAR,
    INTE_NAMN,
    KONTEXT,
    LOKALER,
    LOKALSLUT,
    NAMNVERB,
    OBJEKTLED,
    OBJEKTVERB,
    OVANLIGA_SLUT,
    PERSONER,
    PLATSORD,
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
)
from identitetsskydd.sql_form import _exakt, _lit, _ord, fogar, kolumner, slutar, villkor
from identitetsskydd.sql_sammanhang import sammanhang
from identitetsskydd.sql_undantag import undantag
from identitetsskydd.tecken import BOKSTAV, GEMEN, VERSAL


def namnskal() -> str:
    """Names read in context, the part of namnregler.namnfynd that SQL can express: every
    condition here implies the same rule's condition there, so the database is never stricter
    than Python (tests/identitetsskydd/test_databasen.py runs the corpus through both)."""
    stor, liten = VERSAL, GEMEN
    # Separators are compared without regular expressions where they can: PostgreSQL keeps
    # 32 compiled expressions per session (see _sammanslagna), and these run on every word.
    start = "(t.i = 1 OR translate(t.sep, '.!?:;\"”(-', '') <> t.sep)"
    mellanslag = "(t.sep <> '' AND btrim(t.sep, ' ') = '')"  # '^ +$'
    ovanlig = "(" + "|".join(OVANLIGA_SLUT) + ")$"  # namnregler._okant_namn
    roller = _exakt(ROLLER)
    platsord = _exakt(PLATSORD | {o.capitalize() for o in PLATSORD})
    # namnregler.namnfynd's genitive: not before an English noun (no expression: right()).
    engelska = " OR ".join(f"right(t.nasta, {len(e)}) = {_lit(e)}" for e in sorted(ENGELSKA_SLUT))
    # namnregler._utskrivna: an abbreviation (namnord.FORKORTNING: A–Z, by translate and not
    # an expression) and the words in brackets after it that spell it out, one initial each;
    # joined on equal positions (generate_series), so a text of many stays linear.
    versaler = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    # namnregler.i_verk: a work's characters or a theme, up to three words after its word.
    verkord, led = _ord(VERKORD), _exakt(VERKLED)

    def sep_ok(sep: str) -> str:
        return f"replace({sep}, ' ', '') IN ('', ',', ':')"

    def verkord_(w: str, fore: str) -> str:
        # namnregler.i_verk's word of a work, or a word starting as one ("Temakväll"),
        # lower-cased with the Swedish capitals folded first (as Python's lower()), or "på"
        # after watching ("tittar på Bluey")
        lagt = f"lower(translate({w}, 'ÅÄÖ', 'åäö'))"
        prefix = " OR ".join(f"left({lagt}, {len(p)}) = {_lit(p)}" for p in VERKPREFIX)
        titta = f"({w} IN ('på', 'På', 'PÅ') AND {fore} = ANY({_ord(TITTA)}))"
        return f"({w} = ANY({verkord}) OR {prefix} OR {titta})"

    verk = (
        f"({sep_ok('t.sep')} AND ({verkord_('t.fore', 't.forr')} OR ((t.fore = ANY({led})"
        f" OR t.fore_titel) AND {sep_ok('t.sep1')} AND ({verkord_('t.forr', 't.forrr')}"
        f" OR ((t.forr = ANY({led}) OR t.forr_titel) AND {sep_ok('t.sep2')}"
        f" AND {verkord_('t.forrr', 't.forrrr')})))))"
    )
    # A signature at the end: a slash or two after a space or the start ("… idag /Sanna").
    snedstreck = "rtrim(rtrim(t.sep, ' '), '/')"
    signatur = (
        f"(t.titel AND t.i = t.sista - 1 AND btrim(t.efter, ' .!') = ''"
        f" AND length(rtrim(t.sep, ' ')) - length({snedstreck}) BETWEEN 1 AND 2"
        f" AND ({snedstreck} = '' OR right({snedstreck}, 1) = ' '))"
    )
    # "Saga 8 år": a listed name, a space, an age of one or two digits and "år".
    alder = (
        "(t.kand AND left(t.efter, 1) = ' ' AND right(t.efter, 1) = ' '"
        " AND length(t.efter) IN (3, 4)"
        " AND translate(substr(t.efter, 2, length(t.efter) - 2), '0123456789', '') = ''"
        " AND t.nasta = 'år')"
    )
    return f"""
CREATE OR REPLACE FUNCTION iub_namnskal(n text) RETURNS boolean
LANGUAGE sql STABLE AS $$
WITH o AS (
  SELECT x.m[1] AS sep, x.m[2] AS ord, x.i
  FROM regexp_matches(n || ' x', {_lit(f"([^{BOKSTAV}]*)([{BOKSTAV}]+)")}, 'g')
    WITH ORDINALITY AS x(m, i)
), f AS (
  SELECT x.i, x.ord, length(x.ord) AS k FROM o AS x JOIN o AS y ON y.i = x.i + 1
  WHERE length(x.ord) BETWEEN 2 AND 6 AND translate(x.ord, '{versaler}', '') = ''
    AND y.sep IN (' (', '(')
), u AS (
  SELECT g.i FROM (
    SELECT f.i AS f, f.k, f.ord, count(*) AS antal,
      upper(string_agg(left(w.ord, 1), '' ORDER BY w.i)) AS initialer,
      bool_and(w.i = f.i + 1 OR w.sep = ' ') AS mellanslag
    FROM f CROSS JOIN LATERAL generate_series(f.i + 1, f.i + f.k) AS s(i)
    JOIN o AS w ON w.i = s.i
    GROUP BY f.i, f.k, f.ord
  ) AS h
  JOIN o AS e ON e.i = h.f + h.k + 1 AND left(e.sep, 1) = ')'
  CROSS JOIN LATERAL generate_series(h.f + 1, h.f + h.k) AS g(i)
  WHERE h.antal = h.k AND h.initialer = h.ord AND h.mellanslag
), a AS (
  SELECT o.*,
    (o.ord ~ '^[{stor}][{liten}]+$' AND o.ord <> ALL({_ord(INTE_NAMN | ROLLER)})) AS titel,
    upper(left(o.ord, 1)) || lower(substr(o.ord, 2)) AS stor
  FROM o
), b AS (
  SELECT a.*, nm.namn IS NOT NULL AND a.titel AS kand, coalesce(nm.fornamn, false) AS fornamn,
    nm.namn IS NOT NULL AND NOT nm.tvetydig AS entydig,
    a.titel AND length(a.ord) >= 3 AND a.ord !~ {_lit(ovanlig)} AS okand,{kolumner()}
  FROM a LEFT JOIN identitetsskydd_namn AS nm ON nm.namn = a.ord
), t AS (
  SELECT b.*, b.kand OR b.okand AS person,
    coalesce(lag(b.ord) OVER w, '') AS fore,
    coalesce(lag(b.ord, 2) OVER w, '') AS forr,
    coalesce(lag(b.ord, 3) OVER w, '') AS forrr,
    coalesce(lag(b.ord, 4) OVER w, '') AS forrrr,
    lead(b.ord) OVER w AS nasta, lead(b.sep) OVER w AS efter, lead(b.titel) OVER w AS nasta_titel,
    lead(b.ord, 2) OVER w AS tredje, lead(b.sep, 2) OVER w AS efter2,
    lead(b.titel, 2) OVER w AS tredje_titel, lead(b.ord, 3) OVER w AS fjarde,
    lead(b.okand) OVER w AS nasta_okand, lead(b.okand, 2) OVER w AS tredje_okand,
    lead(b.sep, 3) OVER w AS efter3, lead(b.ord, 4) OVER w AS femte,
    lead(b.ord, 5) OVER w AS sjatte, lead(b.efternamnsform) OVER w AS nasta_efternamnsform,
    coalesce(lag(b.sep) OVER w, '') AS sep1, coalesce(lag(b.sep, 2) OVER w, '') AS sep2,
    coalesce(lag(b.titel) OVER w, false) AS fore_titel,
    coalesce(lag(b.titel, 2) OVER w, false) AS forr_titel,
    max(b.i) OVER () AS sista
  FROM b WINDOW w AS (ORDER BY b.i)
)
SELECT EXISTS (
  SELECT 1 FROM t
  LEFT JOIN identitetsskydd_namn AS s ON s.namn = t.stor
  LEFT JOIN identitetsskydd_namn AS e ON e.efternamn AND e.namn = t.nasta
  LEFT JOIN identitetsskydd_namn AS nn ON nn.namn = t.nasta
  LEFT JOIN identitetsskydd_namn AS ns
    ON ns.namn = upper(left(t.nasta, 1)) || lower(substr(t.nasta, 2))
  LEFT JOIN identitetsskydd_namn AS g
    ON t.titel AND right(t.ord, 1) = 's' AND g.namn = left(t.ord, -1) AND NOT g.tvetydig
    AND t.efter = ' ' AND t.nasta ~ '^[{liten}]' AND t.i + 1 < t.sista
    AND t.nasta <> ALL({_exakt(EJ_AGT | HANDLINGAR)})
    AND NOT ({engelska})
    AND NOT (length(t.nasta) >= 4 AND right(t.nasta, 2) IN ('de', 'te')){fogar()}
  WHERE t.i < t.sista AND NOT {verk} AND NOT {undantag()} AND (
    (t.entydig AND NOT (t.efter = '-' AND t.nasta ~ '^[{liten}]')
        AND NOT ((t.fore = ANY({_ord(LOKALER)}) OR {slutar("lower(t.fore)", LOKALSLUT)})
                 AND {mellanslag})
        AND NOT (t.efter = ' ' AND t.nasta ~ '^[{stor}][{liten}]+$' AND t.efter2 = '-'
                 AND t.tredje ~ '^[{liten}]')
        AND NOT (t.efter = ' ' AND (t.nasta = ANY({platsord})
                 OR (t.nasta ~ '^[{stor}][{liten}]+$' AND t.efter2 = ' '
                     AND t.tredje = ANY({platsord})))))
    OR (t.fore = ANY({_ord(TITLAR)}) AND t.titel AND {mellanslag})
    OR (t.fore = ANY({_ord(NAMNVERB)}) AND t.titel
        AND ((right(t.sep, 1) = ' ' AND replace(t.sep, ' ', '') IN ('', ':'))
             OR (right(t.sep, 1) IN ('"', '”', '“', '''', '»') AND right(left(t.sep, -1), 1) = ' '
                 AND replace(left(t.sep, -1), ' ', '') IN ('', ':')))
        AND (t.forr = ANY({_ord(KONTEXT | PERSONER)})
             OR (t.forr = 'som' AND t.forrr = ANY({_ord(ROLLER)}))))
    OR (t.fore = ANY({_ord(KONTEXT)}) AND translate(t.sep, '.!?;', '') = t.sep
        AND s.namn IS NOT NULL
        AND (t.titel OR NOT s.tvetydig))
    OR (t.kand AND t.fornamn AND e.namn IS NOT NULL
        AND NOT (t.efter2 = '-' AND t.tredje ~ '^[{liten}]'))
    OR g.namn IS NOT NULL
    OR (t.ord ~ '^[{liten}]{{3,}}$' AND s.namn IS NOT NULL AND NOT s.tvetydig
        AND NOT (t.efter = '-' AND t.nasta ~ '^[{liten}]')
        AND NOT (t.i > 1 AND t.sep = '- ')
        AND NOT (t.efter = '- ' AND t.nasta ~ '^[{liten}]'
                 AND t.nasta <> ALL({_exakt(EJ_AVSTAVNING)}))
        AND t.i NOT IN (SELECT u.i FROM u))
    OR (t.ord ~ '^[{liten}]{{3,}}$' AND t.efter = '-' AND t.nasta ~ '^[{liten}]{{3,}}$'
        AND s.fornamn AND ns.fornamn AND NOT (s.tvetydig AND ns.tvetydig))
    OR (t.ord ~ '^[{liten}]{{3,}}$' AND s.namn IS NOT NULL
        AND t.ord <> ALL({_exakt(INTE_NAMN | ROLLER)})
        AND t.efter ~ '^, ?[0-9]{{1,2}} ?$' AND t.nasta = 'år')
    OR (t.person AND (
          (t.efter ~ '^, ?[0-9]{{1,2}} ?$' AND t.nasta = 'år')
          OR t.efter ~ '^, ?[0-9]{{1,2}} ?,'
          OR (t.efter IN (',', ', ') AND t.nasta = ANY({roller})
              AND (left(t.efter2, 1) = ',' OR left(t.efter2, 2) = ' ,'))
          OR (t.efter = ' ' AND t.nasta IN ('är', 'var', 'blir', 'fyller')
              AND t.efter2 ~ '^ [0-9]{{1,2}}([^0-9]|$)')
          OR (t.efter IN ('(', ' (', '( ', ' ( ') AND t.nasta = ANY({roller})
              AND (left(t.efter2, 1) = ')' OR left(t.efter2, 2) = ' )'))))
    OR (t.person AND t.efter = ' ' AND t.nasta IN ('och', 'o', 'med')
        AND t.tredje = ANY({_exakt(BESITTNING)}))
    OR (t.kand AND {start} AND t.efter = ' ' AND (
          t.nasta = ANY({_exakt(HANDLINGAR)})
          OR (t.nasta_titel AND nn.namn IS NOT NULL
              AND t.tredje = ANY({_exakt(HANDLINGAR)}))
          OR (t.nasta = 'och' AND t.tredje_titel AND t.fjarde = ANY({_exakt(HANDLINGAR)}))
          OR (t.nasta = ANY({_exakt(TILLSTAND)}) AND t.entydig)
          OR (t.nasta = ANY({_exakt(VARA)}) AND (t.tredje = ANY({_exakt(TILLSTANDSORD)})
              OR (t.tredje = ANY({_exakt(GRADORD)})
                  AND t.fjarde = ANY({_exakt(TILLSTANDSORD)}))))))
    OR (t.okand AND {start} AND t.efter = ' ' AND t.nasta_okand AND t.efter2 = ' '
        AND t.tredje = ANY({_exakt(HANDLINGAR | TILLSTAND)}))
    OR ((t.fore = ANY({_ord(OBJEKTVERB)})
         OR (t.fore = ANY({_ord(OBJEKTLED)}) AND t.forr = ANY({_ord(OBJEKTVERB)})))
        AND NOT (t.efter = '-' AND t.nasta ~ '^[{liten}]')
        AND ((t.ord ~ '^[{liten}]{{3,}}$' AND s.namn IS NOT NULL AND t.sep = ' '
              AND t.ord <> ALL({_exakt(INTE_NAMN | ROLLER | EJ_AGT | PREPOSITIONER | OBJEKTLED)}))
             OR (t.titel AND length(t.sep) >= 2 AND btrim(left(t.sep, -1), ' ') = ''
                 AND right(t.sep, 1) IN ('"', '”', '“', '''', '»'))))
    OR (t.fore = ANY({_ord(KONTEXT | ENGELSKA_ROLLER)}) AND t.sep IN (',', ', ') AND t.person
        AND (left(t.efter, 1) = ',' OR (t.efter IN ('-', ' ') AND t.nasta ~ '^[{stor}][{liten}]+$'
                                        AND left(t.efter2, 1) = ',')))
    OR (t.titel AND t.efter = ' ' AND t.nasta = 'et' AND t.efter2 = ' ' AND t.tredje = 'al')
    OR (t.kand AND t.efter = ' ' AND t.nasta IN ('själv', 'själva')
        AND t.fore IN ('enligt', 'Enligt', 'ENLIGT'))
    OR (t.ord ~ '^[{liten}]{{3,}}$' AND {start} AND s.namn IS NOT NULL
        AND t.ord <> ALL({_exakt(INTE_NAMN | ROLLER)}) AND t.efter = ' '
        AND t.nasta = ANY({_exakt(HANDLINGAR)}))
    OR (t.ord ~ '^[{liten}]{{3,}}$' AND s.namn IS NOT NULL AND t.ord <> ALL({_exakt(INTE_NAMN)})
        AND t.efter = ' ' AND t.nasta IN ('och', 'o', 'med')
        AND t.tredje = ANY({_exakt(BESITTNING)}))
    OR (t.titel AND t.fore IN ('till', 'Till', 'TILL') AND t.forr = ANY({_ord(ROLLER)})
        AND ({mellanslag} OR (length(t.sep) >= 2 AND btrim(left(t.sep, -1), ' ') = ''
                                AND right(t.sep, 1) IN ('"', '”', '“', '''', '»')))
        AND NOT (t.efter = '-' AND t.nasta ~ '^[{liten}]'))
    OR (t.titel AND t.fornamn AND t.efter = '-' AND t.nasta_titel AND nn.fornamn)
    OR {alder}
    OR {signatur}
    OR ((t.person OR t.an) AND {start} AND t.efter = ' ' AND t.nasta = ANY({_exakt(SAGEVERB)})
        AND (t.tredje = ANY({_exakt(PRONOMEN)}) OR t.fjarde = ANY({_exakt(PRONOMEN)})
             OR t.femte = ANY({_exakt(PRONOMEN)}) OR t.sjatte = ANY({_exakt(PRONOMEN)})))
    OR (t.person AND {start} AND t.efter = ' ' AND t.nasta = 'och' AND t.efter2 = ' '
        AND t.tredje_okand AND t.efter3 = ' ' AND t.fjarde = ANY({_exakt(HANDLINGAR)}))
    OR (t.kand AND NOT {start} AND left(t.efter, 1) <> '-'
        AND NOT (lower(t.fore) = ANY({_ord(PREPOSITIONER)}))
        AND NOT (t.fore = ANY({_ord(PREPOSITIONER)}))
        AND (t.nasta = ANY({_exakt(HANDLINGAR)}) OR t.fore = ANY({_exakt(HANDLINGAR)})))
    {villkor(start)}
    {sammanhang(start)}
  )
)
$$;
"""


def webbskal() -> str:
    """A web address named after a person, as granskning._webbfynd reads it: the address's
    name part split after each of its letters from the fourth, a first name before and a
    surname, digits or a genitive and a word after."""
    vokaler = ", ".join(_lit(v) for v in VOKALER)
    vik = f"{_lit(VIKNING[0])}, {_lit(VIKNING[1])}"
    return f"""
CREATE OR REPLACE FUNCTION iub_webbskal(n text) RETURNS boolean
LANGUAGE sql STABLE AS $$
SELECT EXISTS (
  SELECT 1
  FROM regexp_matches(n, {_lit(WEBBADRESS)}, 'gi') AS m,
    LATERAL (SELECT replace(lower(m[1]), '-', '') AS e) AS x,
    LATERAL generate_series(4, length(x.e)) AS i,
    LATERAL (SELECT upper(left(x.e, 1)) || substr(x.e, 2, i - 1) AS fornamn,
                    substr(x.e, i + 1) AS rest) AS d
  JOIN identitetsskydd_namn AS f ON f.fornamn AND f.namn = d.fornamn
  WHERE EXISTS (SELECT 1 FROM identitetsskydd_namn AS e
                WHERE e.efternamn AND translate(e.namn, {vik})
                  = translate(upper(left(d.rest, 1)) || substr(d.rest, 2), {vik}))
    OR (NOT f.tvetydig AND (translate(d.rest, '0123456789', '') = ''
        OR (left(d.rest, 1) = 's' AND length(d.rest) >= 5
            AND substr(d.rest, 2, 1) NOT IN ({vokaler}))))
)
$$;
"""
