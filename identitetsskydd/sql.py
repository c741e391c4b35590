"""The database's side of the guard, written from monster.py and namnord.py (the one source):
the PL/pgSQL function iub_fritext_skal(text), which gives a reason code or NULL, the trigger
function iub_vakta_fritext() that refuses a row with such a text, and the name table's contents.

A migration installs them; when a pattern (monster.py and its modules) or the name list
changes, a new migration calls installera() again (tests/identitetsskydd/test_databasen.py
fails until it does).
"""

from __future__ import annotations

import re._constants as sre  # the parsed form of a pattern, for _kraver_siffra
import re._parser
from typing import Any

from identitetsskydd.granskning import TID_ELLER_DATUM, TJANSTENUMMER, VOKALER, WEBBADRESS
from identitetsskydd.monster import MONSTER
from identitetsskydd.monster_siffror import TALORD_ETT, TALORD_SAMMANSATTA, TALORD_TVA
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
from identitetsskydd.tecken import (
    BOKSTAV,
    BORT,
    FRAN,
    GEMEN,
    NOLLA_SOM_O,
    ORGANISATIONSMONSTER,
    TILL,
    VERSAL,
    Monster,
)


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _efterkontroll(m: Monster) -> str:
    if m.efterkontroll == "personnummer":
        return "iub_personnummer_i(m[1])"
    if m.efterkontroll == "personnummer_hela":
        return "iub_personnummerkod(m[1])"
    if m.efterkontroll == "personnummer_delat":  # the group of four is the last four
        forsta = "(regexp_match(m[1], '^[^0-9]*([0-9]+)'))[1]"
        sista = "(regexp_match(m[1], '([0-9]+)[^0-9]*$'))[1]"
        return (
            f"iub_personnummerkod(CASE WHEN length({forsta}) = 4 THEN {sista} || {forsta}"
            f" ELSE {forsta} || {sista} END)"
        )
    if m.efterkontroll == "personnummer_nolla":
        return "iub_personnummerkod('0' || m[1])"
    if m.efterkontroll == "telefon_talord":  # monster_siffror.antal_siffror_i_ord
        antal = (
            "length(regexp_replace(regexp_replace(regexp_replace(m[1],"
            f" {_lit(TALORD_SAMMANSATTA + '|' + TALORD_TVA)}, 'xx', 'gi'),"
            f" {_lit(TALORD_ETT)}, 'x', 'gi'), '[^0-9x]', '', 'g'))"
        )
        return (
            f"CASE WHEN m[1] ~* {_lit(TALORD_TVA + '|' + TALORD_ETT)} AND {antal} BETWEEN 8"
            " AND 10 THEN 'telefon' END"
        )
    if m.efterkontroll == "telefon_ord":
        return (
            "CASE WHEN length(regexp_replace(m[1], '[^0-9]', '', 'g')) BETWEEN 8 AND 10"
            " AND length((regexp_match(m[1], '[0-9]+'))[1]) >= 3 THEN 'telefon' END"
        )
    if m.efterkontroll == "telefon":
        return (
            f"CASE WHEN m[1] ~ {_lit(TID_ELLER_DATUM + '|' + TJANSTENUMMER)}"
            " THEN NULL ELSE 'telefon' END"
        )
    return _lit(m.kod)


def _sammanslagna() -> list[Monster]:
    """The patterns as the database runs them. One without an efterkontroll only has to say
    whether it matches anywhere, so those of one reason and case rule are joined into one
    alternation: PostgreSQL keeps 32 compiled regular expressions per session, and a function
    that uses more compiles some again on every call (twenty times slower; three groups more
    made a passing text take 0.1 s instead of 3 ms). A rare reason joins another's group
    (Monster.databasgrupp)."""
    ut = [m for m in MONSTER if m.efterkontroll]
    grupper: dict[tuple[str, bool], list[str]] = {}
    for m in MONSTER:
        if not m.efterkontroll:
            grupp = m.databasgrupp or m.kod
            grupper.setdefault((grupp, m.skiftlagesokansligt), []).append(m.regex)
    return ut + [
        Monster(kod, "|".join(f"(?:{r})" for r in regexer), skiftlagesokansligt=ss)
        for (kod, ss), regexer in grupper.items()
    ]


def _siffra(tecken: int) -> bool:
    return 48 <= tecken <= 57


def _kraver_siffra(regex: str) -> bool:
    """Whether every match of the pattern holds an ASCII digit, read from its parsed form:
    a sequence needs one if any part does, an alternation if every branch does, a repeat if
    it repeats at least once. Lookarounds and anything not understood count as not needing
    one, so a yes is always true."""

    def delar(sekvens: Any) -> bool:
        return any(del_(op, av) for op, av in sekvens)

    def del_(op: Any, av: Any) -> bool:
        if op is sre.LITERAL:
            return _siffra(av)
        if op is sre.IN:
            return all(
                (o is sre.LITERAL and _siffra(a))
                or (o is sre.RANGE and _siffra(a[0]) and _siffra(a[1]))
                or (o is sre.CATEGORY and a is sre.CATEGORY_DIGIT)
                for o, a in av
            )
        if op is sre.BRANCH:
            return all(delar(gren) for gren in av[1])
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            return av[0] >= 1 and delar(av[2])
        if op is sre.SUBPATTERN:
            return delar(av[3])
        if op is sre.ATOMIC_GROUP:
            return delar(av)
        return False

    return delar(re._parser.parse(regex))


def _slinga(m: Monster) -> str:
    if not m.efterkontroll:
        op = "~*" if m.skiftlagesokansligt else "~"
        return f"  IF n {op} {_lit(m.regex)} THEN RETURN {_lit(m.kod)}; END IF;"
    flaggor = "gi" if m.skiftlagesokansligt else "g"
    return f"""  FOR m IN SELECT regexp_matches(n, {_lit(m.regex)}, {_lit(flaggor)}) LOOP
    k := {_efterkontroll(m)};
    IF k IS NOT NULL THEN RETURN k; END IF;
  END LOOP;"""


def funktioner() -> str:
    fran, till = FRAN + BORT, TILL  # translate() removes what has no counterpart
    # A pattern that needs a digit runs only on a text with one (after iub_normalisera every
    # digit is ASCII), found without a regular expression: most texts staff write have none,
    # and they then run fewer expressions than PostgreSQL keeps compiled (see _sammanslagna).
    monster = _sammanslagna()
    med_siffror = [m for m in monster if _kraver_siffra(m.regex)]
    slingor = "\n".join(
        ["  IF translate(n, '0123456789', '') <> n THEN"]
        + ["  " + rad for m in med_siffror for rad in _slinga(m).split("\n")]
        + ["  END IF;"]
        + [_slinga(m) for m in monster if m not in med_siffror]
    )
    return f"""
CREATE OR REPLACE FUNCTION iub_normalisera(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT regexp_replace(regexp_replace(
    translate(normalize(t, NFKC), {_lit(fran)}, {_lit(till)}),
    {_lit(NOLLA_SOM_O)}, '0', 'g'), {_lit(ORGANISATIONSMONSTER)}, 'organisation', 'g')
$$;

CREATE OR REPLACE FUNCTION iub_personnummerkod(t text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  s text := regexp_replace(t, '[^0-9]', '', 'g');
  tio text; summa int := 0; v int; ar int; manad int; dag int; kod text := 'personnummer';
BEGIN
  IF length(s) NOT IN (10, 12) THEN RETURN NULL; END IF;
  ar := CASE WHEN length(s) = 12 THEN substr(s, 1, 4)::int ELSE 2000 END;
  IF ar < 1800 OR ar > 2100 THEN RETURN NULL; END IF;
  tio := right(s, 10);
  FOR i IN 1..10 LOOP
    v := substr(tio, i, 1)::int * CASE WHEN i % 2 = 1 THEN 2 ELSE 1 END;
    summa := summa + CASE WHEN v > 9 THEN v - 9 ELSE v END;
  END LOOP;
  IF summa % 10 <> 0 THEN RETURN NULL; END IF;
  manad := substr(tio, 3, 2)::int;
  dag := substr(tio, 5, 2)::int;
  IF dag > 60 THEN dag := dag - 60; kod := 'samordningsnummer'; END IF;
  IF manad < 1 OR manad > 12 OR dag < 1
     OR dag > extract(day FROM make_date(ar, manad, 1) + interval '1 month - 1 day') THEN
    RETURN NULL;
  END IF;
  RETURN kod;
END $$;

{namnskal()}
{webbskal()}
CREATE OR REPLACE FUNCTION iub_personnummer_i(lopa text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE g text[] := array_remove(regexp_split_to_array(lopa, '[^0-9]+'), ''); s text; k text;
  tusental boolean;
BEGIN
  FOR i IN 1..coalesce(array_length(g, 1), 0) LOOP
    s := '';
    tusental := false;  -- a group of three is thousands, as granskning.personnummer_i_lopa
    FOR j IN i..array_length(g, 1) LOOP
      s := s || g[j];
      tusental := tusental OR length(g[j]) = 3;
      IF length(s) IN (10, 12) AND NOT tusental THEN
        k := iub_personnummerkod(s);
        IF k IS NOT NULL THEN RETURN k; END IF;
      END IF;
      EXIT WHEN length(s) >= 12;
    END LOOP;
  END LOOP;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION iub_fritext_skal(t text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE n text; m text[]; k text;
BEGIN
  IF t IS NULL OR t = '' THEN RETURN NULL; END IF;
  n := iub_normalisera(t);
{slingor}
  IF iub_namnskal(n) THEN
    RETURN 'namn';
  END IF;
  IF strpos(n, '.') > 0 AND iub_webbskal(n) THEN
    RETURN 'konto';
  END IF;
  RETURN NULL;
END $$;

-- 14 kap. 4–5 §§ SoL: refuses a row whose listed text columns may reveal who someone is.
-- The columns are the trigger's arguments; on UPDATE an unchanged text is not read again.
CREATE OR REPLACE FUNCTION iub_vakta_fritext() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE ny jsonb := to_jsonb(NEW); gammal jsonb; kod text;
BEGIN
  IF TG_OP = 'UPDATE' THEN gammal := to_jsonb(OLD); END IF;
  FOR i IN 0..TG_NARGS - 1 LOOP
    IF TG_OP = 'UPDATE' AND (gammal ->> TG_ARGV[i]) IS NOT DISTINCT FROM (ny ->> TG_ARGV[i]) THEN
      CONTINUE;
    END IF;
    kod := iub_fritext_skal(ny ->> TG_ARGV[i]);
    IF kod IS NOT NULL THEN
      RAISE EXCEPTION 'Texten i %.% kan röja identitet (%): 14 kap. 4–5 §§ SoL',
        TG_TABLE_NAME, TG_ARGV[i], kod USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  RETURN NEW;
END $$;
"""


def _ord(ord_: frozenset[str]) -> str:
    """A text array of the words as written, capitalised and in capitals: where Python
    lower-cases the text before comparing (the database does not lower-case letters outside
    ASCII in every locale, and must never be stricter)."""
    varianter = {v for o in ord_ for v in (o, o.capitalize(), o.upper())}
    return "ARRAY[" + ", ".join(_lit(v) for v in sorted(varianter)) + "]::text[]"


def _exakt(ord_: frozenset[str]) -> str:
    """A text array of the words exactly as written: where Python compares them as they are."""
    return "ARRAY[" + ", ".join(_lit(o) for o in sorted(ord_)) + "]::text[]"


def namnskal() -> str:
    """Names read in context, the part of granskning._namnfynd that SQL can express: every
    condition here implies the same rule's condition there, so the database is never stricter
    than Python (tests/identitetsskydd/test_databasen.py runs the corpus through both)."""
    stor, liten = VERSAL, GEMEN
    # Separators are compared without regular expressions where they can: PostgreSQL keeps
    # 32 compiled expressions per session (see _sammanslagna), and these run on every word.
    start = "(t.i = 1 OR translate(t.sep, '.!?:;\"”(-', '') <> t.sep)"
    mellanslag = "(t.sep <> '' AND btrim(t.sep, ' ') = '')"  # '^ +$'
    ovanlig = "(" + "|".join(OVANLIGA_SLUT) + ")$"  # granskning._okant_namn
    roller = _exakt(ROLLER)
    platsord = _exakt(PLATSORD)
    # granskning._namnfynd's genitive: not before an English noun (no expression: right()).
    engelska = " OR ".join(f"right(t.nasta, {len(e)}) = {_lit(e)}" for e in sorted(ENGELSKA_SLUT))
    # granskning._utskrivna: an abbreviation (namnord.FORKORTNING: A–Z, by translate and not
    # an expression) and the words in brackets after it that spell it out, one initial each;
    # joined on equal positions (generate_series), so a text of many stays linear.
    versaler = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
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
    a.titel AND length(a.ord) >= 3 AND a.ord !~ {_lit(ovanlig)} AS okand
  FROM a LEFT JOIN identitetsskydd_namn AS nm ON nm.namn = a.ord
), t AS (
  SELECT b.*, b.kand OR b.okand AS person,
    coalesce(lag(b.ord) OVER w, '') AS fore,
    coalesce(lag(b.ord, 2) OVER w, '') AS forr,
    coalesce(lag(b.ord, 3) OVER w, '') AS forrr,
    lead(b.ord) OVER w AS nasta, lead(b.sep) OVER w AS efter, lead(b.titel) OVER w AS nasta_titel,
    lead(b.ord, 2) OVER w AS tredje, lead(b.sep, 2) OVER w AS efter2,
    lead(b.titel, 2) OVER w AS tredje_titel, lead(b.ord, 3) OVER w AS fjarde,
    lead(b.okand) OVER w AS nasta_okand,
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
    AND t.efter = ' ' AND t.nasta ~ '^[{liten}]'
    AND t.nasta <> ALL({_exakt(EJ_AGT | HANDLINGAR)})
    AND NOT ({engelska})
  WHERE t.i < t.sista AND (
    (t.entydig AND NOT (t.efter = '-' AND t.nasta ~ '^[{liten}]')
        AND NOT (t.fore = ANY({_ord(LOKALER)}) AND {mellanslag})
        AND NOT (t.efter = ' ' AND (t.nasta = ANY({platsord})
                 OR (t.nasta ~ '^[{stor}][{liten}]+$' AND t.efter2 = ' '
                     AND t.tredje = ANY({platsord})))))
    OR (t.fore = ANY({_ord(TITLAR)}) AND t.titel AND {mellanslag})
    OR (t.fore = ANY({_ord(NAMNVERB)}) AND t.titel
        AND right(t.sep, 1) = ' ' AND replace(t.sep, ' ', '') IN ('', ':')
        AND (t.forr = ANY({_ord(KONTEXT | PERSONER)})
             OR (t.forr = 'som' AND t.forrr = ANY({_ord(ROLLER)}))))
    OR (t.fore = ANY({_ord(KONTEXT)}) AND translate(t.sep, '.!?;', '') = t.sep
        AND s.namn IS NOT NULL
        AND (t.titel OR NOT s.tvetydig))
    OR (t.kand AND t.fornamn AND e.namn IS NOT NULL)
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
    OR (t.person AND t.efter = ' ' AND t.nasta IN ('och', 'med')
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
    OR (t.kand AND NOT {start} AND left(t.efter, 1) <> '-'
        AND NOT (lower(t.fore) = ANY({_ord(PREPOSITIONER)}))
        AND NOT (t.fore = ANY({_ord(PREPOSITIONER)}))
        AND (t.nasta = ANY({_exakt(HANDLINGAR)}) OR t.fore = ANY({_exakt(HANDLINGAR)})))
  )
)
$$;
"""


def webbskal() -> str:
    """A web address named after a person, as granskning._webbfynd reads it: the address's
    name part split after each of its letters from the fourth, a first name before and a
    surname, digits or a genitive and a word after."""
    vokaler = ", ".join(_lit(v) for v in VOKALER)
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
                WHERE e.efternamn AND e.namn = upper(left(d.rest, 1)) || substr(d.rest, 2))
    OR (NOT f.tvetydig AND (translate(d.rest, '0123456789', '') = ''
        OR (left(d.rest, 1) = 's' AND length(d.rest) >= 5
            AND substr(d.rest, 2, 1) NOT IN ({vokaler}))))
)
$$;
"""


def installera(schema_editor: Any) -> None:
    """Installs (or replaces) the functions and fills the name table. PostgreSQL only."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(funktioner(), params=None)
    ladda_namn(schema_editor.connection)


def ladda_namn(connection: Any) -> None:
    lista = namnlista()
    with connection.cursor() as c:
        c.execute("DELETE FROM identitetsskydd_namn")
        c.executemany(
            "INSERT INTO identitetsskydd_namn (namn, fornamn, efternamn, tvetydig)"
            " VALUES (%s, %s, %s, %s)",
            [
                (n, n in lista.fornamn, n in lista.efternamn, n in lista.tvetydiga)
                for n in sorted(lista.fornamn | lista.efternamn)
            ],
        )


def trigger(tabell: str, kolumner: list[str], *, villkor: str | None = None) -> str:
    """The guard on a table's free-text columns; villkor (on NEW) limits it to the rows that
    must not reveal identity."""
    namn = f"{tabell}_fritext_utan_identitet"
    when = f"WHEN ({villkor})" if villkor else ""
    argument = ", ".join(_lit(k) for k in kolumner)
    return f"""
DROP TRIGGER IF EXISTS {namn} ON {tabell};
CREATE TRIGGER {namn} BEFORE INSERT OR UPDATE OF {", ".join(kolumner)} ON {tabell}
FOR EACH ROW {when} EXECUTE FUNCTION iub_vakta_fritext({argument});
"""
