"""An index for the waiting list at a period's end, per insats (issue 6, bench/RESULTS.md): the
few waiting participations of an insats, found without reading its others."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("dokumentation", "0010_index_for_besok"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="deltagande",
            index=models.Index(
                condition=models.Q(("status", "vantar")),
                fields=["insats", "startdatum"],
                name="deltagande_insats_vantar",
            ),
        ),
    ]
