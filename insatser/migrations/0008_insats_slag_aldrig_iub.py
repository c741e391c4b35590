"""The database refuses a decided insats of a kind 11 kap. 5 § excludes. Its own migration:
PostgreSQL does not alter a table with the deferred checks of 0007's updates pending."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("insatser", "0007_slag_och_unga_i_hela_katalogen"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='insats',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'utkast'), models.Q(('slag__in', ['kontaktperson', 'familjehem', 'lvm_hem', 'sarskilt_ungdomshem', 'jourhem', 'stodboende', 'sarskilt_boende', 'heldygnsvard', 'ekonomiskt_stod']), _negated=True), _connector='OR'), name='insats_slag_aldrig_iub'),
        ),
    ]
