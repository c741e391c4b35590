"""Every catalogue belongs to a municipality (given in 0005). Its own migration: PostgreSQL does
not alter a table with the deferred checks of 0005's updates still pending."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insatser", "0005_katalog_tillhor_kommun"),
    ]

    operations = [
        migrations.AlterField(
            model_name="katalog",
            name="kommunen",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="katalog",
                to="organisation.kommun",
                verbose_name="tillhör kommunen",
            ),
        ),
    ]
