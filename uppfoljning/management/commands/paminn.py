"""`manage.py paminn`: e-mail the reminders of overdue yearly follow-ups. Run it daily (cron
or a systemd timer, README), like `publicera`; a follow-up is reminded at most once a week.
Without a mail server (EMAIL_URL) it sends nothing and says so."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from grund.tid import idag_argument
from uppfoljning import paminnelser


class Command(BaseCommand):
    help = "Påminner enhetschefer och verksamhetschefer om försenade årsuppföljningar med e-post."

    def add_arguments(self, parser: CommandParser) -> None:
        idag_argument(parser)

    def handle(self, *args: Any, idag: datetime.date | None, **options: Any) -> None:
        if not settings.EPOST_KONFIGURERAD:
            self.stdout.write(
                "Ingen e-postserver är inställd (EMAIL_URL): inga påminnelser skickas."
            )
            return
        utskick = paminnelser.paminn(idag)
        for adress, amne in utskick.mejl:
            self.stdout.write(f"Skickat till {adress}: {amne}")
        if not utskick.mejl:
            self.stdout.write("Inga påminnelser att skicka i dag.")
        else:
            self.stdout.write(f"{utskick.paminda} årsuppföljningar påminda.")
