"""Participants and the waiting list are one kept query now, `deltagare_och_vantelista`, with
each period a column of one row per insats (issue 6): what was kept under the two old names is
no longer read, and is removed."""

from django.db import migrations


def glom(apps, schema_editor):
    apps.get_model("dokumentation", "Statistikcache").objects.filter(
        fraga__in=["deltagare", "vantelista"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dokumentation", "0010_index_for_besok"),
    ]

    operations = [migrations.RunPython(glom, migrations.RunPython.noop)]
