"""The secretary's start page lists every published period of her municipality, newest first:
each year as a link to its report, a half-year or tertial as published so far. Another
municipality's publications are not hers; staff see no such list."""

import datetime

from django.urls import reverse

from organisation.models import Roll
from tests.factories import AnvandareFactory, KatalogFactory
from uppfoljning.models import Publicering


def _publicera(katalog, slut, perioder):
    return Publicering.objects.create(
        katalog=katalog, slut=slut, perioder=perioder, metod="test", parametrar={}
    )


def test_every_published_period_is_listed_newest_first(client, sekreterare):
    katalog = KatalogFactory()
    annan = KatalogFactory(kommun="Annanstad")
    _publicera(katalog, datetime.date(2024, 12, 31), ["2024-H2", "2024"])
    _publicera(katalog, datetime.date(2025, 6, 30), ["2025-H1"])
    _publicera(katalog, datetime.date(2025, 12, 31), ["2025-H2", "2025"])
    _publicera(annan, datetime.date(2023, 12, 31), ["2023-H2", "2023"])
    client.force_login(sekreterare)
    text = client.get(reverse("start")).text
    rapport_2025 = reverse("uppfoljning:rapport", args=[2025])
    rapport_2024 = reverse("uppfoljning:rapport", args=[2024])
    assert rapport_2025 in text and rapport_2024 in text
    assert text.index(rapport_2025) < text.index("2025, halvår 1") < text.index(rapport_2024)
    # A half-year is listed, not linked: the secretary reads it in the year's report.
    assert "2025, halvår 2" in text
    assert reverse("uppfoljning:riktlinje", args=["2025-H1"]) not in text
    assert "Rapport 2023" not in text  # another municipality's


def test_nothing_published_says_when_it_will_be(client, sekreterare):
    KatalogFactory()
    client.force_login(sekreterare)
    assert "Ingen period är publicerad än" in client.get(reverse("start")).text


def test_the_verksamhetschef_also_reaches_the_half_years(client, verksamhetschef):
    katalog = KatalogFactory()
    _publicera(katalog, datetime.date(2025, 6, 30), ["2025-H1"])
    client.force_login(verksamhetschef)
    text = client.get(reverse("start")).text
    assert reverse("uppfoljning:riktlinje", args=["2025-H1"]) in text


def test_staff_see_no_reports(client, personal):
    _publicera(KatalogFactory(), datetime.date(2025, 12, 31), ["2025-H2", "2025"])
    client.force_login(personal)
    assert "Rapporter till nämnden" not in client.get(reverse("start")).text


def test_a_secretary_elsewhere_sees_none_of_them(client, db):
    _publicera(KatalogFactory(), datetime.date(2025, 12, 31), ["2025-H2", "2025"])
    annan = AnvandareFactory.med_roll(
        Roll.NAMNDSEKRETERARE, kommun=KatalogFactory(kommun="Annanstad").kommunen
    )
    client.force_login(annan)
    assert reverse("uppfoljning:rapport", args=[2025]) not in client.get(reverse("start")).text
