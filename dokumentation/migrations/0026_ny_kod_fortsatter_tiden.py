"""A new deltagarkod continues the old code's time as well as its talks (11 kap. 5 §): the day
the person began with the old code, and the database's cap guard (migration 0024) counts the
longest time without assessment from it."""

from django.db import migrations, models

# iub_tak_11_5 of migration 0024, with the time counted from coalesce(tidigare_start, startdatum).
FUNKTION = """
CREATE OR REPLACE FUNCTION iub_tak_11_5() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d record; dag date; antal integer;
BEGIN
  IF NEW.over_taket <> '' OR NEW.deltagande_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT max_tillfallen, max_varaktighet_manader, {start} AS fran, tidigare_tillfallen INTO d
  FROM dokumentation_deltagande WHERE id = NEW.deltagande_id;
  IF NOT FOUND THEN
    RETURN NEW;
  END IF;
  IF TG_TABLE_NAME = 'dokumentation_narvaro' THEN
    SELECT datum INTO dag FROM dokumentation_tillfalle WHERE id = NEW.tillfalle_id;
  ELSE
    dag := NEW.datum;
  END IF;
  IF d.max_tillfallen IS NOT NULL THEN
    antal := d.tidigare_tillfallen
      + (SELECT count(*) FROM dokumentation_tillfalle WHERE deltagande_id = NEW.deltagande_id)
      + (SELECT count(*) FROM dokumentation_narvaro WHERE deltagande_id = NEW.deltagande_id);
    IF antal >= d.max_tillfallen THEN
      RAISE EXCEPTION 'Taket på % tillfällen utan behovsprövning är nått; fler kräver ett skäl '
        '(11 kap. 5 § SoL)', d.max_tillfallen USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF d.max_varaktighet_manader IS NOT NULL
     AND dag >= d.fran + make_interval(months => d.max_varaktighet_manader) THEN
    RAISE EXCEPTION 'Den längsta tiden utan behovsprövning (% månader) har gått; fler tillfällen '
      'kräver ett skäl (11 kap. 5 § SoL)', d.max_varaktighet_manader
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
"""


def fortsatt(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sql = FUNKTION.format(start="coalesce(tidigare_start, startdatum)")
        schema_editor.execute(sql, params=None)


def som_forut(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNKTION.format(start="startdatum"), params=None)


class Migration(migrations.Migration):
    dependencies = [("dokumentation", "0025_standardvarden_i_databasen")]

    operations = [
        migrations.AddField(
            model_name="deltagande",
            name="tidigare_start",
            field=models.DateField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="började med den tidigare koden",
            ),
        ),
        migrations.AddConstraint(
            model_name="deltagande",
            constraint=models.CheckConstraint(
                condition=models.Q(tidigare_start__isnull=True)
                | models.Q(tidigare_start__lte=models.F("startdatum"), tidigare_tillfallen__gt=0),
                name="deltagande_tidigare_start_fore_koden",
            ),
        ),
        migrations.RunPython(fortsatt, som_forut),
    ]
