"""Backup and restore as the README describes it: pg_dump of a database with data, pg_restore
into an empty one, and the same rows come back (so every report is the same)."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from dokumentation.kontakter.services import Personuppgifter
from tests.dokumentation.conftest import registrera
from uppfoljning import indikatorer
from uppfoljning.perioder import Period

PGBIN = Path(os.environ.get("PGBIN", "/usr/lib/postgresql/15/bin"))
TABELLER = [
    "insatser_insats",
    "insatser_villkor",
    "insatser_beslut",
    "dokumentation_kontakt",
    "dokumentation_deltagande",
    "dokumentation_tillfalle",
    "dokumentation_person",
    "dokumentation_atkomstlogg",
    "insatser_historicalinsats",
]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backup and restore are PostgreSQL's, as in production",
)


def kor(*argument):
    subprocess.run(argument, check=True)  # noqa: S603 - our own programs, fixed arguments


def innehall(dbnamn):
    """A fingerprint of every row of the tables that matter."""
    ut = {}
    with psycopg.connect(dbname=dbnamn) as anslutning, anslutning.cursor() as markor:
        for tabell in TABELLER:
            markor.execute(
                sql.SQL(
                    "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM {} t"
                ).format(sql.Identifier(tabell))
            )
            ut[tabell] = markor.fetchone()[0]
    return ut


@pytest.mark.django_db(transaction=True)
def test_dump_restores_into_an_empty_database(personal, grupp, full_dokumentation, tmp_path):
    registrera(personal, grupp, svar=["uppfyllt", "uppfyllt"], barnets_alder=5)
    registrera(
        personal,
        full_dokumentation,
        svar=["uppfyllt"],
        person=Personuppgifter("198112189876", "Anna", "Svensson", False),
    )
    rapport = indikatorer.Underlag(Period(2026)).siffror()
    kalla = connection.settings_dict["NAME"]
    dump = tmp_path / "iub.dump"
    kor(str(PGBIN / "pg_dump"), "--format=custom", "--no-owner", f"--file={dump}", kalla)
    mal = f"aterstalld_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True) as a:
        a.execute(f'CREATE DATABASE "{mal}"')
    try:
        kor(str(PGBIN / "pg_restore"), "--no-owner", f"--dbname={mal}", str(dump))
        assert innehall(mal) == innehall(kalla)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True) as a:
            a.execute(f'DROP DATABASE IF EXISTS "{mal}"')
    assert indikatorer.Underlag(Period(2026)).siffror() == rapport
