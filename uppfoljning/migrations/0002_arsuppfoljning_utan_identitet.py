"""14 kap. 4–5 §§ SoL: the yearly follow-up goes to the nämnd and is published; its texts are
refused by the identity guard's trigger if they may reveal who someone is."""

from django.db import migrations

from identitetsskydd.sql import trigger

KOLUMNER = ["analys", "sammanfattning", "slutsats", "forslag_text"]


def skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(trigger("uppfoljning_arsuppfoljning", KOLUMNER), params=None)


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS uppfoljning_arsuppfoljning_fritext_utan_identitet"
            " ON uppfoljning_arsuppfoljning;"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("uppfoljning", "0001_arsuppfoljning"),
        ("identitetsskydd", "0001_namn_och_granskning"),
    ]

    operations = [migrations.RunPython(skapa, ta_bort)]
