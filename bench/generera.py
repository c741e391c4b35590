"""Synthetic data for the benchmarks: one large municipality, bulk loaded into PostgreSQL.

    python bench/generera.py [--tillfallen 2000000] [--fro 2026]

Against the database in DATABASE_URL (migrated, empty). The catalogue, utförare and users are
made through the ORM (a few hundred rows); the registrations are generated inside PostgreSQL by
INSERT … SELECT over generate_series, so nothing is sent row by row and a full-size municipality
loads in minutes. The sizes follow the number of sessions asked for:

    sessions (tillfällen)   N          individual talks, group meetings, openings
    contacts                N / 2      each with its villkor answers
    participations          N / 5      40 % of contacts; persons only for 14 kap. 3 §
    group rounds            ~ participations in groups / 10, with attendance
    visits                  4 headcount rows per opening

over five years up to yesterday, across 200 insatser at 50 utförare and all four documentation
rules. Sizes are lognormal: many small insatser and a few large open meeting places. The same
seed gives the same data.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from insatser.models import Beslut, Insats, Katalog, Villkor
from organisation.models import Anvandare, Behorighet, Roll, Utforare

KOMMUN = "Storstad"
LOSENORD = "bench-losen-2026"
ANTAL_UTFORARE = 50
ANTAL_INSATSER = 200
PERSONAL_PER_UTFORARE = 4
MOTIVERING = "Anonymitet sänker tröskeln för att söka stöd."
FACK = 10_000  # slots in the weighted lookup arrays
TECKEN = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # the deltagarkod alphabet (31 characters)

# (form, documentation rule, share of the 200 insatser)
SLAG = [
    ("oppen_verksamhet", "14:4+14:5", 0.08),
    ("oppen_verksamhet", "14:5", 0.07),
    ("grupp", "14:5", 0.20),
    ("grupp", "14:3", 0.08),
    ("individuell", "14:4", 0.20),
    ("individuell", "14:3", 0.17),
    ("individuell", "14:5", 0.10),
    ("individuell_eller_grupp", "14:3", 0.10),
]


def logg(text: str, start: float) -> None:
    print(f"  {text:<44} {time.perf_counter() - start:6.1f} s", flush=True)


def viktad_lista(vikter: dict[int, float]) -> list[int]:
    """FACK ids, each as often as its weight: an O(1) weighted draw in SQL."""
    summa = sum(vikter.values())
    ut: list[int] = []
    for insats_id, vikt in vikter.items():
        ut.extend([insats_id] * max(1, round(FACK * vikt / summa)))
    return (ut * 2)[:FACK] if len(ut) < FACK else ut[:FACK]


@transaction.atomic
def katalog_och_organisation(slump: random.Random, idag: datetime.date) -> dict[str, object]:
    """The catalogue, utförare and users, through the ORM."""
    if Katalog.objects.filter(kommun=KOMMUN).exists():
        raise SystemExit(f"{KOMMUN} finns redan i databasen; generera i en tom databas.")
    katalog = Katalog.objects.create(
        kommun=KOMMUN,
        namnd="Socialnämnden",
        beslutsdatum=idag.replace(year=idag.year - 6),
        informationstext="Du har alltid rätt att ansöka om bistånd (11 kap. 6 § SoL).",
    )
    beslut = Beslut.objects.create(
        katalog=katalog, organ="Socialnämnden", datum=katalog.beslutsdatum, paragraf="SN § 1"
    )
    utforare = Utforare.objects.bulk_create(
        Utforare(namn=f"Utförare {n:02d}") for n in range(1, ANTAL_UTFORARE + 1)
    )
    losen = make_password(LOSENORD)
    anvandare = Anvandare.objects.bulk_create(
        [
            Anvandare(username=f"personal{u:02d}{p}", password=losen, first_name="Personal")
            for u in range(1, ANTAL_UTFORARE + 1)
            for p in "abcd"[:PERSONAL_PER_UTFORARE]
        ]
        + [
            Anvandare(username=f"chef{u:02d}", password=losen, first_name="Enhetschef")
            for u in range(1, ANTAL_UTFORARE + 1)
        ]
        + [
            Anvandare(username="verksamhetschef", password=losen),
            Anvandare(username="namndsekreterare", password=losen),
        ]
    )
    per_namn = {a.username: a for a in anvandare}
    behorigheter = []
    personal: dict[int, list[int]] = {}
    for nr, u in enumerate(utforare, start=1):
        personal[u.pk] = []
        for p in "abcd"[:PERSONAL_PER_UTFORARE]:
            a = per_namn[f"personal{nr:02d}{p}"]
            personal[u.pk].append(a.pk)
            behorigheter.append(Behorighet(anvandare=a, roll=Roll.UTFORARPERSONAL, utforare=u))
        behorigheter.append(
            Behorighet(anvandare=per_namn[f"chef{nr:02d}"], roll=Roll.ENHETSCHEF, utforare=u)
        )
    behorigheter += [
        # The nämnd's roles belong to the municipality (organisation.Behorighet).
        Behorighet(
            anvandare=per_namn["verksamhetschef"],
            roll=Roll.VERKSAMHETSCHEF,
            kommun_id=katalog.kommunen_id,
        ),
        Behorighet(
            anvandare=per_namn["namndsekreterare"],
            roll=Roll.NAMNDSEKRETERARE,
            kommun_id=katalog.kommunen_id,
        ),
    ]
    Behorighet.objects.bulk_create(behorigheter)

    insatser = []
    for slag_nr, (form, regel, andel) in enumerate(SLAG):
        for n in range(round(ANTAL_INSATSER * andel)):
            insatser.append(
                Insats(
                    katalog=katalog,
                    ordning=len(insatser) + 1,
                    namn=f"{form.replace('_', ' ').capitalize()} {regel} nr {slag_nr}.{n + 1}",
                    omrade=slump.choice(["Barn och familj", "Vuxna", "Äldre", "Unga"]),
                    form=form,
                    dokumentationsregel=regel,
                    dokumentation_motivering=MOTIVERING if "14:5" in regel else None,
                    max_tillfallen=5 if regel == "14:4" else (8 if form == "grupp" else None),
                    gruppstorlek_min=3 if "grupp" in form else None,
                    gruppstorlek_max=12 if "grupp" in form else None,
                    kanal_pa_plats=True,
                    kanal_telefon=form != "oppen_verksamhet",
                    utforare=utforare[len(insatser) % ANTAL_UTFORARE],
                    status=Insats.Status.BESLUTAD,
                    beslut=beslut,
                    giltig_fran=katalog.beslutsdatum,
                )
            )
    insatser = Insats.objects.bulk_create(insatser[:ANTAL_INSATSER])
    Villkor.objects.bulk_create(
        v
        for i in insatser
        for v in (
            Villkor(insats=i, ordning=1, typ=Villkor.Typ.ALDER, min_alder=18, max_alder=64),
            Villkor(insats=i, ordning=2, typ=Villkor.Typ.FOLKBOKFORD, kommun=KOMMUN),
        )
    )
    return {"katalog": katalog, "insatser": insatser, "personal": personal}


def lognormal(slump: random.Random, antal: int, sigma: float) -> list[float]:
    return [math.exp(slump.gauss(0, sigma)) for _ in range(antal)]


def generera(tillfallen: int, fro: int) -> None:
    idag = datetime.date.today()
    igar = idag - datetime.timedelta(days=1)
    forsta = igar.replace(year=igar.year - 5) + datetime.timedelta(days=1)
    slump = random.Random(fro)
    start = time.perf_counter()
    org = katalog_och_organisation(slump, idag)
    insatser: list[Insats] = org["insatser"]  # type: ignore[assignment]
    personal: dict[int, list[int]] = org["personal"]  # type: ignore[assignment]
    logg("katalog, utförare och användare", start)

    oppna = [i for i in insatser if i.form == "oppen_verksamhet"]
    ovriga = [i for i in insatser if i.form != "oppen_verksamhet"]
    kontaktvikt = dict(zip([i.pk for i in ovriga], lognormal(slump, len(ovriga), 1.1), strict=True))
    oppningsvikt = dict(zip([i.pk for i in oppna], lognormal(slump, len(oppna), 1.0), strict=True))
    p = {
        "n_kontakter": tillfallen // 2,
        "forsta": forsta,
        "dagar": (igar - forsta).days + 1,
        "igar": igar,
        "idag": idag,
        "kontaktfack": viktad_lista(kontaktvikt),
        "oppningsfack": viktad_lista(oppningsvikt),
        "tecken": TECKEN,
        "fro": (fro % 1000) / 1000,
    }
    with connection.cursor() as c:
        c.execute("SET max_parallel_workers_per_gather = 0")  # one order: repeatable with the seed
        c.execute("SET work_mem = '256MB'")
        c.execute("SET maintenance_work_mem = '1GB'")
        c.execute("SELECT setseed(%(fro)s)", p)
        c.execute(
            "CREATE TEMP TABLE ins (id int PRIMARY KEY, utforare_id int, form text, regel text,"
            " villkor text[], personal int[])"
        )
        c.executemany(
            "INSERT INTO ins VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (
                    i.pk,
                    i.utforare_id,
                    i.form,
                    i.dokumentationsregel,
                    [v.klartext()[:300] for v in i.villkor.all()],
                    personal[i.utforare_id or 0],
                )
                for i in Insats.objects.filter(pk__in=[i.pk for i in insatser]).prefetch_related(
                    "villkor"
                )
            ],
        )
        # Without triggers while loading, as every earlier run was loaded. The change
        # counters went in migration 0018; the guards that remain are for what staff and the
        # admin write, not for this load.
        c.execute("SET session_replication_role = replica")
        for namn, sql in STEG:
            c.execute(sql, p)
            logg(namn, start)
        c.execute("RESET session_replication_role")
        # VACUUM as well as ANALYZE: the bulk load would otherwise set off autovacuum (its
        # insert threshold) in the middle of the benchmarks that follow, and the visibility
        # map it sets lets the reports use index-only scans.
        c.execute("VACUUM (ANALYZE)")
        logg("VACUUM (ANALYZE)", start)
        c.execute(
            "SELECT (SELECT count(*) FROM dokumentation_kontakt),"
            " (SELECT count(*) FROM dokumentation_deltagande),"
            " (SELECT count(*) FROM dokumentation_tillfalle),"
            " (SELECT count(*) FROM dokumentation_narvaro),"
            " (SELECT count(*) FROM dokumentation_besoksantal),"
            " (SELECT pg_size_pretty(pg_database_size(current_database())))"
        )
        k, d, t, n, b, storlek = c.fetchone()
    print(
        f"Klart: {k:,} kontakter, {d:,} deltaganden, {t:,} tillfällen, {n:,} närvaro, "
        f"{b:,} besöksrader; databasen är {storlek}.".replace(",", " ")
    )


# Kept in SQL so that PostgreSQL generates the rows where they are stored. %(…)s are
# parameters; the temp table ins holds the insatser with their utförare and staff.
STEG: list[tuple[str, str]] = [
    (
        "kontakter",
        """
        INSERT INTO dokumentation_kontakt (insats_id, utforare_id, datum, kanal, aldersgrupp, kon,
            utfall, informerad_11_6, samtycke, registrerad_av_id, registrerad, inlamningsnyckel)
        SELECT i.id, i.utforare_id, x.datum,
            CASE WHEN x.r1 < 0.7 THEN 'pa_plats' WHEN x.r1 < 0.9 THEN 'telefon' ELSE 'digitalt' END,
            (ARRAY['0-12','13-14','15-17','18-24','18-24','25-44','25-44','25-44','25-44',
                   '45-64','45-64','45-64','65-','65-','okand'])[1 + floor(x.r2 * 15)::int],
            CASE WHEN x.r3 < 0.58 THEN 'kvinna' WHEN x.r3 < 0.96 THEN 'man'
                 WHEN x.r3 < 0.98 THEN 'annat' ELSE 'uppger_ej' END,
            CASE WHEN x.r4 < 0.36 THEN 'deltar'
                 WHEN x.r4 < 0.40 THEN CASE WHEN i.form IN ('grupp', 'individuell_eller_grupp')
                                            THEN 'vantelista' ELSE 'deltar' END
                 WHEN x.r4 < 0.52 THEN 'hanvisad_ansoka'
                 WHEN x.r4 < 0.56 THEN 'hanvisad_namnd'
                 ELSE 'avbojde' END,
            true, '',
            i.personal[1 + floor(x.r5 * array_length(i.personal, 1))::int],
            x.datum + time '09:00' + x.r1 * interval '8 hours',
            gen_random_uuid()
        FROM (
            SELECT (%(kontaktfack)s::int[])[1 + floor(random() * 10000)::int] AS insats_id,
                   %(forsta)s::date + floor(random() * %(dagar)s)::int AS datum,
                   random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
            FROM generate_series(1, %(n_kontakter)s)
        ) x JOIN ins i ON i.id = x.insats_id
        ORDER BY x.datum
        """,
    ),
    (
        "villkorssvar",
        """
        INSERT INTO dokumentation_villkorssvar (kontakt_id, villkor_typ, villkor_text, svar)
        SELECT k.id, CASE WHEN v.nr = 1 THEN 'alder' ELSE 'folkbokford' END, v.text,
               CASE WHEN r < 0.04 THEN 'ej_uppfyllt' WHEN r < 0.06 THEN 'osakert'
                    ELSE 'uppfyllt' END
        FROM dokumentation_kontakt k JOIN ins i ON i.id = k.insats_id
        CROSS JOIN LATERAL (SELECT t.text, t.nr, random() AS r
                            FROM unnest(i.villkor) WITH ORDINALITY AS t(text, nr)) v
        """,
    ),
    (
        "deltaganden",
        """
        INSERT INTO dokumentation_deltagande (kontakt_id, insats_id, utforare_id,
            dokumentationsregel, dokumenteras_externt, personnyckel, deltagarkod, status,
            startdatum, slutdatum, alder, kon, utan_vardnadshavare_21_2, maende_start,
            maende_slut, boende_start, boende_slut, sysselsattning_start, sysselsattning_slut,
            problem, problem_text, avbrottsorsak, avbrott_text, hanvisad_ansoka, version)
        SELECT y.kontakt_id, y.insats_id, y.utforare_id, y.regel, '',
            -- a 14:3 record gets its person below; until then a key keeps the check satisfied
            CASE WHEN y.regel = '14:3' THEN gen_random_uuid() END,
            CASE WHEN y.regel = '14:3' THEN NULL ELSE
                (SELECT string_agg(substr(%(tecken)s, 1 + ((y.kod / (31::bigint ^ j)::bigint)
                                                           %% 31)::int, 1), '' ORDER BY j)
                 FROM generate_series(0, 3) j) || '-' ||
                (SELECT string_agg(substr(%(tecken)s, 1 + ((y.kod / (31::bigint ^ j)::bigint)
                                                           %% 31)::int, 1), '' ORDER BY j)
                 FROM generate_series(4, 7) j)
            END,
            y.status, y.start,
            CASE WHEN y.status IN ('avslutad', 'avbruten') THEN y.slut END,
            y.alder, y.kon, false,
            CASE WHEN y.regel <> '14:4' THEN 1 + floor(y.r2 * 4)::int END,
            CASE WHEN y.status = 'avslutad' THEN 2 + floor(y.r3 * 4)::int END,
            CASE WHEN y.regel <> '14:4' THEN (ARRAY['eget','eget','eget','foraldrar',
                'andrahand','tillfalligt','hemlos','uppger_ej'])[1 + floor(y.r2 * 8)::int]
                ELSE '' END,
            CASE WHEN y.regel <> '14:4' AND y.status IN ('avslutad', 'avbruten') THEN
                (ARRAY['eget','eget','eget','eget','foraldrar','andrahand','tillfalligt',
                'uppger_ej'])[1 + floor(y.r3 * 8)::int] ELSE '' END,
            CASE WHEN y.regel <> '14:4' THEN (ARRAY['arbete','arbete','studier',
                'arbetssokande','sjukskriven','pension','annat','uppger_ej'])[1 +
                floor(y.r3 * 8)::int] ELSE '' END,
            CASE WHEN y.regel <> '14:4' AND y.status IN ('avslutad', 'avbruten') THEN
                (ARRAY['arbete','arbete','arbete','studier','arbetssokande','sjukskriven',
                'pension','uppger_ej'])[1 + floor(y.r2 * 8)::int] ELSE '' END,
            CASE WHEN y.r4 < 0.05 THEN 'uteblev' ELSE '' END, '',
            CASE WHEN y.status = 'avbruten' THEN (ARRAY['behov_upphorde','passade_ej',
                'flyttade','behovsprovad','kontakt_upphorde','annat'])[1 + floor(y.r4 * 6)::int]
                ELSE '' END, '',
            CASE WHEN y.r4 > 0.97 AND y.status <> 'vantar'
                 THEN least(y.start + 20, coalesce(y.slut, %(igar)s), %(igar)s) END,
            1
        FROM (
            SELECT x.*,
                CASE WHEN x.vantar AND x.plats >= %(idag)s THEN x.datum ELSE x.plats END AS start,
                x.plats + x.varaktighet AS slut,
                CASE WHEN x.vantar AND x.plats >= %(idag)s THEN 'vantar'
                     WHEN x.plats + x.varaktighet < %(idag)s THEN
                         CASE WHEN x.r1 < 0.8 THEN 'avslutad' ELSE 'avbruten' END
                     ELSE 'pagaende' END AS status
            FROM (
                SELECT k.id AS kontakt_id, k.insats_id, k.utforare_id, i.regel, k.kon, k.datum,
                    k.utfall = 'vantelista' AS vantar,
                    k.datum + CASE WHEN k.utfall = 'vantelista' THEN 14 + floor(random() * 90)::int
                                   ELSE 0 END AS plats,
                    CASE WHEN i.regel = '14:4' THEN 7 + floor(random() * 50)::int
                         ELSE 30 + floor(random() * 200)::int END AS varaktighet,
                    (k.id * 2654435761) %% (31::bigint ^ 8)::bigint AS kod,
                    CASE k.aldersgrupp WHEN '0-12' THEN 6 WHEN '13-14' THEN 13
                        WHEN '15-17' THEN 16 WHEN '18-24' THEN 21 WHEN '25-44' THEN 34
                        WHEN '45-64' THEN 55 WHEN '65-' THEN 72 END AS alder,
                    random() AS r1, random() AS r2, random() AS r3, random() AS r4
                FROM dokumentation_kontakt k JOIN ins i ON i.id = k.insats_id
                WHERE k.utfall IN ('deltar', 'vantelista')
            ) x
        ) y
        ORDER BY y.kontakt_id
        """,
    ),
    (
        "personer (14 kap. 3 §)",
        """
        CREATE TEMP TABLE pmap AS
        SELECT d.id AS deltagande_id, d.utforare_id,
               floor(row_number() OVER (PARTITION BY d.utforare_id ORDER BY d.id) * 0.85)::int
                   AS nr
        FROM dokumentation_deltagande d WHERE d.dokumentationsregel = '14:3';
        CREATE TEMP TABLE pny AS
        SELECT utforare_id, nr, nio || ((10 - (SELECT sum(q / 10 + q %% 10) FROM (
                SELECT substr(nio, 3 + j, 1)::int * (2 - j %% 2) AS q
                FROM generate_series(0, 8) j) s) %% 10) %% 10)::text AS pnr
        FROM (SELECT DISTINCT utforare_id, nr,
                to_char(date '1940-01-01' + (nr %% 25000), 'YYYYMMDD')
                    || lpad(((nr / 25000) %% 1000)::text, 3, '0') AS nio
              FROM pmap) u;
        INSERT INTO dokumentation_person (utforare_id, personnummer, fornamn, efternamn,
            skyddad_identitet, nyckel)
        SELECT utforare_id, pnr, 'Testperson', 'Nr ' || nr, random() < 0.01, gen_random_uuid()
        FROM pny;
        UPDATE dokumentation_deltagande d SET person_id = p.id, personnyckel = p.nyckel
        FROM pmap m JOIN pny n USING (utforare_id, nr)
        JOIN dokumentation_person p ON p.utforare_id = n.utforare_id AND p.personnummer = n.pnr
        WHERE d.id = m.deltagande_id
        """,
    ),
    (
        "gruppomgångar",
        """
        CREATE TEMP TABLE og AS
        SELECT d.id AS deltagande_id, d.insats_id, d.utforare_id, d.startdatum,
               (row_number() OVER (PARTITION BY d.insats_id ORDER BY d.startdatum, d.id) - 1) / 10
                   AS nr
        FROM dokumentation_deltagande d JOIN ins i ON i.id = d.insats_id
        WHERE i.form = 'grupp' OR (i.form = 'individuell_eller_grupp' AND d.id %% 2 = 0);
        INSERT INTO dokumentation_omgang (insats_id, utforare_id, benamning, startdatum,
            antal_traffar, min_deltagare, max_deltagare, status)
        SELECT insats_id, min(utforare_id), 'Omgång ' || (nr + 1), max(startdatum), 8, 3, 12,
            CASE WHEN max(startdatum) + 56 < %(idag)s THEN 'avslutad'
                 WHEN max(startdatum) <= %(idag)s THEN 'pagar' ELSE 'planerad' END
        FROM og GROUP BY insats_id, nr;
        UPDATE dokumentation_deltagande d SET omgang_id = o.id
        FROM og JOIN dokumentation_omgang o
            ON o.insats_id = og.insats_id AND o.benamning = 'Omgång ' || (og.nr + 1)
        WHERE d.id = og.deltagande_id
        """,
    ),
    (
        "enskilda samtal",
        """
        INSERT INTO dokumentation_tillfalle (insats_id, utforare_id, typ, datum, langd_minuter,
            kanal, personal_id, deltagande_id, omgang_id, inlamningsnyckel)
        SELECT d.insats_id, d.utforare_id, 'individuellt', d.startdatum + (j - 1) * 14, 45,
            'pa_plats', k.registrerad_av_id, d.id, NULL, gen_random_uuid()
        FROM dokumentation_deltagande d JOIN dokumentation_kontakt k ON k.id = d.kontakt_id
        CROSS JOIN LATERAL generate_series(1, CASE WHEN d.dokumentationsregel = '14:4'
            THEN 1 + floor(random() * 3)::int ELSE 2 + floor(random() * 11)::int END) j
        WHERE d.omgang_id IS NULL AND d.status <> 'vantar'
          AND d.startdatum + (j - 1) * 14 <= coalesce(d.slutdatum, %(igar)s)
        ORDER BY 4
        """,
    ),
    (
        "gruppträffar",
        """
        INSERT INTO dokumentation_tillfalle (insats_id, utforare_id, typ, datum, langd_minuter,
            kanal, personal_id, deltagande_id, omgang_id, inlamningsnyckel)
        SELECT o.insats_id, o.utforare_id, 'grupptraff', o.startdatum + 7 * j, 120, 'pa_plats',
            i.personal[1 + (j %% array_length(i.personal, 1))], NULL, o.id, gen_random_uuid()
        FROM dokumentation_omgang o JOIN ins i ON i.id = o.insats_id
        CROSS JOIN generate_series(0, 7) j
        WHERE o.startdatum + 7 * j <= %(igar)s
        ORDER BY 4
        """,
    ),
    (
        "närvaro",
        """
        INSERT INTO dokumentation_narvaro (tillfalle_id, deltagande_id)
        SELECT t.id, d.id
        FROM dokumentation_tillfalle t
        JOIN dokumentation_deltagande d ON d.omgang_id = t.omgang_id AND d.status <> 'vantar'
        WHERE t.typ = 'grupptraff' AND random() < 0.85
        """,
    ),
    (
        "öppningar av öppen verksamhet",
        """
        INSERT INTO dokumentation_tillfalle (insats_id, utforare_id, typ, datum, langd_minuter,
            kanal, personal_id, deltagande_id, omgang_id, inlamningsnyckel)
        SELECT i.id, i.utforare_id, 'oppning', x.datum, 180, 'pa_plats',
            i.personal[1 + floor(x.r * array_length(i.personal, 1))::int], NULL, NULL,
            gen_random_uuid()
        FROM (
            SELECT (%(oppningsfack)s::int[])[1 + floor(random() * 10000)::int] AS insats_id,
                   %(forsta)s::date + floor(random() * %(dagar)s)::int AS datum, random() AS r
            FROM generate_series(1, greatest(0, 2 * %(n_kontakter)s
                                                - (SELECT count(*) FROM dokumentation_tillfalle)))
        ) x JOIN ins i ON i.id = x.insats_id
        ORDER BY x.datum
        """,
    ),
    (
        "besöksantal",
        """
        INSERT INTO dokumentation_besoksantal (tillfalle_id, kon, aldersgrupp, antal)
        SELECT t.id, (ARRAY['kvinna','man','annat','uppger_ej'])[1 + c / 8],
               (ARRAY['0-12','13-14','15-17','18-24','25-44','45-64','65-','okand'])[1 + c %% 8],
               1 + floor(random() * 12)::int
        FROM dokumentation_tillfalle t
        CROSS JOIN LATERAL (SELECT ((t.id %% 8) + 9 * j) %% 32 AS c
                            FROM generate_series(0, 3) j) v
        WHERE t.typ = 'oppning'
        """,
    ),
    (
        "journalanteckningar och åtkomstlogg",
        """
        INSERT INTO dokumentation_journalanteckning (deltagande_id, text, signerad_av_id,
            signerad, rattar_id)
        SELECT d.id, 'Inledande samtal. Planen gicks igenom.', k.registrerad_av_id,
               d.startdatum + time '15:00', NULL
        FROM dokumentation_deltagande d JOIN dokumentation_kontakt k ON k.id = d.kontakt_id
        WHERE d.person_id IS NOT NULL;
        INSERT INTO dokumentation_atkomstlogg (tidpunkt, anvandare_id, utforare_id, handling,
            deltagande_id, vad, ip)
        SELECT d.startdatum + time '15:00', k.registrerad_av_id, d.utforare_id, 'skapa', d.id,
               'Registrerade deltagande', '127.0.0.1'
        FROM dokumentation_deltagande d JOIN dokumentation_kontakt k ON k.id = d.kontakt_id
        WHERE d.person_id IS NOT NULL
        """,
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tillfallen", type=int, default=2_000_000, help="antal tillfällen")
    parser.add_argument("--fro", type=int, default=2026, help="slumpfrö")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("Generatorn kräver PostgreSQL (DATABASE_URL).")
    print(f"Genererar {KOMMUN} med {args.tillfallen:,} tillfällen …".replace(",", " "))
    generera(args.tillfallen, args.fro)


if __name__ == "__main__":
    main()
