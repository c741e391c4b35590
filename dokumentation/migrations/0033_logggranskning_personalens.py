from django.db import migrations, models


class Migration(migrations.Migration):
    """The verksamhetschef's review of an utförare without an enhetschef covers its staff's
    reads too; only such a review can say so (CHECK: never without the municipality)."""

    dependencies = [
        ("dokumentation", "0032_logggranskning_kommun"),
    ]

    operations = [
        migrations.AddField(
            model_name="logggranskning",
            name="personalens",
            field=models.BooleanField(default=False, verbose_name="omfattade personalens läsningar"),
        ),
        migrations.AddConstraint(
            model_name="logggranskning",
            constraint=models.CheckConstraint(
                condition=models.Q(personalens=False) | models.Q(kommun__isnull=False),
                name="logggranskning_personalens_av_verksamhetschefen",
            ),
        ),
    ]
