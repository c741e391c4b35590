"""Decisions are the catalogue's time axis (issue 18): a decision's effective date (gäller
från, never before the decision; the decisions already recorded take effect on their date),
and the reason on a version that corrects its decision instead of recording a new one.
Registration now reads an insats's decision too (its effective date), so a change of a
decision replaces the catalogue's version token like a change of an insats (migration 0004)."""

from django.conf import settings
from django.db import migrations, models


def token_vid_beslut(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE TRIGGER iub_katalog_andrad AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        "ON insatser_beslut FOR EACH STATEMENT EXECUTE FUNCTION iub_katalog_andrad()"
    )


def ingen_token_vid_beslut(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS iub_katalog_andrad ON insatser_beslut")


class Migration(migrations.Migration):

    dependencies = [
        ('insatser', '0010_katalog_orosanmalan_rutin'),
        ('organisation', '0006_utforare_regi_och_organisationsnummer'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='beslut',
            name='galler_fran',
            field=models.DateField(help_text='Dagen då beslutet börjar gälla. Tomt: samma dag som beslutet.', null=True, verbose_name='gäller från'),
        ),
        migrations.RunSQL(
            "UPDATE insatser_beslut SET galler_fran = datum WHERE galler_fran IS NULL",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name='beslut',
            name='galler_fran',
            field=models.DateField(help_text='Dagen då beslutet börjar gälla. Tomt: samma dag som beslutet.', verbose_name='gäller från'),
        ),
        migrations.AddField(
            model_name='historicalinsats',
            name='rattelse',
            field=models.CharField(blank=True, db_default='', default='', max_length=300, verbose_name='rättelse av beslutet'),
        ),
        migrations.AddField(
            model_name='insats',
            name='rattelse',
            field=models.CharField(blank=True, db_default='', default='', max_length=300, verbose_name='rättelse av beslutet'),
        ),
        migrations.AddConstraint(
            model_name='beslut',
            constraint=models.CheckConstraint(condition=models.Q(('galler_fran__gte', models.F('datum'))), name='beslut_galler_inte_fore_beslutet'),
        ),
        migrations.AddConstraint(
            model_name='insats',
            constraint=models.CheckConstraint(condition=models.Q(('rattelse', ''), ('beslut__isnull', False), _connector='OR'), name='insats_rattelse_har_beslut'),
        ),
        migrations.RunPython(token_vid_beslut, ingen_token_vid_beslut),
    ]
