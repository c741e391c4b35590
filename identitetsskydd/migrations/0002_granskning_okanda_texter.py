"""The guard's functions again, written from the current monster.py: digits of other scripts
and look-alike letters are normalised, and accounts, registration numbers, case numbers,
school classes and one-person roles at a workplace are refused (see the held-out corpus
tests/identitetsskydd/korpus/*_4.tsv)."""

from django.db import migrations


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("identitetsskydd", "0001_namn_och_granskning")]

    operations = [migrations.RunPython(installera, migrations.RunPython.noop)]
