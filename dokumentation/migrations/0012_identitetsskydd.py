"""14 kap. 3–5 §§ SoL in the database: the identity guard's triggers on the free text of
records without identity (participations, rounds, villkor answers), the documentation rule
frozen once an insats has records and never changed on a participation, journal notes only on
an identified 14:3 participation; a participation keeps the caps in force when it started.
Rows stored before are not refused here: `manage.py granska_fritext --databasen` lists them."""

from django.db import migrations, models
import django.db.models.deletion
from django.db.models import OuterRef, Subquery

from identitetsskydd.sql import trigger

LAS = """
CREATE OR REPLACE FUNCTION iub_regel_last() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.dokumentationsregel IS DISTINCT FROM NEW.dokumentationsregel
      OR coalesce(btrim(OLD.verksamhetssystem), '') IS DISTINCT FROM
         coalesce(btrim(NEW.verksamhetssystem), ''))
     AND (EXISTS (SELECT 1 FROM dokumentation_kontakt WHERE insats_id = OLD.id)
          OR EXISTS (SELECT 1 FROM dokumentation_omgang WHERE insats_id = OLD.id)
          OR EXISTS (SELECT 1 FROM dokumentation_tillfalle WHERE insats_id = OLD.id)) THEN
    RAISE EXCEPTION 'Insatsens dokumentationsregel kan inte ändras när den har registreringar; '
      'ett nytt beslut ger en ny insats (14 kap. 3–5 §§ SoL)' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS insats_regel_last ON insatser_insats;
CREATE TRIGGER insats_regel_last BEFORE UPDATE OF dokumentationsregel, verksamhetssystem
ON insatser_insats FOR EACH ROW EXECUTE FUNCTION iub_regel_last();

CREATE OR REPLACE FUNCTION iub_deltagande_regel() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r text; v text;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.dokumentationsregel IS DISTINCT FROM OLD.dokumentationsregel
       OR NEW.dokumenteras_externt IS DISTINCT FROM OLD.dokumenteras_externt
       OR NEW.insats_id IS DISTINCT FROM OLD.insats_id THEN
      RAISE EXCEPTION 'Ett deltagandes insats och dokumentationsregel ändras aldrig '
        '(14 kap. 3–5 §§ SoL)' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  SELECT dokumentationsregel, coalesce(btrim(verksamhetssystem), '') INTO r, v
  FROM insatser_insats WHERE id = NEW.insats_id;
  IF NEW.dokumentationsregel IS DISTINCT FROM r OR NEW.dokumenteras_externt IS DISTINCT FROM v THEN
    RAISE EXCEPTION 'Deltagandet dokumenteras enligt insatsens regel (14 kap. 3–5 §§ SoL)'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS deltagande_regel ON dokumentation_deltagande;
CREATE TRIGGER deltagande_regel BEFORE INSERT OR UPDATE ON dokumentation_deltagande
FOR EACH ROW EXECUTE FUNCTION iub_deltagande_regel();

CREATE OR REPLACE FUNCTION iub_journal_bara_14_3() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM dokumentation_deltagande
    WHERE id = NEW.deltagande_id AND dokumentationsregel = '14:3' AND dokumenteras_externt = ''
  ) THEN
    RAISE EXCEPTION 'Journalanteckningar förs bara för deltaganden enligt 14 kap. 3 § SoL '
      'som dokumenteras här' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS journal_bara_14_3 ON dokumentation_journalanteckning;
CREATE TRIGGER journal_bara_14_3 BEFORE INSERT OR UPDATE OF deltagande_id
ON dokumentation_journalanteckning FOR EACH ROW EXECUTE FUNCTION iub_journal_bara_14_3();
"""


def skapa(apps, schema_editor):
    Deltagande = apps.get_model("dokumentation", "Deltagande")
    Insats = apps.get_model("insatser", "Insats")
    insats = Insats.objects.filter(pk=OuterRef("insats_id"))
    Deltagande.objects.update(
        max_tillfallen=Subquery(insats.values("max_tillfallen")[:1]),
        max_varaktighet_manader=Subquery(insats.values("max_varaktighet_manader")[:1]),
    )
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        trigger(
            "dokumentation_deltagande",
            ["problem_text", "avbrott_text"],
            villkor="NEW.dokumentationsregel <> '14:3' OR NEW.dokumenteras_externt <> ''",
        )
        + trigger("dokumentation_omgang", ["benamning"])
        + trigger("dokumentation_villkorssvar", ["villkor_text"])
        + LAS,
        params=None,
    )


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS dokumentation_deltagande_fritext_utan_identitet"
        " ON dokumentation_deltagande;"
        "DROP TRIGGER IF EXISTS dokumentation_omgang_fritext_utan_identitet"
        " ON dokumentation_omgang;"
        "DROP TRIGGER IF EXISTS dokumentation_villkorssvar_fritext_utan_identitet"
        " ON dokumentation_villkorssvar;"
        "DROP FUNCTION IF EXISTS iub_regel_last() CASCADE;"
        "DROP FUNCTION IF EXISTS iub_deltagande_regel() CASCADE;"
        "DROP FUNCTION IF EXISTS iub_journal_bara_14_3() CASCADE;"
    )

class Migration(migrations.Migration):

    dependencies = [
        ("identitetsskydd", "0001_namn_och_granskning"),
        ('dokumentation', '0011_statistik_deltagare_och_vantelista'),
        ('insatser', '0004_katalogversion'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='deltagande',
            name='deltagande_fritext_utan_personnummer',
        ),
        migrations.AddField(
            model_name='deltagande',
            name='max_tillfallen',
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name='högst antal tillfällen'),
        ),
        migrations.AddField(
            model_name='deltagande',
            name='max_varaktighet_manader',
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name='längsta tid (månader)'),
        ),
        migrations.AddField(
            model_name='villkorssvar',
            name='villkor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='insatser.villkor'),
        ),
        migrations.AlterField(
            model_name='villkorssvar',
            name='villkor_text',
            field=models.CharField(blank=True, default='', max_length=300),
        ),
        migrations.RunPython(skapa, ta_bort),
    ]
