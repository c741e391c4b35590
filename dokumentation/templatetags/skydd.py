"""`{% if d|far_oppnas:request.user %}`: whether a list links to a participation, or offers
to change it. A protected identity one may not open (far_oppna) is listed as "Skyddad
identitet" without a link: its page, "Börjar nu" and "Avsluta" would all answer 404."""

from __future__ import annotations

from django import template

from dokumentation.deltagande.models import Deltagande
from dokumentation.logg.atkomst import far_oppna
from organisation.models import Anvandare

register = template.Library()


@register.filter
def far_oppnas(deltagande: Deltagande, anvandare: Anvandare) -> bool:
    return far_oppna(anvandare, deltagande)
