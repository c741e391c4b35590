"""The access log and the log reviews are dated when they are written: the application role
cannot add a row dated in the past or the future (organisation's 0010, `iub_dateras_nu`), so a
forged read cannot be put into a month already reviewed, nor a review made to look older."""

from django.db import migrations

SKAPA = """
CREATE TRIGGER atkomstlogg_dateras_nu BEFORE INSERT ON dokumentation_atkomstlogg
FOR EACH ROW EXECUTE FUNCTION iub_dateras_nu('tidpunkt');
CREATE TRIGGER logggranskning_dateras_nu BEFORE INSERT ON dokumentation_logggranskning
FOR EACH ROW EXECUTE FUNCTION iub_dateras_nu('tidpunkt');
"""
TA_BORT = """
DROP TRIGGER IF EXISTS atkomstlogg_dateras_nu ON dokumentation_atkomstlogg;
DROP TRIGGER IF EXISTS logggranskning_dateras_nu ON dokumentation_logggranskning;
"""


def skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SKAPA, params=None)


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TA_BORT, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("dokumentation", "0028_deltagande_avslutsnyckel"),
        ("organisation", "0010_sakerhetshandelse_dateras_nu"),
    ]

    operations = [migrations.RunPython(skapa, ta_bort)]
