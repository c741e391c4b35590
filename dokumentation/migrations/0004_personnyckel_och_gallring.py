"""A random key per person that counts them in the statistics and outlives gallring; and the
log of gallring runs. The key is added in three steps so existing people each get their own."""

import uuid

from django.db import migrations, models


def ge_nycklar(apps, schema_editor):
    Person = apps.get_model("dokumentation", "Person")
    Deltagande = apps.get_model("dokumentation", "Deltagande")
    for person in Person.objects.all():
        person.nyckel = uuid.uuid4()
        person.save(update_fields=["nyckel"])
        Deltagande.objects.filter(person=person).update(personnyckel=person.nyckel)


class Migration(migrations.Migration):
    dependencies = [("dokumentation", "0003_atkomstlogg_bara_tillagg")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="nyckel",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="deltagande",
            name="personnyckel",
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(ge_nycklar, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="nyckel",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.RemoveConstraint(
            model_name="deltagande",
            name="deltagande_kod_eller_person",
        ),
        migrations.AddConstraint(
            model_name="deltagande",
            constraint=models.CheckConstraint(
                condition=models.Q(("person__isnull", False), ("deltagarkod__isnull", False),
                                   ("personnyckel__isnull", False), _connector="OR"),
                name="deltagande_kod_eller_person",
            ),
        ),
        migrations.CreateModel(
            name="Gallring",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("tidpunkt", models.DateTimeField(auto_now_add=True)),
                ("grans", models.DateField(verbose_name="senaste anteckning före")),
                ("personer", models.PositiveIntegerField()),
                ("deltaganden", models.PositiveIntegerField()),
                ("journalanteckningar", models.PositiveIntegerField()),
            ],
            options={"verbose_name": "gallring", "verbose_name_plural": "gallringar",
                     "ordering": ["-tidpunkt"]},
        ),
    ]
