"""14 kap. 4–5 §§ SoL: the access log records reads of identified data only, so a row can
never point to a participation without identity (and carry text about it into the log)."""

from django.db import migrations

SKAPA = """
CREATE OR REPLACE FUNCTION iub_logg_bara_identifierade() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM dokumentation_deltagande
    WHERE id = NEW.deltagande_id AND dokumentationsregel = '14:3' AND dokumenteras_externt = ''
  ) THEN
    RAISE EXCEPTION 'Åtkomstloggen gäller bara identifierade deltaganden (14 kap. 4–5 §§ SoL)'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER atkomstlogg_bara_identifierade BEFORE INSERT ON dokumentation_atkomstlogg
FOR EACH ROW EXECUTE FUNCTION iub_logg_bara_identifierade();
"""


def skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SKAPA, params=None)


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS iub_logg_bara_identifierade() CASCADE;", params=None
        )


class Migration(migrations.Migration):
    dependencies = [("dokumentation", "0015_kodade_kolumner_bara_koder")]

    operations = [migrations.RunPython(skapa, ta_bort)]
