"""The new insatser of a catalogue file, written together (katalogtillampning.tillampa): a
new municipality's file is all new insatser, and writing each insats, its history row, each
villkor and each villkor's history row by a statement of its own was most of an import's time
(a file of 1 000 insatser ran some 6 000 statements).

The rows are the ones Insats.save and services.ersatt_villkor write for a new insats: the
insats as built, its history row ("+", the import's user and reason), its villkor in the
file's order numbered from 0, and a history row for each ("+", the same user and reason). The
database's triggers and constraints run on each row as before (the catalogue's token is
replaced once per statement, in the same transaction). Only the order differs: the insatser
written together, then their villkor; the import writes the pending ones before it touches an
insats already in the catalogue, so everything it reads there is as it was."""

from __future__ import annotations

from collections.abc import Sequence

from simple_history.utils import get_history_manager_for_model

from insatser.models import Insats, Villkor


class NyaInsatser:
    def __init__(self) -> None:
        self._vantande: list[tuple[Insats, list[Villkor]]] = []

    def lagg_till(self, insats: Insats, villkor: Sequence[Villkor]) -> None:
        """An insats to write with its villkor; its history user and reason are set on it
        (services.satt_historik) and are its villkor's too."""
        self._vantande.append((insats, list(villkor)))

    def skriv(self) -> None:
        if not self._vantande:
            return
        insatser = [insats for insats, _ in self._vantande]
        Insats.objects.bulk_create(insatser)
        get_history_manager_for_model(Insats).bulk_history_create(insatser)
        alla: list[Villkor] = []
        for insats, villkor in self._vantande:
            for ordning, v in enumerate(villkor):
                v.pk = None
                v.insats = insats
                v.ordning = ordning
                v._history_user = insats._history_user  # type: ignore[attr-defined]
                v._change_reason = insats._change_reason  # type: ignore[attr-defined]
                alla.append(v)
        if alla:
            Villkor.objects.bulk_create(alla)
            get_history_manager_for_model(Villkor).bulk_history_create(alla)
        self._vantande = []
