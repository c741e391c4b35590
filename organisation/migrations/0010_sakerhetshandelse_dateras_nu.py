"""Evidence is dated when it is written: the application role cannot add a security event (or,
with dokumentation's 0029, an access-log row or a log review) dated in the past or the future,
so a forged row cannot slip into a month already reviewed or hide among old ones. The owner
(migrations, `gallra`, the tests' fixtures) is not bound. Nor can the application role empty
the security events: TRUNCATE is refused like the other evidence's (dokumentation's 0013); it
lacks the privilege too, this is the second layer."""

from django.db import migrations

AGARE = "pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')"

# The application stamps its rows with its own clock (auto_now_add) before the INSERT: a few
# minutes either side of the database's for a clock set apart or a long transaction.
SKAPA = f"""
CREATE OR REPLACE FUNCTION iub_dateras_nu() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t timestamptz := (to_jsonb(NEW) ->> TG_ARGV[0])::timestamptz;
BEGIN
  IF {AGARE} THEN
    RETURN NEW;
  END IF;
  IF t IS NULL OR t < now() - interval '5 minutes'
     OR t > clock_timestamp() + interval '5 minutes' THEN
    RAISE EXCEPTION 'Bevis dateras när de skrivs: %.% = %', TG_TABLE_NAME, TG_ARGV[0], t
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION iub_sakerhetshandelser_tommes_aldrig() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF {AGARE} THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'Bevis töms aldrig: %', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

CREATE TRIGGER sakerhetshandelse_dateras_nu BEFORE INSERT ON organisation_sakerhetshandelse
FOR EACH ROW EXECUTE FUNCTION iub_dateras_nu('tid');
CREATE TRIGGER sakerhetshandelse_toms_aldrig BEFORE TRUNCATE ON organisation_sakerhetshandelse
FOR EACH STATEMENT EXECUTE FUNCTION iub_sakerhetshandelser_tommes_aldrig();
"""
TA_BORT = """
DROP FUNCTION IF EXISTS iub_sakerhetshandelser_tommes_aldrig() CASCADE;
DROP FUNCTION IF EXISTS iub_dateras_nu() CASCADE;
"""


def skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SKAPA, params=None)


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TA_BORT, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0009_sakerhetshandelse_behorighet"),
    ]

    operations = [migrations.RunPython(skapa, ta_bort)]
