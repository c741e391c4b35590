"""The log-review row of the internal control: the months in which an utförare's staff saw
identified data, and how many of them its enhetschef reviewed. (Apart from
test_internkontrollplan.py, whose tests share one published municipality: this one counts a
database of its own.)"""

import datetime

from dokumentation.kontakter.services import Personuppgifter
from dokumentation.logg.atkomst import skriv_atkomst
from dokumentation.logg.models import Logggranskning
from dokumentation.statistik import loggkontroll
from tests.dokumentation.conftest import registrera
from tests.factories import InsatsFactory, KatalogFactory


def test_the_log_reviews_are_counted_per_utforare_and_month(personal, utforare, enhetschef):
    insats = InsatsFactory(
        katalog=KatalogFactory(),
        utforare=utforare,
        beslutad=True,
        dokumentationsregel="14:3",
        form="individuell",
    )
    person = Personuppgifter("198503121231", "Annika", "Ek", False)
    d = registrera(personal, insats, person=person, svar=[]).deltagande
    skriv_atkomst(personal, [d], "Öppnade deltagandet", ip=None)
    idag = datetime.date.today()
    assert loggkontroll([utforare.pk], idag.year) == (1, 0)
    Logggranskning.objects.create(
        granskare=enhetschef, utforare=utforare, manad=idag.replace(day=1), flaggade=0
    )
    assert loggkontroll([utforare.pk], idag.year) == (1, 1)
    assert loggkontroll([utforare.pk], idag.year - 1) == (0, 0)
