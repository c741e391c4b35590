"""The guard's functions again after the tenth corpus: years and dates of birth ("f. 87",
"född -87", "12/3-87"), LMA card numbers after the letters, mobile numbers without their zero
or after a list's digit, numbers said in words run together ("nollsjuttio etthundratjugotre"),
the only one with adjectives or in "sin klass", a unit's reception and its number; and the
name rules: a name and an age ("Saga 8 år"), a signature ("/Sanna"), an unknown name before a
verb of saying and a pronoun, two unknown names before a verb, and a work's or a theme's
characters as no persons ("Högläsning: Moby Dick")."""

from django.db import migrations


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("identitetsskydd", "0009_granskning_siffror_forst")]

    operations = [migrations.RunPython(installera, migrations.RunPython.noop)]
