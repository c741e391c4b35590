"""A person is registered per utförare: staff at one utförare can never reach what another
has stored about someone through the personnummer."""

import django.db.models.deletion
from django.db import migrations, models


def satt_utforare(apps, schema_editor):
    Person = apps.get_model("dokumentation", "Person")
    Deltagande = apps.get_model("dokumentation", "Deltagande")
    for person in Person.objects.all():
        utforare = list(Deltagande.objects.filter(person=person)
                        .values_list("utforare_id", flat=True).distinct())
        person.utforare_id = utforare[0]
        person.save(update_fields=["utforare"])
        for annan in utforare[1:]:
            # One person at several utförare becomes one person per utförare.
            kopia = Person.objects.create(
                utforare_id=annan, personnummer=person.personnummer, fornamn=person.fornamn,
                efternamn=person.efternamn, skyddad_identitet=person.skyddad_identitet)
            Deltagande.objects.filter(person=person, utforare_id=annan).update(person=kopia)


class Migration(migrations.Migration):
    dependencies = [
        ("dokumentation", "0005_logggranskning"),
        ("organisation", "0001_anvandare_utforare_behorighet"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="personnummer",
            field=models.CharField(max_length=12, verbose_name="personnummer"),
        ),
        migrations.AddField(
            model_name="person",
            name="utforare",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="organisation.utforare"),
        ),
        migrations.RunPython(satt_utforare, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="person",
            name="utforare",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="organisation.utforare"),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(fields=("utforare", "personnummer"),
                                               name="person_unik_per_utforare"),
        ),
    ]
