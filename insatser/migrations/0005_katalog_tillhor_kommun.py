"""Each catalogue belongs to a municipality (organisation.Kommun), made here from its name. The
nämnd's roles held before municipalities existed saw every catalogue: they keep that, one
role per municipality, so nobody loses or gains access by the migration."""

import django.db.models.deletion
from django.db import migrations, models


PER_KOMMUN = ["verksamhetschef", "namndsekreterare"]


def kommuner(apps, schema_editor):
    Katalog = apps.get_model("insatser", "Katalog")
    Kommun = apps.get_model("organisation", "Kommun")
    Behorighet = apps.get_model("organisation", "Behorighet")
    for katalog in Katalog.objects.all():
        katalog.kommunen, _ = Kommun.objects.get_or_create(
            namn=katalog.kommun, defaults={"slug": katalog.slug}
        )
        katalog.save(update_fields=["kommunen"])
    alla = list(Kommun.objects.all())
    for b in Behorighet.objects.filter(roll__in=PER_KOMMUN, kommun__isnull=True):
        if not alla:  # no catalogue yet: the role means nothing until one exists
            b.delete()
            continue
        b.kommun = alla[0]
        b.save(update_fields=["kommun"])
        for kommun in alla[1:]:
            Behorighet.objects.get_or_create(anvandare_id=b.anvandare_id, roll=b.roll, kommun=kommun)


class Migration(migrations.Migration):

    dependencies = [
        ('insatser', '0004_katalogversion'),
        ('organisation', '0004_kommun'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalkatalog',
            name='kommunen',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organisation.kommun', verbose_name='tillhör kommunen'),
        ),
        migrations.AddField(
            model_name='katalog',
            name='kommunen',
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='katalog', to='organisation.kommun', verbose_name='tillhör kommunen'),
        ),
        migrations.RunPython(kommuner, migrations.RunPython.noop),
    ]
