"""An insats never moves to another catalogue. Each nämnd decides its own catalogue (11 kap.
5 §), and the statistics of an insats are its records whichever catalogue it is in: moved in
the middle of a year, the new catalogue's year would hold the spring its first half-year never
published (the year less its half-years would be the moved records, a small count for anyone
who subtracts), and the old one's half-year would hold an insats its year no longer has. What
another nämnd takes over is a new insats in its own catalogue, under its own decision. No part
of the app moves one; the database refuses it from anyone (the admin, an import, SQL). (SQLite,
for the local demo only, has no such trigger.)"""

from django.db import migrations

FUNKTION = """
CREATE OR REPLACE FUNCTION iub_insats_byter_aldrig_katalog() RETURNS trigger AS $$
BEGIN
    IF NEW.katalog_id IS DISTINCT FROM OLD.katalog_id THEN
        RAISE EXCEPTION 'En insats flyttas aldrig till en annan katalog (11 kap. 5 §)'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def skapa(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNKTION)
    schema_editor.execute(
        "CREATE TRIGGER insatser_insats_byter_aldrig_katalog BEFORE UPDATE OF katalog_id "
        "ON insatser_insats FOR EACH ROW EXECUTE FUNCTION iub_insats_byter_aldrig_katalog()"
    )


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS insatser_insats_byter_aldrig_katalog ON insatser_insats"
    )
    schema_editor.execute("DROP FUNCTION IF EXISTS iub_insats_byter_aldrig_katalog()")


class Migration(migrations.Migration):
    dependencies = [("insatser", "0013_insats_slutar_inte_fore_start")]

    operations = [migrations.RunPython(skapa, ta_bort)]
