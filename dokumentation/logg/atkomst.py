"""Fetch and authorise in one step: a record the user may not see answers 404, exactly like
one that does not exist. Every read, change and print of identified data is logged here."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from dokumentation import en_sats
from dokumentation.deltagande.models import Deltagande
from dokumentation.logg.models import Atkomstlogg
from dokumentation.tillfallen.models import Omgang, Tillfalle
from insatser import katalogcache
from insatser.models import Insats
from insatser.regler import Overtradelse
from organisation.behorighet import utforare_ids
from organisation.inloggningsgrans import klientadress
from organisation.models import Anvandare, Roll

PERSONALROLLER = (Roll.UTFORARPERSONAL, Roll.ENHETSCHEF)
sakerhetslogg = logging.getLogger("iub.sakerhet")


def mina_utforare_ids(anvandare: Anvandare) -> list[int]:
    return utforare_ids(anvandare, *PERSONALROLLER)


def mina_insatser(anvandare: Anvandare) -> QuerySet[Insats]:
    """The decided insatser in force that the user's utförare carry out."""
    return Insats.objects.publicerade().filter(utforare_id__in=mina_utforare_ids(anvandare))


def hamta_insats(anvandare: Anvandare, pk: int) -> Insats:
    """One of mina_insatser, with its katalog, utförare and villkor, from the catalogue kept
    for registration (insatser.katalogcache), under the token read with the user."""
    insats = katalogcache.insats(pk, las_token=katalogcache.token_med(anvandare))
    if (
        insats is None
        or not insats.ar_publicerad()
        or insats.utforare_id not in mina_utforare_ids(anvandare)
    ):
        raise Http404
    return insats


def mina_deltaganden(anvandare: Anvandare) -> QuerySet[Deltagande]:
    return Deltagande.objects.filter(utforare_id__in=mina_utforare_ids(anvandare))


def _deltagandet(anvandare: Anvandare, pk: int) -> Deltagande:
    """`mina_deltaganden(anvandare).get(pk=pk)` as one prepared statement where there is one
    (PostgreSQL): a talk saved reads its participation on every request, and building the
    query with the ORM cost more than running it (bench/RESULTS.md, fifteenth session)."""
    utforare = mina_utforare_ids(anvandare)
    if not en_sats.finns():
        return Deltagande.objects.filter(utforare_id__in=utforare).get(pk=pk)
    deltagande = (
        en_sats.las_en(Deltagande, "id = %s AND utforare_id = ANY(%s)", [pk, utforare])
        if utforare
        else None
    )
    if deltagande is None:
        raise Deltagande.DoesNotExist
    return deltagande


def logga(request: HttpRequest, deltagande: Deltagande, handling: str, vad: str) -> None:
    """Write the access log for identified data; de-identified records need no log."""
    logga_visade(request, [deltagande], vad, handling=handling)


def logga_visade(
    request: HttpRequest,
    deltaganden: Iterable[Deltagande],
    vad: str,
    *,
    handling: str = Atkomstlogg.Handling.LASA,
    som_lista: bool = False,
) -> None:
    """One row per identified person a page shows or changes (a list, a round, a meeting, the
    start page, one participation), in one statement.

    What is a sight (the log records every one and nothing else, so a real one is not hidden
    in noise): a page that shows an identified participation's content (its own page, its
    correction or history, the register extract), or names its person (a list row, a search
    hit – a hit on a personnummer ties it to the record, whatever the row says), or changes it.
    `som_lista` is a list that names each person only as `Person.__str__` and shows nothing
    else of them but the insats, dates and status: a protected identity is listed there as
    "Skyddad identitet", which shows nobody, so it is no sight and not logged.

    A HEAD is no sight: it is answered without a body and without its length
    (grund.svar), so nobody is seen and nothing is logged. It passes the same access checks
    as a GET, and a refused one is a security event all the same."""
    assert isinstance(request.user, Anvandare)  # noqa: S101 - behind kraver_roll
    if request.method == "HEAD":
        return
    if som_lista and handling == Atkomstlogg.Handling.LASA:
        deltaganden = [
            d for d in deltaganden if not (d.person_id and d.person and d.person.skyddad_identitet)
        ]
    # The client's address, not the municipality's proxy's (PROXY_ANTAL).
    skriv_atkomst(request.user, deltaganden, vad, handling=handling, ip=klientadress(request))


def skriv_atkomst(
    anvandare: Anvandare,
    deltaganden: Iterable[Deltagande],
    vad: str,
    *,
    handling: str = Atkomstlogg.Handling.LASA,
    ip: str | None,
) -> None:
    """The rows themselves, for a user known without a request (the demo's staff)."""
    rader = [
        Atkomstlogg(
            anvandare=anvandare,
            utforare_id=d.utforare_id,
            handling=handling,
            deltagande=d,
            vad=vad[:200],
            ip=ip,
        )
        for d in deltaganden
        if d.ar_identifierad
    ]
    if rader:  # most records are de-identified: then not even an empty transaction
        Atkomstlogg.objects.bulk_create(rader)


def hamta_deltagande(
    request: HttpRequest,
    pk: int,
    *,
    handling: str = Atkomstlogg.Handling.LASA,
    vad: str,
    med_kontakt: bool = True,
) -> Deltagande:
    """The participation if it is the user's utförare's, or 404; logged if identified.
    `med_kontakt=False` where the page is not shown (a talk saved): its contact is then read
    only if needed."""
    assert isinstance(request.user, Anvandare)  # noqa: S101 - behind kraver_roll
    try:
        if med_kontakt:
            # With its contact, which says who registered it (who may correct it).
            deltagande = mina_deltaganden(request.user).select_related("kontakt").get(pk=pk)
        else:
            deltagande = _deltagandet(request.user, pk)
    except Deltagande.DoesNotExist as e:
        if Deltagande.objects.filter(pk=pk, person__isnull=False).exists():
            _nekad(request, pk, "utanför användarens utförare")
        raise Http404 from e
    # Every page and rule needs the insats (its caps): from the kept catalogue. The person and
    # the round are read where there is one, most participations having neither.
    insats = katalogcache.insats(
        deltagande.insats_id, las_token=katalogcache.token_med(request.user)
    )
    assert insats is not None  # noqa: S101 - the foreign key protects it
    deltagande.insats = insats
    if (
        deltagande.person
        and deltagande.person.skyddad_identitet
        and not _far_se_skyddad(request.user, deltagande)
    ):
        _nekad(request, pk, "skyddad identitet")
        raise Http404
    if handling != Atkomstlogg.Handling.LASA and request.method in ("GET", "HEAD"):
        # Opening a form changes nothing: it is a read until the form is sent.
        handling, vad = Atkomstlogg.Handling.LASA, f"Öppnade formuläret: {vad.lower()}"
    logga(request, deltagande, handling, vad)
    return deltagande


def _nekad(request: HttpRequest, pk: int, varfor: str) -> None:
    """A refused request for an identified record is a security event (the answer is the
    same 404 as for one that does not exist)."""
    sakerhetslogg.warning(
        "Nekad åtkomst till identifierat deltagande %s (%s) för %s från %s: %s",
        pk,
        varfor,
        request.user.get_username(),
        klientadress(request),
        request.path,
    )


def far_oppna(anvandare: Anvandare, deltagande: Deltagande) -> bool:
    """The one rule for a protected identity (skyddad identitet): only the one who registered
    the participation and the enhetschef of its utförare may open it, change it, correct or
    end it. Every path that can change or end a participation asks this (or `far_oppna_q`):
    its own pages (`hamta_deltagande`), the search, the quiet participations
    (`avsluta_vilande`), a round's "Avsluta deltagare" (`avsluta_omgangens_deltagare`) and
    the corrections (`dokumentation.rattelser.services.far_ratta`). Its kontakt and person
    fetched with it where a list asks for several. Attendance at a group meeting is not a
    change of the participation in this sense: whoever leads the meeting ticks who came (the
    list shows a protected participant as "Skyddad identitet", never the name)."""
    person = deltagande.person
    return not (person and person.skyddad_identitet) or _far_se_skyddad(anvandare, deltagande)


def far_oppna_q(anvandare: Anvandare) -> Q:
    """`far_oppna` as a query filter on participations."""
    return (
        Q(person__isnull=True)
        | Q(person__skyddad_identitet=False)
        | Q(kontakt__registrerad_av=anvandare)
        | Q(utforare_id__in=utforare_ids(anvandare, Roll.ENHETSCHEF))
    )


SKYDDAD_IDENTITET = Overtradelse(
    kod="skyddad_identitet",
    regel="",
    falt=None,
    meddelande="Deltagaren har skyddad identitet: deltagandet ändras och avslutas bara av den "
    "som registrerade det eller av enhetschefen.",
)


def _far_se_skyddad(anvandare: Anvandare, deltagande: Deltagande) -> bool:
    """Skyddad identitet narrows access to the one who registered the participation and the
    enhetschef of the utförare."""
    if deltagande.kontakt.registrerad_av_id == anvandare.pk:
        return True
    return deltagande.utforare_id in utforare_ids(anvandare, Roll.ENHETSCHEF)


def hamta_omgang(anvandare: Anvandare, pk: int) -> Omgang:
    try:
        return Omgang.objects.select_related("insats").get(
            pk=pk, utforare_id__in=mina_utforare_ids(anvandare)
        )
    except Omgang.DoesNotExist as e:
        raise Http404 from e


def hamta_tillfalle(anvandare: Anvandare, pk: int) -> Tillfalle:
    try:
        return Tillfalle.objects.select_related("omgang", "insats").get(
            pk=pk, utforare_id__in=mina_utforare_ids(anvandare)
        )
    except Tillfalle.DoesNotExist as e:
        raise Http404 from e
