"""The guard's functions again after the eleventh corpus. Shared patterns (both sides):
initials with dots ("A.K."), a case number at the end of a word ("skuldsaneringsärende 12-…"),
a bank's name before "konto", "born"/"dob", a class without "i" and a pre-school class, "hennes
man" as a person, number words as they are said ("sjuttitre"), a unit named by what it does
and its number. The database's name rules gain those Python had alone (names in capitals,
letters Swedish does not write, a name split at a scan's line break, a group named by its
member, a nickname in quotes after "kallas") and the new ones of namnregler_form (a surname's
ending, a foreign name in -an, a nickname in quotes at a sentence's start, "Mr." with its dot);
a web address's name is compared with its letters' marks folded, so the name list gets an index
on that form."""

from django.db import migrations

from identitetsskydd.granskning import VIKNING


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


def vikt_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    fran, till = (v.replace("'", "''") for v in VIKNING)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS identitetsskydd_namn_vikt ON identitetsskydd_namn"
        f" (translate(namn, '{fran}', '{till}'))",
        params=None,
    )


class Migration(migrations.Migration):
    dependencies = [("identitetsskydd", "0010_granskning_tionde_korpusen")]

    operations = [
        migrations.RunPython(vikt_index, migrations.RunPython.noop),
        migrations.RunPython(installera, migrations.RunPython.noop),
    ]
