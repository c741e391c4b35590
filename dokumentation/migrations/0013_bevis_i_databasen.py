"""The evidence in the database, second layer after the privileges of the application role
(organisation/databasroller.py): a signed journal note never changes and only the owner
(gallring) deletes it or a person; a log review, a signed yearly follow-up and the record of a
gallring never change; no table of evidence is truncated except by the owner. The triggers do
not read any setting a role could SET to skip them."""

from django.db import migrations, models

AGARE = "pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')"

SKAPA = f"""
CREATE OR REPLACE FUNCTION iub_bara_agaren_tar_bort() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND {AGARE} THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '%: %', TG_ARGV[0], TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

CREATE OR REPLACE FUNCTION iub_aldrig_andras() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: %', TG_ARGV[0], TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

CREATE OR REPLACE FUNCTION iub_bara_agaren_tommer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {AGARE} THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'Bevis töms aldrig: %', TG_TABLE_NAME USING ERRCODE = 'check_violation';
END $$;

CREATE OR REPLACE FUNCTION iub_signerad_uppfoljning() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'signerad' THEN
    RAISE EXCEPTION 'En signerad årsuppföljning ändras aldrig' USING ERRCODE = 'check_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER journal_signerad_andras_aldrig BEFORE UPDATE ON dokumentation_journalanteckning
FOR EACH ROW EXECUTE FUNCTION iub_aldrig_andras(
  'En signerad journalanteckning ändras aldrig; en rättelse är en ny anteckning (14 kap. 3 § SoL)');
CREATE TRIGGER journal_bara_gallring_tar_bort BEFORE DELETE ON dokumentation_journalanteckning
FOR EACH ROW EXECUTE FUNCTION iub_bara_agaren_tar_bort('Bara gallringen tar bort anteckningar');
CREATE TRIGGER person_bara_gallring_tar_bort BEFORE DELETE ON dokumentation_person
FOR EACH ROW EXECUTE FUNCTION iub_bara_agaren_tar_bort('Bara gallringen tar bort personer');
CREATE TRIGGER logggranskning_andras_aldrig BEFORE UPDATE OR DELETE
ON dokumentation_logggranskning
FOR EACH ROW EXECUTE FUNCTION iub_aldrig_andras('En logggranskning ändras aldrig');
CREATE TRIGGER gallring_andras_aldrig BEFORE UPDATE OR DELETE ON dokumentation_gallring
FOR EACH ROW EXECUTE FUNCTION iub_aldrig_andras('En gallring ändras aldrig');
CREATE TRIGGER arsuppfoljning_signerad_andras_aldrig BEFORE UPDATE OR DELETE
ON uppfoljning_arsuppfoljning
FOR EACH ROW EXECUTE FUNCTION iub_signerad_uppfoljning();
"""
TOMMA = [
    "dokumentation_atkomstlogg",
    "dokumentation_journalanteckning",
    "dokumentation_person",
    "dokumentation_logggranskning",
    "dokumentation_gallring",
    "uppfoljning_arsuppfoljning",
]
SKAPA += "".join(
    f"CREATE TRIGGER {t}_tom BEFORE TRUNCATE ON {t} "
    "FOR EACH STATEMENT EXECUTE FUNCTION iub_bara_agaren_tommer();\n"
    for t in TOMMA
)
TA_BORT = (
    "DROP FUNCTION IF EXISTS iub_bara_agaren_tar_bort() CASCADE;"
    "DROP FUNCTION IF EXISTS iub_aldrig_andras() CASCADE;"
    "DROP FUNCTION IF EXISTS iub_bara_agaren_tommer() CASCADE;"
    "DROP FUNCTION IF EXISTS iub_signerad_uppfoljning() CASCADE;"
)


def skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SKAPA, params=None)


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TA_BORT, params=None)

class Migration(migrations.Migration):

    dependencies = [
        ('uppfoljning', '0002_arsuppfoljning_utan_identitet'),
        ('dokumentation', '0012_identitetsskydd'),
    ]

    operations = [
        migrations.AddField(
            model_name='gallring',
            name='fritexter',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='gallring',
            name='sparade',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='gallring',
            name='utford_av',
            field=models.CharField(blank=True, max_length=100, verbose_name='utförd av (databasroll)'),
        ),
        migrations.RunPython(skapa, ta_bort),
    ]
