"""The guard's functions again, written from the current monster.py after the seventh corpus:
a full date of birth (in digits or words), a bank account, a block or property and its
number, "Gläntan 7 i Gottsunda", a number said to be written backwards (any number, not only
a mobile), the only one in a job at a place, the first or only of a kind in the municipality,
more platforms and user names, a person's own web page, registration numbers after more
words, a case at an authority "hos Kronofogden" or in Försäkringskassan's form, and the
board's own hyphenated diarienummer ("ärende SN-2025-123") that passes. Names: a name at the
start of a sentence with how a person is ("Olle var berusad"), two unknown names before a
verb, a name in small letters or in quotes after a verb with a person as object ("pratade
med kalle"), a name in apposition ("mannen, Lars af Ekström,"), and a name that is part of a
place's name ("Gustav Adolfs torg") that passes. Rules that were Python's only: "enligt Nisse
själv", "kalle kom inte", "lisa o hennes mamma", "mamman till ”Putte”", and web addresses
named after people (iub_webbskal). Separators are compared without regular expressions, to
stay within PostgreSQL's 32 compiled expressions per session."""

from django.db import migrations


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("identitetsskydd", "0005_granskning_sjatte_korpusen")]

    operations = [migrations.RunPython(installera, migrations.RunPython.noop)]
