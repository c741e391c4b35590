"""Every model of dokumentation, for Django, which looks for an app's models here. Each lives
with its journey: contacts (kontakter), participations (deltagande), sessions and rounds
(tillfallen), journal, gallring and the access log (logg). Import a model from its journey.

All personal data lives in this app. The documentation rule of the insats (14 kap. 3–5 §§ SoL)
decides which fields exist for a record. A participation has no name or personnummer at all;
identity lives only in Person, which the database lets a participation point to only when the
rule was 14:3 when it was created, and neither that rule nor the insats's can change once
records exist. Free text in de-identified records is refused by the database (the identity
guard's triggers, migration 0012) if it may reveal who someone is, even if the code had a bug.
"""

from dokumentation.deltagande.models import Deltagande, Person
from dokumentation.gallring.models import Gallring
from dokumentation.journal.models import Journalanteckning
from dokumentation.kontakter.models import Avvisning, Kontakt, Villkorssvar
from dokumentation.logg.models import Atkomstlogg, Logggranskning
from dokumentation.orosanmalan.models import Orosanmalan
from dokumentation.rattelser.models import Rattelse
from dokumentation.tillfallen.models import Besoksantal, Narvaro, Omgang, Tillfalle

__all__ = [
    "Atkomstlogg",
    "Avvisning",
    "Besoksantal",
    "Deltagande",
    "Gallring",
    "Journalanteckning",
    "Kontakt",
    "Logggranskning",
    "Narvaro",
    "Omgang",
    "Orosanmalan",
    "Person",
    "Rattelse",
    "Tillfalle",
    "Villkorssvar",
]
