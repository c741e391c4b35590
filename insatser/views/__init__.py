"""The nämndsekreterare's screens, keeping the catalogue the board decides, and the residents'
public catalogue; one module per journey:

- `insats`: the catalogue's list, a new insats, an insats, its change and end;
- `beslut`: the nämnd's decisions, and the catalogue on a day or between two decisions;
- `katalog`: the catalogue's own settings, and a whole file imported or exported;
- `publika`: the public catalogue (no login).

Here: what the secretary's screens share.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import QueryDict

from insatser.models import Katalog
from organisation.behorighet import InloggadRequest, kommun_ids, kraver_roll
from organisation.models import Roll

sekreterare = kraver_roll(Roll.NAMNDSEKRETERARE)


def mina_kataloger(request: InloggadRequest) -> QuerySet[Katalog]:
    """The catalogues of the municipalities where the user is nämndsekreterare; another
    municipality's catalogue, insats or decision is not found."""
    return Katalog.objects.filter(kommunen_id__in=kommun_ids(request.user, Roll.NAMNDSEKRETERARE))


def postdata(request: InloggadRequest) -> QueryDict | None:
    """The data to bind a form to: any POST, also an empty one (which is falsy)."""
    return request.POST if request.method == "POST" else None
