"""The guard's functions again, written from the current monster.py after the ninth corpus
(school social work, an addiction drop-in, interpreted talks, carers' groups, debt
counselling, pasted text messages and scans): "konto i Swedbank", "personkontot hos Nordea"
and "kortnummer" before digits are a bank account or card, "plåten M L B 4 5 2" a car, "Går i
8B på …" a school and class with a capital, "kyrkoherde i Sala" a role the place has one of,
"Mr" and "Mrs" titles; an organisation's switchboard or helpline and its number ("kommunens
växel 0224-74 70 00") and a 010 number are no person's; Svea, Vasa and Anon need context to be
a name ("Svea Ekonomi", "Träffpunkt Vasa", "Al-Anon")."""

from django.db import migrations


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("identitetsskydd", "0007_granskning_attonde_korpusen")]

    operations = [migrations.RunPython(installera, migrations.RunPython.noop)]
