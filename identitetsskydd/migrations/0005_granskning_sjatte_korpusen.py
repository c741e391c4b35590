"""The guard's functions again, written from the current monster.py after the sixth corpus: a
mobile number written backwards, the last four before the birth date, an LMA card's number,
the social services' and the police's case numbers (the board's dnr still passes), a user
name before its platform, an e-mail's user name after "mejl är", number words in one word
("sjuttiosju"), an owner of a business in a place, a role the municipality has one of, the
only or oldest of a kind in a small place, and service numbers (020, 077) that pass. The name
table gets Uno and Day as ambiguous."""

from django.db import migrations


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("identitetsskydd", "0004_granskning_linjar_tid")]

    operations = [migrations.RunPython(installera, migrations.RunPython.noop)]
