"""The fixed answers the records share (channel, sex, age band, villkor answer, outcome,
consent, wellbeing, housing, occupation, problems, reasons for stopping early), each stored as
its code; `bara_val` makes the database refuse any other value."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q


class Efterregistrering(models.TextChoices):
    """Why a record is dated more than a year back: codes only, so that no free text (and no
    identity) enters a de-identified record."""

    ANTECKNINGAR = "anteckningar", "Förs in i efterhand från egna anteckningar"
    OVERFORING = "overforing", "Förs över från ett annat system"
    AVBROTT = "avbrott", "Registret gick inte att använda då"
    ANNAT = "annat", "Annat skäl"


class Kanal(models.TextChoices):
    PA_PLATS = "pa_plats", "På plats"
    TELEFON = "telefon", "Telefon"
    DIGITALT = "digitalt", "Digitalt"


class Kon(models.TextChoices):
    KVINNA = "kvinna", "Kvinna"
    MAN = "man", "Man"
    ANNAT = "annat", "Annat"
    UPPGER_EJ = "uppger_ej", "Vill inte uppge"


class Aldersgrupp(models.TextChoices):
    """Fixed bands for de-identified statistics."""

    A0_12 = "0-12", "0–12 år"
    A13_14 = "13-14", "13–14 år"
    A15_17 = "15-17", "15–17 år"
    A18_24 = "18-24", "18–24 år"
    A25_44 = "25-44", "25–44 år"
    A45_64 = "45-64", "45–64 år"
    A65 = "65-", "65 år och äldre"
    OKAND = "okand", "Okänd"

    @classmethod
    def for_alder(cls, alder: int | None) -> Aldersgrupp:
        if alder is None:
            return cls.OKAND
        for grans, grupp in (
            (12, cls.A0_12),
            (14, cls.A13_14),
            (17, cls.A15_17),
            (24, cls.A18_24),
            (44, cls.A25_44),
            (64, cls.A45_64),
        ):
            if alder <= grans:
                return grupp
        return cls.A65


class Svar(models.TextChoices):
    """The summary check of one villkor (DESIGN.md §2.4)."""

    UPPFYLLT = "uppfyllt", "Uppfyllt"
    EJ_UPPFYLLT = "ej_uppfyllt", "Inte uppfyllt"
    OSAKERT = "osakert", "Osäkert"


class Utfall(models.TextChoices):
    DELTAR = "deltar", "Börjar delta"
    VANTELISTA = "vantelista", "Väntelista – senare omgång"
    HANVISAD_ANSOKA = "hanvisad_ansoka", "Hänvisad att ansöka om behovsprövad insats"
    HANVISAD_NAMND = "hanvisad_namnd", "Hänvisad till nämnden"
    AVBOJDE = "avbojde", "Avböjde"


class Samtycke(models.TextChoices):
    """Which guardians consented (21 kap. 2 §). "Alla" is both, when there are two."""

    INGEN = "ingen", "Ingen vårdnadshavare har samtyckt"
    EN = "en", "En av vårdnadshavarna"
    ALLA = "alla", "Alla vårdnadshavare (båda, om de är två)"


def bara_val(modell: str, falt: str, val: Any, *, tom: bool = False) -> models.CheckConstraint:
    """A coded column holds one of its codes and nothing else: no text can be written into
    it past the forms (14 kap. 4–5 §§; identity has no place to go)."""
    villkor = Q(**{f"{falt}__in": list(val.values)})
    if tom:
        villkor |= Q(**{falt: ""})
    return models.CheckConstraint(condition=villkor, name=f"{modell}_{falt}_bara_koder")


class Maende(models.IntegerChoices):
    MYCKET_DALIGT = 1, "1 – Mycket dåligt"
    DALIGT = 2, "2 – Dåligt"
    VARKEN = 3, "3 – Varken bra eller dåligt"
    BRA = 4, "4 – Bra"
    MYCKET_BRA = 5, "5 – Mycket bra"


class Boende(models.TextChoices):
    EGET = "eget", "Eget boende"
    FORALDRAR = "foraldrar", "Hos föräldrar"
    ANDRAHAND = "andrahand", "Andrahandsboende"
    TILLFALLIGT = "tillfalligt", "Tillfälligt boende"
    HEMLOS = "hemlos", "Saknar boende"
    ANNAT = "annat", "Annat"
    UPPGER_EJ = "uppger_ej", "Vill inte uppge"


class Sysselsattning(models.TextChoices):
    ARBETE = "arbete", "Arbete"
    STUDIER = "studier", "Studier eller skola"
    ARBETSSOKANDE = "arbetssokande", "Arbetssökande"
    SJUKSKRIVEN = "sjukskriven", "Sjukskriven"
    PENSION = "pension", "Pension"
    ANNAT = "annat", "Annat"
    UPPGER_EJ = "uppger_ej", "Vill inte uppge"


class Problem(models.TextChoices):
    UTEBLEV = "uteblev", "Uteblev från tillfällen"
    KONFLIKT = "konflikt", "Konflikt i gruppen"
    MAENDE = "maende", "Försämrat mående"
    SKYDD = "skydd", "Oro för någons säkerhet"
    ANNAT = "annat", "Annat"


class Avbrottsorsak(models.TextChoices):
    BEHOV_UPPHORDE = "behov_upphorde", "Behovet upphörde"
    PASSADE_EJ = "passade_ej", "Insatsen passade inte"
    FLYTTADE = "flyttade", "Flyttade"
    BEHOVSPROVAD = "behovsprovad", "Gick över till behovsprövad insats"
    TAK = "tak", "Nådde taket för insatsen"
    KONTAKT_UPPHORDE = "kontakt_upphorde", "Kontakten upphörde"
    ANNAT = "annat", "Annat"


class SkalOverTak(models.TextChoices):
    """Why a session was given beyond the nämnd's cap (11 kap. 5 §): an explicit choice, a
    code and never free text, so that it can be stored in an anonymous record and counted."""

    ANSOKAN_PAGAR = "ansokan_pagar", "Har ansökt om behovsprövad insats – i väntan på beslut"
    AVSLUTANDE = "avslutande", "Avslutande tillfälle"
    AKUT = "akut", "Akut situation som inte kan vänta"
    OMGANGEN_SLUTFORS = "omgangen_slutfors", "Gruppens omgång slutförs"
    ANNAT = "annat", "Annat skäl"
