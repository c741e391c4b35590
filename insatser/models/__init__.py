"""The insatskatalog: what the nämnd has decided to offer without individual needs assessment.

Imports no other project app except organisation (users and utförare). One module per thing the
secretary keeps: `katalog` (the catalogue and its version row), `beslut` (the nämnd's
decisions), `insats`, `villkor`, and `andring` (a decision for a later day); this package names
every model, as Django expects of an app's `models`.
"""

from __future__ import annotations

from insatser.models.andring import (
    BeslutadAndring,
    BeslutadAndringQuerySet,
)
from insatser.models.beslut import (
    Beslut,
    BeslutQuerySet,
    galler_fran,
)
from insatser.models.insats import (
    SAKUPPGIFTER,
    Dokumentationsregel,
    Insats,
    InsatsQuerySet,
)
from insatser.models.katalog import (
    KATALOGENS_FALT,
    Katalog,
    Katalogversion,
)
from insatser.models.villkor import (
    Villkor,
)

__all__ = [
    "KATALOGENS_FALT",
    "SAKUPPGIFTER",
    "Beslut",
    "BeslutQuerySet",
    "BeslutadAndring",
    "BeslutadAndringQuerySet",
    "Dokumentationsregel",
    "Insats",
    "InsatsQuerySet",
    "Katalog",
    "Katalogversion",
    "Villkor",
    "galler_fran",
]
