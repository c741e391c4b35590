"""The kept statistics of closed periods (0008) go: every figure the board sees is now computed
once per period and frozen as a publication (uppfoljning 0003), so nothing reads them. The
change counters' triggers and functions go with them, so a registration no longer pays for
them. Reversing recreates the empty tables and the triggers of 0008."""

import importlib

from django.db import migrations

_0008 = importlib.import_module("dokumentation.migrations.0008_statistik_for_stangda_perioder")


class Migration(migrations.Migration):
    dependencies = [
        ("dokumentation", "0017_atkomstloggens_bevarandetid"),
    ]

    operations = [
        migrations.RunPython(_0008.ta_bort, _0008.skapa),
        migrations.DeleteModel(name="Statistikcache"),
        migrations.DeleteModel(name="Andringsraknare"),
    ]
