"""The access log is append-only in the database itself: on PostgreSQL a trigger refuses every
UPDATE and DELETE of its rows, whoever asks. (SQLite, for the local demo only, has no such
guard; the model refuses changes there.)"""

from django.db import migrations

SKAPA = """
CREATE OR REPLACE FUNCTION dokumentation_atkomstlogg_bara_tillagg() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Åtkomstloggen kan bara läggas till, aldrig ändras eller tas bort';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER atkomstlogg_bara_tillagg
    BEFORE UPDATE OR DELETE ON dokumentation_atkomstlogg
    FOR EACH ROW EXECUTE FUNCTION dokumentation_atkomstlogg_bara_tillagg();
"""
TA_BORT = """
DROP TRIGGER IF EXISTS atkomstlogg_bara_tillagg ON dokumentation_atkomstlogg;
DROP FUNCTION IF EXISTS dokumentation_atkomstlogg_bara_tillagg();
"""


def skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SKAPA)


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TA_BORT)


class Migration(migrations.Migration):
    dependencies = [("dokumentation", "0002_avvisning")]

    operations = [migrations.RunPython(skapa, ta_bort)]
