"""The guard's functions again, written from the current monster.py: capitals and small
letters are every letter Python reads as one (not only Latin-1), so "Kovačević" is a name in
the database too; house names and local places with a number, surnames with a particle,
numbers said partly in words and a personnummer that lost its leading zero are refused; a
pet's name and "Mamma Mia" are not a person (see tests/identitetsskydd/korpus/*_5.tsv)."""

from django.db import migrations


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("identitetsskydd", "0002_granskning_okanda_texter")]

    operations = [migrations.RunPython(installera, migrations.RunPython.noop)]
