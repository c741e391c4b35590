"""insatser/migrations/0013: the CHECK that an insats never ends before it starts is added
after a data step that repairs the rows an older version let in, so the upgrade does not stop
on them. Each such insats was in force on no day, and stays so: it ends on its first day, a
decided one is retired, and its remark says what was there."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from insatser.models import Insats
from tests.factories import InsatsFactory, KatalogFactory

FORE = ("insatser", "0012_beslutad_andring")
CHECKEN = ("insatser", "0013_insats_slutar_inte_fore_start")


def _migrera(till):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([till])


def _senaste():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes("insatser")[0]


@pytest.mark.django_db(transaction=True)
def test_rows_that_end_before_they_start_are_repaired_before_the_check(capsys):
    senaste = _senaste()
    _migrera(FORE)
    try:
        katalog = KatalogFactory(kommun="Gamla Uppsala")
        dag = datetime.date(2026, 3, 1)
        beslutad = InsatsFactory(katalog=katalog, beslutad=True, namn="Stödsamtal")
        utkast = InsatsFactory(katalog=katalog, namn="Utkast", anmarkning="Nämndens text.")
        riktig = InsatsFactory(katalog=katalog, beslutad=True, namn="Föräldragrupp")
        Insats.objects.filter(pk__in=[beslutad.pk, utkast.pk]).update(
            giltig_fran=dag, giltig_till=dag - datetime.timedelta(days=30)
        )
        Insats.objects.filter(pk=riktig.pk).update(
            giltig_fran=dag, giltig_till=datetime.date(2026, 12, 31)
        )
        capsys.readouterr()
        _migrera(CHECKEN)
        ut = capsys.readouterr().out
    finally:
        _migrera(senaste)

    beslutad.refresh_from_db()
    assert (beslutad.giltig_fran, beslutad.giltig_till) == (dag, dag)
    # In force on no day before, in force on no day now.
    assert beslutad.status == Insats.Status.UPPHORD
    assert not Insats.objects.publicerade(dag).filter(pk=beslutad.pk).exists()
    assert "gällde från 2026-03-01 till och med 2026-01-30" in beslutad.anmarkning
    assert "står som upphörd" in beslutad.anmarkning
    utkast.refresh_from_db()
    assert (utkast.giltig_till, utkast.status) == (dag, Insats.Status.UTKAST)
    assert utkast.anmarkning.startswith("Nämndens text.\n\nRättad vid uppgraderingen")
    riktig.refresh_from_db()
    assert riktig.giltig_till == datetime.date(2026, 12, 31) and riktig.anmarkning is None
    assert riktig.status == Insats.Status.BESLUTAD
    # The operator sees each repaired row, and only those.
    assert f"insats {beslutad.pk} ”Stödsamtal” i Gamla Uppsala" in ut
    assert f"insats {utkast.pk} ”Utkast”" in ut and "Föräldragrupp" not in ut
    # The history is as it was entered: the repair wrote no version.
    assert beslutad.history.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_upgrade_with_nothing_to_repair_changes_nothing(capsys):
    senaste = _senaste()
    _migrera(FORE)
    try:
        insats = InsatsFactory(beslutad=True, namn="Mötesplats")
        capsys.readouterr()
        _migrera(CHECKEN)
        assert "insatser 0013" not in capsys.readouterr().out
    finally:
        _migrera(senaste)
    insats.refresh_from_db()
    assert insats.giltig_till is None and insats.anmarkning is None
