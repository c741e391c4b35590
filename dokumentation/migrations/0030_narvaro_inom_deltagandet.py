"""Presence at a group meeting lies within the participation: nobody is recorded at a meeting
held before they began, whatever the code does (dokumentation.tillfallen.services.andra_narvaro
lists and accepts only those who had begun; this is the second layer). A participation's start
corrected to after a meeting it was at, and a meeting's date corrected to before a participant's
start, are refused the same way (dokumentation.rattelser)."""

from django.db import migrations

SKAPA = """
CREATE FUNCTION iub_narvaro_inom_deltagandet() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'dokumentation_narvaro' THEN
    IF EXISTS (SELECT 1 FROM dokumentation_tillfalle t, dokumentation_deltagande d
               WHERE t.id = NEW.tillfalle_id AND d.id = NEW.deltagande_id
                 AND t.datum < d.startdatum) THEN
      RAISE EXCEPTION 'närvaro vid en träff före deltagandets start'
        USING ERRCODE = 'check_violation';
    END IF;
  ELSIF TG_TABLE_NAME = 'dokumentation_deltagande' THEN
    IF NEW.startdatum > OLD.startdatum AND EXISTS (
         SELECT 1 FROM dokumentation_narvaro n JOIN dokumentation_tillfalle t ON t.id = n.tillfalle_id
         WHERE n.deltagande_id = NEW.id AND t.datum < NEW.startdatum) THEN
      RAISE EXCEPTION 'deltagandets start efter en träff personen var med på'
        USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW.datum < OLD.datum AND EXISTS (
         SELECT 1 FROM dokumentation_narvaro n JOIN dokumentation_deltagande d ON d.id = n.deltagande_id
         WHERE n.tillfalle_id = NEW.id AND d.startdatum > NEW.datum) THEN
    RAISE EXCEPTION 'träffen före starten för en deltagare som var med'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER narvaro_inom_deltagandet BEFORE INSERT OR UPDATE ON dokumentation_narvaro
FOR EACH ROW EXECUTE FUNCTION iub_narvaro_inom_deltagandet();
CREATE TRIGGER deltagande_start_fore_narvaro BEFORE UPDATE OF startdatum ON dokumentation_deltagande
FOR EACH ROW EXECUTE FUNCTION iub_narvaro_inom_deltagandet();
CREATE TRIGGER traff_efter_deltagarnas_start BEFORE UPDATE OF datum ON dokumentation_tillfalle
FOR EACH ROW EXECUTE FUNCTION iub_narvaro_inom_deltagandet();
"""
TA_BORT = """
DROP TRIGGER IF EXISTS narvaro_inom_deltagandet ON dokumentation_narvaro;
DROP TRIGGER IF EXISTS deltagande_start_fore_narvaro ON dokumentation_deltagande;
DROP TRIGGER IF EXISTS traff_efter_deltagarnas_start ON dokumentation_tillfalle;
DROP FUNCTION IF EXISTS iub_narvaro_inom_deltagandet();
"""


def skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SKAPA, params=None)


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TA_BORT, params=None)


class Migration(migrations.Migration):
    dependencies = [("dokumentation", "0029_loggen_dateras_nu")]

    operations = [migrations.RunPython(skapa, ta_bort)]
