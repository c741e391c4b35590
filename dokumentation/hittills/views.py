"""The year so far, for the utförare's own staff: what they have registered since 1 January,
counted straight from the records by the same aggregate queries as a publication
(dokumentation.statistik), for their own insatser only. True counts, not published and not
protected: the staff who see them registered the records themselves. Nothing identifies a
person, so nothing is logged.

Only the utförare's own records count: an insats handed over from another utförare shows
what the new one registered since, never the previous provider's records (a participation
belongs to the utförare that holds it, which alone sees it, registers its sessions and ends
it); an insats handed away this year still shows what the old utförare registered in it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from dokumentation import statistik
from dokumentation.logg.atkomst import mina_utforare_ids
from dokumentation.sidor import personal
from dokumentation.val import Utfall
from insatser.models import Insats
from organisation.behorighet import InloggadRequest

#: The columns of the page: key and heading.
KOLUMNER = [
    ("kontakter", "Kontakter"),
    ("deltar", "Började delta"),
    ("unika", "Deltagare"),
    ("vantelista_nu", "Väntelista nu"),
    ("samtal", "Samtal"),
    ("grupptraffar", "Gruppträffar"),
    ("oppningar", "Öppningar"),
    ("besok", "Besök"),
    ("avslutade", "Avslutade"),
    ("avbrutna", "Avbrutna"),
    ("problem", "Problem"),
    ("hanvisade", "Hänvisade"),
    ("over_taket", "Över taket"),
    ("orosanmalningar", "Orosanmälningar"),
    ("nya_deltagarkoder", "Nya koder"),
]

#: The page's tables: the 15 counts side by side did not fit a wide screen, so they are read
#: in three tables of related columns, each key of KOLUMNER in exactly one of them.
TABELLER = [
    (
        "Kontakter och deltagare",
        ["kontakter", "deltar", "unika", "vantelista_nu", "hanvisade", "nya_deltagarkoder"],
    ),
    ("Samtal, träffar och besök", ["samtal", "grupptraffar", "oppningar", "besok", "over_taket"]),
    ("Avslut och orosanmälningar", ["avslutade", "avbrutna", "problem", "orosanmalningar"]),
]


#: What the page can count: the year so far, or one of its half-years (the guideline is
#: followed up per half-year). Key, heading and the months it covers.
PERIODER = {
    "ar": ("Hela året", 1, 12),
    "h1": ("Januari–juni", 1, 6),
    "h2": ("Juli–december", 7, 12),
}


def period(nyckel: str | None, idag: datetime.date) -> tuple[str, datetime.date, datetime.date]:
    """The chosen period of this year, up to today: its key, first and last day. An unknown
    key, or a half-year that has not begun, is the whole year."""
    if nyckel not in PERIODER:
        nyckel = "ar"
    _, forsta, sista = PERIODER[nyckel]
    start = datetime.date(idag.year, forsta, 1)
    if start > idag:
        nyckel, start = "ar", datetime.date(idag.year, 1, 1)
        sista = 12
    slut = datetime.date(idag.year, sista, 30 if sista == 6 else 31)
    return nyckel, start, min(slut, idag)


@dataclass
class Rad:
    insats: Insats
    antal: dict[str, int] = field(default_factory=dict)
    # Participations ended early, per reason code ("" when none was given).
    orsaker: dict[str, int] = field(default_factory=dict)

    @property
    def celler(self) -> list[int]:
        return [self.antal.get(k, 0) for k, _ in KOLUMNER]

    def delar(self, nycklar: list[str]) -> list[int]:
        return [self.antal.get(k, 0) for k in nycklar]


def tabeller(rader: list[Rad], summa: Rad | None) -> list[dict[str, object]]:
    """TABELLER with their column names, each row's counts and the sum's."""
    namn = dict(KOLUMNER)
    return [
        {
            "rubrik": rubrik,
            "kolumner": [namn[k] for k in nycklar],
            "rader": [(r, r.delar(nycklar)) for r in rader],
            "summa": summa.delar(nycklar) if summa else None,
        }
        for rubrik, nycklar in TABELLER
    ]


def hittills(
    insatser: list[Insats],
    idag: datetime.date,
    *,
    fran: datetime.date | None = None,
    utforare: list[int] | None = None,
) -> tuple[list[Rad], Rad | None]:
    """Per insats, and summed, the counts from 1 January (or `fran`) to today of the records
    of `utforare` (all records when None): one query per measure for all the insatser, on
    the indexes by insats and date."""
    if not insatser:
        return [], None
    start = fran or datetime.date(idag.year, 1, 1)
    vems = None if utforare is None else tuple(utforare)
    urval = statistik.Urval(start, idag, tuple(i.pk for i in insatser), utforare=vems)
    kontakter, _ = statistik.kontakter(urval)
    tillfallen, _ = statistik.tillfallen(urval)
    avslut = statistik.avslut(urval)
    deltagare = statistik.deltagare(urval)
    over_taket = statistik.over_taket(urval)
    oro = statistik.orosanmalningar(urval)
    nya_koder = statistik.nya_deltagarkoder(urval)
    rader = []
    for insats in insatser:
        k = kontakter.get(insats.pk, {})
        a = avslut.antal.get(insats.pk, {})
        antal = {
            "kontakter": k.get("totalt", 0),
            "deltar": k.get(Utfall.DELTAR, 0),
            "hanvisade": k.get(Utfall.HANVISAD_ANSOKA, 0)
            + k.get(Utfall.HANVISAD_NAMND, 0)
            + a.get("hanvisade_vid_tak", 0),
            "avslutade": a.get("avslutade", 0),
            "avbrutna": a.get("avbrutna", 0),
            "problem": sum(n for k, n in a.items() if k.startswith("problem_")),
            "over_taket": over_taket.get(insats.pk, {}).get("over_taket", 0),
            "orosanmalningar": oro.get(insats.pk, 0),
            "nya_deltagarkoder": nya_koder.get(insats.pk, 0),
            **deltagare.get(insats.pk, {}),
            **tillfallen.get(insats.pk, {}),
        }
        orsaker = {k.removeprefix("orsak_"): n for k, n in a.items() if k.startswith("orsak_")}
        rader.append(Rad(insats, antal, orsaker))
    # A person in two of the insatser is one person in the sum.
    summa = Rad(insats=Insats(namn="Alla"))
    for rad in rader:
        for nyckel, n in rad.antal.items():
            summa.antal[nyckel] = summa.antal.get(nyckel, 0) + n
        for orsak, n in rad.orsaker.items():
            summa.orsaker[orsak] = summa.orsaker.get(orsak, 0) + n
    summa.antal["unika"] = statistik.unika_personer_totalt(urval)
    return rader, summa


@personal
def hittills_i_ar(request: InloggadRequest) -> HttpResponse:
    idag = timezone.localdate()
    mina = mina_utforare_ids(request.user)
    # The insatser the utförare carries out, and those it once did (the catalogue's history):
    # a former one is shown while it has records of the utförare in the period.
    tidigare = Insats.history.filter(utforare_id__in=mina).values("id")
    insatser = list(
        Insats.objects.filter(Q(utforare_id__in=mina) | Q(pk__in=tidigare))
        .exclude(status=Insats.Status.UTKAST)
        .order_by("namn")
    )
    vald, start, slut = period(request.GET.get("period"), idag)
    rader, summa = hittills(insatser, slut, fran=start, utforare=mina)
    rader = [r for r in rader if r.insats.utforare_id in mina or any(r.antal.values())]
    # Why participations ended early: a column per reason that occurred, in the list's order.
    orsaker = [
        (kod, namn)
        for kod, namn in [*statistik.AVBROTTSORSAKER, ("", "Inte angiven")]
        if summa and summa.orsaker.get(kod)
    ]
    return render(
        request,
        "dokumentation/hittills.html",
        {
            "idag": idag,
            "start": start,
            "slut": slut,
            "vald": vald,
            "perioder": [
                (k, namn) for k, (namn, forsta, _) in PERIODER.items() if forsta <= idag.month
            ],
            "kolumner": KOLUMNER,
            "tabeller": tabeller(rader, summa),
            "rader": rader,
            "summa": summa,
            "orsaker": orsaker,
            "avbrutna": [
                (r, [r.orsaker.get(kod, 0) for kod, _ in orsaker])
                for r in rader
                if r.antal.get("avbrutna")
            ],
            "avbrutna_summa": [summa.orsaker.get(kod, 0) for kod, _ in orsaker] if summa else [],
        },
    )
