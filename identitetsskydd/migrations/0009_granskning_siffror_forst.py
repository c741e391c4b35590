"""The guard's functions again, the same rules run more cheaply: the patterns that need a
digit run only on a text with one (found without a regular expression), and a name's
separators are compared without regular expressions, so that a text without digits runs
fewer expressions than PostgreSQL keeps compiled per session (sql._kraver_siffra)."""

from django.db import migrations


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("identitetsskydd", "0008_granskning_nionde_korpusen")]

    operations = [migrations.RunPython(installera, migrations.RunPython.noop)]
