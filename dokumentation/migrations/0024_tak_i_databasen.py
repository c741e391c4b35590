"""The caps of 11 kap. 5 § in the database, second layer after dokumentation.regler
(sol_11_kap_5_tak, sol_11_kap_5_omgang): a talk or an attendance beyond the participation's
cap on sessions or time is stored only with a reason; a round has no more meetings than the
insats's cap on sessions; a new round keeps within the catalogue's group size and cap; and a
round takes no more participants than its own size. tests/dokumentation/test_tak.py runs the
same cases through the rule and through the database."""

from django.db import migrations

SKAPA = """
CREATE OR REPLACE FUNCTION iub_tak_11_5() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d record; dag date; antal integer;
BEGIN
  IF NEW.over_taket <> '' OR NEW.deltagande_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT max_tillfallen, max_varaktighet_manader, startdatum, tidigare_tillfallen INTO d
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
     AND dag >= d.startdatum + make_interval(months => d.max_varaktighet_manader) THEN
    RAISE EXCEPTION 'Den längsta tiden utan behovsprövning (% månader) har gått; fler tillfällen '
      'kräver ett skäl (11 kap. 5 § SoL)', d.max_varaktighet_manader
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tillfalle_tak BEFORE INSERT ON dokumentation_tillfalle
FOR EACH ROW WHEN (NEW.typ = 'individuellt') EXECUTE FUNCTION iub_tak_11_5();
CREATE TRIGGER narvaro_tak BEFORE INSERT ON dokumentation_narvaro
FOR EACH ROW EXECUTE FUNCTION iub_tak_11_5();

CREATE OR REPLACE FUNCTION iub_omgangens_traffar() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE hogst integer;
BEGIN
  SELECT i.max_tillfallen INTO hogst FROM insatser_insats i WHERE i.id = NEW.insats_id;
  IF hogst IS NOT NULL AND (
    SELECT count(*) FROM dokumentation_tillfalle WHERE omgang_id = NEW.omgang_id
  ) >= hogst THEN
    RAISE EXCEPTION 'En omgång har högst % träffar, insatsens tak (11 kap. 5 § SoL)', hogst
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tillfalle_omgangens_traffar BEFORE INSERT ON dokumentation_tillfalle
FOR EACH ROW WHEN (NEW.typ = 'grupptraff') EXECUTE FUNCTION iub_omgangens_traffar();

CREATE OR REPLACE FUNCTION iub_omgang_inom_katalogen() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE i record;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.antal_traffar = OLD.antal_traffar
     AND NEW.min_deltagare = OLD.min_deltagare AND NEW.max_deltagare = OLD.max_deltagare THEN
    RETURN NEW;
  END IF;
  SELECT max_tillfallen, gruppstorlek_min, gruppstorlek_max INTO i
  FROM insatser_insats WHERE id = NEW.insats_id;
  IF NEW.antal_traffar > i.max_tillfallen OR NEW.max_deltagare > i.gruppstorlek_max
     OR NEW.min_deltagare < i.gruppstorlek_min THEN
    RAISE EXCEPTION 'Omgången går utöver nämndens beslut om träffar eller gruppstorlek '
      '(11 kap. 5 § SoL)' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER omgang_inom_katalogen BEFORE INSERT OR UPDATE ON dokumentation_omgang
FOR EACH ROW EXECUTE FUNCTION iub_omgang_inom_katalogen();

CREATE OR REPLACE FUNCTION iub_omgang_plats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.omgang_id IS NULL OR NEW.status <> 'pagaende' OR (
    TG_OP = 'UPDATE' AND OLD.omgang_id IS NOT DISTINCT FROM NEW.omgang_id
    AND OLD.status = NEW.status
  ) THEN
    RETURN NEW;
  END IF;
  IF (
    SELECT count(*) FROM dokumentation_deltagande
    WHERE omgang_id = NEW.omgang_id AND status = 'pagaende' AND id IS DISTINCT FROM NEW.id
  ) >= (SELECT max_deltagare FROM dokumentation_omgang WHERE id = NEW.omgang_id) THEN
    RAISE EXCEPTION 'Omgången är full (11 kap. 5 § SoL)' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER deltagande_omgang_plats BEFORE INSERT OR UPDATE ON dokumentation_deltagande
FOR EACH ROW EXECUTE FUNCTION iub_omgang_plats();
"""

TA_BORT = """
DROP FUNCTION IF EXISTS iub_tak_11_5() CASCADE;
DROP FUNCTION IF EXISTS iub_omgangens_traffar() CASCADE;
DROP FUNCTION IF EXISTS iub_omgang_inom_katalogen() CASCADE;
DROP FUNCTION IF EXISTS iub_omgang_plats() CASCADE;
"""


def skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SKAPA, params=None)


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TA_BORT, params=None)


class Migration(migrations.Migration):
    dependencies = [("dokumentation", "0023_tak_skal_ny_kod_och_orosanmalan")]

    operations = [migrations.RunPython(skapa, ta_bort)]
