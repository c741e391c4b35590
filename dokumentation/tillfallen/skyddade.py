"""Protected participants (skyddad identitet) told apart within a round without telling who
they are: staff ticking attendance see "Skyddad identitet 1/2" and "2/2", not the same words
twice."""

from __future__ import annotations

from collections.abc import Iterable

from dokumentation.deltagande.models import Deltagande
from dokumentation.tillfallen.models import Omgang


def numrera_skyddade(omgang: Omgang, deltagare: Iterable[Deltagande]) -> None:
    """Label each protected participant listed by their place among the round's protected
    participants in the order they joined it (the participation's id), over every status: so
    the label stays when another ends, and one who joins later comes last. It tells nothing
    of the person (no name, age, code, id or registrar), only how many protected participants
    the round has had, which the page showed before too. One query, only for a round that
    lists someone protected."""
    visade = [d for d in deltagare if d.person_id and d.person and d.person.skyddad_identitet]
    if not visade:
        return
    ordning = list(
        Deltagande.objects.filter(omgang=omgang, person__skyddad_identitet=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    plats = {pk: i for i, pk in enumerate(ordning, start=1)}
    for d in visade:
        if d.pk in plats and d.person is not None:
            etikett = f"Skyddad identitet {plats[d.pk]}/{len(ordning)}"
            d.person.etikett = etikett  # type: ignore[attr-defined]
