"""What someone else did to a user's account (a password set, the second factor reset):
recorded as a security event, logged, and told to the user."""

from __future__ import annotations

import logging

from django.core.mail import send_mail

from organisation.models import Anvandare, Sakerhetshandelse


def gjort_av_annan(
    anvandare: Anvandare,
    av: Anvandare,
    *,
    typ: str,
    beskrivning: str,
    logg: str,
    amne: str,
    vad: str,
) -> None:
    """Record `typ` done by `av` to `anvandare`'s account, log it to iub.sakerhet ("<logg> av
    … för …") and e-mail the user what happened (`vad`) when they have an address."""
    Sakerhetshandelse.objects.create(
        typ=typ, anvandare=anvandare, utford_av=av, beskrivning=beskrivning
    )
    logging.getLogger("iub.sakerhet").warning(
        "%s av %s för %s", logg, av.get_username(), anvandare.get_username()
    )
    if anvandare.email:
        send_mail(
            amne,
            f"Hej!\n\n{vad}\n\nHar du inte bett om det? Kontakta systemadministratören eller "
            "informationssäkerhetsansvarig direkt.\n",
            None,
            [anvandare.email],
            fail_silently=True,
        )
