"""The two database roles (README, "Drift i produktion"). The owner (DATABASE_OWNER_URL) owns
every table: it runs the migrations, gallring and the publication of statistics. The
application (DATABASE_URL) owns nothing: it may only add to the access log, never change a
signed journal note, a log review or the record of a gallring, never write a publication, and
cannot alter, drop or disable anything. Privileges are the first layer; the triggers of
dokumentation's migration 0013 are the second.

Without DATABASE_OWNER_URL (the SQLite demo, a single-role test set-up) one role does both.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connections

_INLOGGNING = ("USER", "PASSWORD", "HOST", "PORT")

# What the application role may not do, table by table, on top of SELECT, INSERT, UPDATE and
# DELETE everywhere else. TRUNCATE, REFERENCES and TRIGGER it never gets.
FORBJUDET = {
    "django_migrations": "INSERT, UPDATE, DELETE",
    "identitetsskydd_namn": "INSERT, UPDATE, DELETE",
    # The evidence: the access log only grows, a review and a gallring stay as written.
    "dokumentation_atkomstlogg": "UPDATE, DELETE",
    "dokumentation_logggranskning": "UPDATE, DELETE",
    "dokumentation_gallring": "INSERT, UPDATE, DELETE",
    # The security events only grow too (its trigger refuses as well; gallra is the owner).
    "organisation_sakerhetshandelse": "UPDATE, DELETE",
    # A signed note never changes; only gallring (the owner) deletes notes and people.
    "dokumentation_journalanteckning": "UPDATE, DELETE",
    "dokumentation_person": "DELETE",
    "dokumentation_rattelse": "UPDATE, DELETE",
    "uppfoljning_arsuppfoljning": "DELETE",
    # A decided change for a later day is withdrawn with its reason, never deleted.
    "insatser_beslutadandring": "DELETE",
    # A revoked export key stays, revoked: which consumer read with it can still be told.
    "uppfoljning_exportnyckel": "DELETE",
    # The published statistics are written by `manage.py publicera` as the owner, never by the
    # web application: a compromised application cannot publish figures of its own.
    "uppfoljning_publicering": "INSERT, UPDATE, DELETE",
    "uppfoljning_publiceringspost": "INSERT, UPDATE, DELETE",
}


def agare() -> dict[str, Any] | None:
    return getattr(settings, "DATABASE_OWNER", None)


def applikationsroll() -> str | None:
    """The application's role, when it is not the owner."""
    roll = getattr(settings, "DATABASE_APP_USER", None)
    a = agare()
    return roll if a and roll and roll != a["USER"] else None


@contextmanager
def som_agare(alias: str = "default") -> Iterator[None]:
    """Run the block connected as the owner (migrations, gallring); as the application role
    again afterwards. Does nothing with a single role."""
    a = agare()
    anslutning = connections[alias]
    if a is None or anslutning.settings_dict["USER"] == a["USER"]:
        yield
        return
    if anslutning.in_atomic_block:
        raise RuntimeError("Byte till ägarrollen mitt i en transaktion.")
    sparat = {k: anslutning.settings_dict.get(k) for k in _INLOGGNING}
    anslutning.close()
    anslutning.settings_dict.update({k: a.get(k) for k in _INLOGGNING})
    try:
        yield
    finally:
        anslutning.close()
        anslutning.settings_dict.update(sparat)


# The guards' functions read their tables by a fixed path: a temporary table of the same name
# (pg_temp comes first unless it is named) can never stand in for one.
FAST_SOKVAG = """
DO $$
DECLARE f regprocedure;
BEGIN
  FOR f IN
    SELECT p.oid::regprocedure FROM pg_proc AS p
    JOIN pg_namespace AS n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public'
      AND p.proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)
  LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, public, pg_temp', f);
  END LOOP;
END $$;
"""


def fast_sokvag(alias: str = "default") -> None:
    """After every migration, as the owner: every function of ours reads by a fixed path."""
    anslutning = connections[alias]
    if anslutning.vendor == "postgresql":
        with anslutning.cursor() as c:
            c.execute(FAST_SOKVAG)


def bevilja_applikationen(alias: str = "default") -> None:
    """Give the application role exactly what it needs, after every migration (new tables get
    the same). Run as the owner."""
    roll = applikationsroll()
    anslutning = connections[alias]
    if roll is None or anslutning.vendor != "postgresql":
        return
    with anslutning.cursor() as c:
        r = anslutning.ops.quote_name(roll)
        # No temporary tables: nothing the application needs, and nothing to hide behind.
        c.execute("SELECT current_database()")
        databas = anslutning.ops.quote_name(c.fetchone()[0])
        c.execute(f"REVOKE TEMPORARY ON DATABASE {databas} FROM PUBLIC")
        c.execute(f"REVOKE TEMPORARY ON DATABASE {databas} FROM {r}")
        c.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {r}")
        c.execute(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {r}")
        c.execute(f"GRANT USAGE ON SCHEMA public TO {r}")
        c.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}")
        c.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r}")
        for tabell, rattigheter in FORBJUDET.items():
            c.execute(f"REVOKE {rattigheter} ON {anslutning.ops.quote_name(tabell)} FROM {r}")
