"""14 kap. 4–5 §§ SoL: the board paper's summary and the guideline follow-up's texts go to the
nämnd, as the yearly follow-up does. spara_namndrapport and spara_riktlinjeuppfoljning read
them with the identity guard; now the database refuses the same, as it does for the yearly
follow-up (0002), so a hand-written statement or a bug cannot store them either."""

from django.db import migrations

from identitetsskydd.sql import trigger

TABELLER = {
    "uppfoljning_namndrapport": ["sammanfattning"],
    "uppfoljning_riktlinjeuppfoljning": [
        "anvandning",
        "rattigheter",
        "dokumentation",
        "risker",
        "forslag",
    ],
}


def skapa(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for tabell, kolumner in TABELLER.items():
            schema_editor.execute(trigger(tabell, kolumner), params=None)


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for tabell in TABELLER:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {tabell}_fritext_utan_identitet ON {tabell};"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("uppfoljning", "0006_exportnyckel_paminnelse"),
        ("identitetsskydd", "0002_granskning_okanda_texter"),
    ]

    operations = [migrations.RunPython(skapa, ta_bort)]
