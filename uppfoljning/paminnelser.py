"""Overdue yearly follow-ups, and the e-mail reminders of `manage.py paminn`: each enhetschef
with an e-mail address is told of their utförare's overdue follow-ups, each verksamhetschef
gets the municipality's list, at most once a week per follow-up. A mail names insatser,
utförare and years, never a participant: it only reads the catalogue and the follow-ups."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from insatser.models import Insats, Katalog
from organisation.models import Anvandare, Behorighet, Roll
from uppfoljning.models import Arsuppfoljning, Paminnelse, Publiceringspost

#: A follow-up is reminded again at the earliest this long after the last reminder.
INTERVALL = datetime.timedelta(days=7)


def forsenade_i(
    kataloger: QuerySet[Katalog] | Iterable[Katalog], idag: datetime.date
) -> list[tuple[Insats, int, Arsuppfoljning | None]]:
    """Yearly follow-ups past their deadline (31 March the year after) and not signed, of
    every insats of the catalogues published for the year (the last three years)."""
    ar = [a for a in range(idag.year - 3, idag.year) if datetime.date(a + 1, 3, 31) < idag]
    publicerade = set(
        Publiceringspost.objects.filter(
            publicering__katalog__in=kataloger,
            matt="kontakter",
            kolumn__in=[str(a) for a in ar],
            insats__isnull=False,
        ).values_list("insats_id", "kolumn")
    )
    uppfoljningar = {
        (u.insats_id, u.ar): u
        for u in Arsuppfoljning.objects.filter(insats__katalog__in=kataloger, ar__in=ar)
    }
    insatser = Insats.objects.filter(pk__in={i for i, _ in publicerade}).select_related(
        "utforare", "katalog"
    )
    per_pk = {i.pk: i for i in insatser}
    ut = []
    for pk, kolumn in publicerade:
        u = uppfoljningar.get((pk, int(kolumn)))
        if u is None or u.status != Arsuppfoljning.Status.SIGNERAD:
            ut.append((per_pk[pk], int(kolumn), u))
    return sorted(ut, key=lambda r: (r[1], r[0].katalog_id, r[0].ordning, r[0].namn))


@dataclass
class Utskick:
    """What one run sent: mails by recipient, follow-ups reminded."""

    mejl: list[tuple[str, str]] = field(default_factory=list)  # (address, subject)
    paminda: int = 0


def _mottagare(roll: Roll, **filter: object) -> dict[int, list[Anvandare]]:
    """Active users of the role with an e-mail address, by utförare or municipality id."""
    ut: dict[int, list[Anvandare]] = defaultdict(list)
    for b in (
        Behorighet.objects.aktiva()
        .filter(roll=roll, **filter)
        .exclude(anvandare__email="")
        .select_related("anvandare")
        .order_by("anvandare__username")
    ):
        nyckel = b.utforare_id if roll == Roll.ENHETSCHEF else b.kommun_id
        assert nyckel is not None  # noqa: S101 - the database's CHECK on the role
        ut[nyckel].append(b.anvandare)
    return ut


def _rader(forsenade: list[tuple[Insats, int, Arsuppfoljning | None]], bas: str) -> str:
    return "\n".join(
        f"- {i.namn} ({i.utforare or 'ingen utförare'}), år {ar}: "
        f"{'påbörjad, inte signerad' if u else 'inte påbörjad'}\n"
        f"  {bas}{reverse('uppfoljning:arsuppfoljning', args=[i.pk, ar])}"
        for i, ar, u in forsenade
    )


def paminn(idag: datetime.date | None = None) -> Utskick:
    """Send the reminders due today. Call only with a mail server configured."""
    idag = idag or timezone.localdate()
    nu = timezone.now()
    bas = settings.CSRF_TRUSTED_ORIGINS[0].rstrip("/") if settings.CSRF_TRUSTED_ORIGINS else ""
    utskick = Utskick()
    senast = {(p.insats_id, p.ar): p.skickad for p in Paminnelse.objects.all()}
    enhetschefer = _mottagare(Roll.ENHETSCHEF)
    verksamhetschefer = _mottagare(Roll.VERKSAMHETSCHEF)
    for katalog in Katalog.objects.order_by("kommun"):
        alla = forsenade_i([katalog], idag)
        dags = [
            (i, ar, u)
            for i, ar, u in alla
            if (i.pk, ar) not in senast or nu - senast[(i.pk, ar)] >= INTERVALL
        ]
        if not dags:
            continue
        paminda: set[tuple[int, int]] = set()
        per_utforare: dict[int, list[tuple[Insats, int, Arsuppfoljning | None]]] = defaultdict(list)
        for rad in dags:
            if rad[0].utforare_id is not None:
                per_utforare[rad[0].utforare_id].append(rad)
        for utforare_id, rader in per_utforare.items():
            for chef in enhetschefer.get(utforare_id, []):
                amne = "Påminnelse: årsuppföljningar att signera i IUB-registret"
                send_mail(
                    amne,
                    f"Hej!\n\nTiden för årsuppföljningen (31 mars året efter) har gått ut för "
                    f"de här insatserna vid {rader[0][0].utforare}, {katalog}:\n\n"
                    f"{_rader(rader, bas)}\n\nLogga in i IUB-registret och skriv och signera "
                    "uppföljningen. Du får en ny påminnelse om en vecka om den inte är "
                    "signerad då.\n",
                    None,
                    [chef.email],
                )
                utskick.mejl.append((chef.email, amne))
                paminda.update((i.pk, ar) for i, ar, _ in rader)
        for chef in verksamhetschefer.get(katalog.kommunen_id, []):
            amne = f"Försenade årsuppföljningar, {katalog}"
            send_mail(
                amne,
                f"Hej!\n\nDe här årsuppföljningarna i {katalog} är inte signerade fast tiden "
                f"(31 mars året efter) har gått ut:\n\n{_rader(alla, bas)}\n\n"
                f"Listan finns också på {bas}{reverse('uppfoljning:index')}\n",
                None,
                [chef.email],
            )
            utskick.mejl.append((chef.email, amne))
            paminda.update((i.pk, ar) for i, ar, _ in dags)
        for insats_id, ar in paminda:
            Paminnelse.objects.update_or_create(
                insats_id=insats_id, ar=ar, defaults={"skickad": nu}
            )
        utskick.paminda += len(paminda)
    return utskick
