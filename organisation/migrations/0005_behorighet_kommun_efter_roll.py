"""The nämnd's roles (verksamhetschef, nämndsekreterare) name their municipality; the others
never do. Comes after insatser 0005, which gave the existing roles theirs."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0004_kommun"),
        ("insatser", "0006_katalog_kommunen_kravs"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='behorighet',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kommun__isnull', False), ('roll__in', ['verksamhetschef', 'namndsekreterare'])), models.Q(models.Q(('roll__in', ['verksamhetschef', 'namndsekreterare']), _negated=True), ('kommun__isnull', True)), _connector='OR'), name='behorighet_kommun_efter_roll'),
        ),
    ]
