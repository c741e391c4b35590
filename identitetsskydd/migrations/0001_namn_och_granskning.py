"""The name table and the guard's functions in PostgreSQL (written from monster.py)."""

from django.db import migrations, models


def installera(apps, schema_editor):
    from identitetsskydd.sql import installera

    installera(schema_editor)


def ta_bort(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS iub_vakta_fritext() CASCADE;"
        "DROP FUNCTION IF EXISTS iub_fritext_skal(text);"
        "DROP FUNCTION IF EXISTS iub_namnskal(text);"
        "DROP FUNCTION IF EXISTS iub_personnummer_i(text);"
        "DROP FUNCTION IF EXISTS iub_personnummerkod(text);"
        "DROP FUNCTION IF EXISTS iub_normalisera(text);"
    )


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Namn",
            fields=[
                ("namn", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("fornamn", models.BooleanField(default=False)),
                ("efternamn", models.BooleanField(default=False)),
                ("tvetydig", models.BooleanField(default=False)),
            ],
            options={"verbose_name": "namn", "verbose_name_plural": "namn"},
        ),
        migrations.RunPython(installera, ta_bort),
    ]
