"""The daily publication across municipalities (apart from test_kommuner.py, whose tests share
two published municipalities): one that fails does not hold back another."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from organisation.models import Roll
from tests.factories import AnvandareFactory
from tests.test_kommuner import kommun
from uppfoljning import skyddsgranskning as sg
from uppfoljning.models import Publicering

pytestmark = pytest.mark.django_db


def test_one_municipalitys_failed_publication_does_not_hold_back_anothers(
    utforare, monkeypatch, capsys
):
    """The daily run publishes every catalogue it can. One that fails (here its audit) is
    named in the command's error, with a non-zero exit for cron; nothing of it is half
    published, and the other municipality's statistics are out that very night."""
    personal = AnvandareFactory.med_roll(Roll.UTFORARPERSONAL, utforare, username="personal")
    a = kommun("Testköping", utforare, personal)["katalog"]
    b = kommun("Annanstad", utforare, personal)["katalog"]
    a_insatser = {str(pk) for pk in a.insatser.values_list("pk", flat=True)}
    skydda = sg.skydda

    def trasig(poster, samband, k):  # type: ignore[no-untyped-def]
        if a_insatser & {n[1] for n in poster}:
            raise sg.Oskyddbar("prov")
        return skydda(poster, samband, k)

    monkeypatch.setattr(sg, "skydda", trasig)
    with pytest.raises(CommandError, match="Testköping"):
        call_command("publicera")
    assert not Publicering.objects.filter(katalog=a).exists()
    assert Publicering.objects.filter(katalog=b).exists()
    assert "Publicerat Annanstad" in capsys.readouterr().out
