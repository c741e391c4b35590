"""Municipalities (issue 18): a catalogue, its records and its reports belong to one, and the
nämnd's roles are held in one. The rule that those roles name their municipality comes in
0005, once insatser 0005 has made a municipality of each catalogue and given the roles theirs."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('organisation', '0003_tvasteg_krypterad_och_hashad'),
    ]

    operations = [
        migrations.CreateModel(
            name='Kommun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('namn', models.CharField(max_length=100, unique=True, verbose_name='namn')),
                ('slug', models.SlugField(max_length=100, unique=True)),
                ('kod', models.CharField(blank=True, help_text='SCB:s fyrsiffriga kommunkod, t.ex. 1882 för Askersund.', max_length=4, null=True, unique=True, verbose_name='kommunkod')),
                ('tillganglighet_kontakt', models.CharField(blank=True, help_text='E-post eller telefon dit den som inte kan ta del av katalogen kan vända sig.', max_length=200, verbose_name='kontakt för tillgänglighetsbrister')),
                ('tillganglighetsredogorelse', models.TextField(blank=True, help_text='Kända brister och när de åtgärdas, om det finns några (lag 2018:1937).', verbose_name='tillgänglighetsredogörelse, egen text')),
            ],
            options={
                'verbose_name': 'kommun',
                'verbose_name_plural': 'kommuner',
                'ordering': ['namn'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='behorighet',
            name='behorighet_unik_utan_utforare',
        ),
        migrations.AddConstraint(
            model_name='kommun',
            constraint=models.CheckConstraint(condition=models.Q(('kod__isnull', True), ('kod__regex', '^[0-9]{4}$'), _connector='OR'), name='kommun_kod'),
        ),
        migrations.AddField(
            model_name='behorighet',
            name='kommun',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='behorigheter', to='organisation.kommun', verbose_name='kommun'),
        ),
        migrations.AddConstraint(
            model_name='behorighet',
            constraint=models.UniqueConstraint(fields=('anvandare', 'roll', 'kommun'), name='behorighet_unik_i_kommun'),
        ),
        migrations.AddConstraint(
            model_name='behorighet',
            constraint=models.UniqueConstraint(condition=models.Q(('kommun__isnull', True), ('utforare__isnull', True)), fields=('anvandare', 'roll'), name='behorighet_unik_utan_utforare'),
        ),
    ]
