"""The guard's functions again after the thirteenth corpus, ordinary texts that name famous
people, works, brands, feasts and places: names no rule reads as a participant's
(namnregler_kanda, mirrored in sql_kanda): a well-known full name used as such
(data/kanda.tsv), a feast, names before a passive verb of a feast or a work, a title before
"är en bok", a brand and a product's word, a royal's title, a city after "i" and a restaurant
before its food."""

from django.db import migrations


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("identitetsskydd", "0012_granskning_tolfte_korpusen")]

    operations = [migrations.RunPython(installera, migrations.RunPython.noop)]
