"""Rounds, group meetings with their attendance, and openings of open activities."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dokumentation import regler
from dokumentation.deltagande.models import Deltagande
from dokumentation.logg.atkomst import (
    far_oppna,
    hamta_insats,
    hamta_omgang,
    hamta_tillfalle,
    logga_visade,
    mina_insatser,
    mina_utforare_ids,
)
from dokumentation.rattelser.forms import OrsakForm
from dokumentation.rattelser.services import Orsak, ratta_narvaro
from dokumentation.sidor import heltal, kvittera_avslut, likadan, personal, post, sparat
from dokumentation.tillfallen.avslut import avsluta_omgangens_deltagare
from dokumentation.tillfallen.forms import (
    AvslutaDeltagareForm,
    OmgangForm,
    OppningForm,
    SlutradForm,
    StallInForm,
    TraffForm,
)
from dokumentation.tillfallen.intag import RaderBrott
from dokumentation.tillfallen.models import Omgang, Tillfalle
from dokumentation.tillfallen.services import (
    andra_narvaro,
    avsluta_omgang,
    med_antal_tillfallen,
    omgangar_med_platser,
    registrera_oppning,
    registrera_traff,
    skapa_omgang,
    stall_in_omgang,
    vid_taket,
)
from dokumentation.tillfallen.skyddade import numrera_skyddade
from dokumentation.val import SkalOverTak
from insatser.forms import lagg_till_fel
from insatser.models import Insats
from insatser.services import RegelBrott
from organisation.behorighet import InloggadRequest
from organisation.sparat_arbete import sparar_arbete


@sparar_arbete()
@personal
def omgangar(request: InloggadRequest) -> HttpResponse:
    gruppinsatser = mina_insatser(request.user).filter(form__in=Insats.GRUPPFORMER)
    form = OmgangForm(post(request), insatser=gruppinsatser)
    if request.method == "POST" and form.is_valid() and not likadan(request, form):
        try:
            omgang = skapa_omgang(
                **{f: form.cleaned_data[f] for f in OmgangForm.Meta.fields},
                nyckel=form.cleaned_data["nyckel"],
                skapad_av=request.user,
            )
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            sparat(
                request,
                omgang,
                "omgången",
                "Omgången är skapad.",
                form=form,
                url=omgang.get_absolute_url(),
            )
            return redirect(omgang)
    if request.method == "GET":
        forsta = gruppinsatser.first()
        if forsta:
            form.initial.update(
                {
                    "min_deltagare": forsta.gruppstorlek_min or 1,
                    "max_deltagare": forsta.gruppstorlek_max or 12,
                    "antal_traffar": forsta.max_tillfallen or 4,
                }
            )
    return render(
        request,
        "dokumentation/omgangar.html",
        {"omgangar": omgangar_med_platser(mina_utforare_ids(request.user)), "form": form},
    )


@sparar_arbete()
@personal
def omgang(request: InloggadRequest, pk: int) -> HttpResponse:
    o = hamta_omgang(request.user, pk)
    traff_form = TraffForm(post(request))
    if (
        request.method == "POST"
        and traff_form.is_valid()
        and not likadan(request, traff_form)
        and not utover_planen(o, traff_form)
    ):
        try:
            traff = registrera_traff(
                omgang=o,
                datum=traff_form.cleaned_data["datum"],
                langd_minuter=traff_form.cleaned_data["langd_minuter"],
                personal=request.user,
                nyckel=traff_form.cleaned_data["nyckel"],
                idag=timezone.localdate(),
                efterregistrering=traff_form.cleaned_data["efterregistrering"],
            )
        except RegelBrott as e:
            lagg_till_fel(traff_form, e.overtradelser)
        else:
            url = reverse("dokumentation:traff", args=[traff.pk])
            sparat(
                request,
                traff,
                "träffen",
                "Träffen är registrerad. Pricka av vilka som var där.",
                form=traff_form,
                url=url,
            )
            return redirect(url)
    # kontakt: the page asks far_oppna of each row (who registered a protected participant).
    deltagare = list(o.deltaganden.select_related("person", "kontakt").order_by("status", "id"))
    logga_visade(request, deltagare, f"Såg i omgången {o.benamning}", som_lista=True)
    # A protected participant is listed to colleagues without a link or "Börjar nu": they may
    # neither open nor start it (far_oppna), and both would answer 404.
    for d in deltagare:
        d.far_oppnas = far_oppna(request.user, d)  # type: ignore[attr-defined]
    numrera_skyddade(o, deltagare)
    # The cards of a group just enrolled, shown once.
    nya = set(request.session.pop("visa_koder", []) if request.method == "GET" else [])
    kort = [d for d in deltagare if d.pk in nya and d.deltagarkod]
    return render(
        request,
        "dokumentation/omgang.html",
        {
            "o": o,
            "deltagare": deltagare,
            "traff_form": traff_form,
            "traffar": o.traffar.annotate(narvarande=Count("narvaro")).order_by("datum"),
            "stall_in_form": StallInForm(omgang=o),
            "upptagna": sum(1 for d in deltagare if d.status == Deltagande.Status.PAGAENDE),
            "kort": kort,
        },
    )


def utover_planen(o: Omgang, form: TraffForm) -> bool:
    """A round planned for N meetings gets an (N+1)th only when the user confirms it (as
    `likadan` asks before a second identical record): a meeting moved or added happens, and the
    insats's cap (11 kap. 5 §) still refuses more than the nämnd decided; but a typo or a
    meeting registered twice by two colleagues is more likely, so the page asks first
    (form.utover_planen_antal, shown by omgang.html). The same form sent again (its key used)
    is not asked about: it is "Redan sparad"."""
    if form.cleaned_data.get("utover_planen"):
        return False
    if Tillfalle.objects.filter(inlamningsnyckel=form.cleaned_data["nyckel"]).exists():
        return False
    antal = o.traffar.count()
    if antal < o.antal_traffar:
        return False
    form.utover_planen_antal = antal  # type: ignore[attr-defined]
    return True


@personal
@require_POST
def stall_in(request: InloggadRequest, pk: int) -> HttpResponse:
    o = hamta_omgang(request.user, pk)
    form = StallInForm(request.POST, omgang=o)
    if form.is_valid():
        try:
            antal = stall_in_omgang(omgang=o, flytta_till=form.cleaned_data["flytta_till"])
        except RegelBrott as e:
            messages.error(request, e.overtradelser[0].meddelande)
        else:
            messages.success(
                request,
                f"Omgången är inställd. {antal} personer står nu i kö till "
                f"{form.cleaned_data['flytta_till'].benamning}.",
            )
            return redirect(form.cleaned_data["flytta_till"])
    else:
        messages.error(request, "Välj vilken omgång listan ska flyttas till.")
    return redirect(o)


@personal
@require_POST
def omgang_avsluta(request: InloggadRequest, pk: int) -> HttpResponse:
    o = hamta_omgang(request.user, pk)
    try:
        vantande = avsluta_omgang(omgang=o)
    except RegelBrott as e:
        messages.error(request, e.overtradelser[0].meddelande)
        return redirect(o)
    meddelande = f"Omgången {o.benamning} är avslutad."
    if vantande:
        antal = "1 person" if vantande == 1 else f"{vantande} personer"
        meddelande += f" {antal} på dess väntelista står kvar på insatsens väntelista."
    messages.success(request, meddelande)
    return redirect("dokumentation:omgangar")


def _som_personalen_letar(deltaganden: list[Deltagande]) -> list[Deltagande]:
    """Sorted as staff look them up: by name (14:3), else by the code on the card. A
    protected identity by what the list shows of it, "Skyddad identitet" and the order it
    joined (its number, `numrera_skyddade`): by name, its place would tell where its surname
    falls in the alphabet."""
    return sorted(
        deltaganden,
        key=lambda d: (
            ("Skyddad identitet", "", d.pk)
            if d.person and d.person.skyddad_identitet
            else (d.person.efternamn, d.person.fornamn, 0)
            if d.person
            else ("", d.deltagarkod or "", 0)
        ),
    )


@sparar_arbete()
@personal
def avsluta_deltagare(request: InloggadRequest, pk: int) -> HttpResponse:
    """The round's ongoing participants ended together, as planned: one page, one POST, all
    or none. Whoever dropped out is unticked and ended on their own page."""
    o = hamta_omgang(request.user, pk)
    if o.status != Omgang.Status.PAGAR:
        raise Http404
    alla = _som_personalen_letar(
        list(
            o.deltaganden.filter(status=Deltagande.Status.PAGAENDE).select_related(
                "person", "kontakt"
            )
        )
    )
    # A protected identity is ended only by who may open it (far_oppna): listed for others
    # without a row to tick, and a row sent for it anyway is no row of this page.
    numrera_skyddade(o, alla)
    deltagare = [d for d in alla if far_oppna(request.user, d)]
    skyddade = [d for d in alla if not far_oppna(request.user, d)]
    data = post(request)
    sida = AvslutaDeltagareForm(data)
    slutdatum = sida.cleaned_data.get("slutdatum") if sida.is_valid() else None
    rader = [SlutradForm(data, deltagande=d, slutdatum=slutdatum) for d in deltagare]
    if request.method == "POST":
        # Every row is checked, so that every message shows at once.
        rader_ok = all([r.is_valid() for r in rader])
        if sida.is_valid() and rader_ok:
            try:
                avslut = avsluta_omgangens_deltagare(
                    omgang=o,
                    rader=[r.slutrad() for r in rader if r.cleaned_data["avsluta"]],
                    slutdatum=sida.cleaned_data["slutdatum"],
                    anvandare=request.user,
                    nyckel=sida.cleaned_data["nyckel"],
                    idag=timezone.localdate(),
                    avsluta_omgangen=sida.cleaned_data["avsluta_omgangen"],
                )
            except RaderBrott as e:
                for r in rader:
                    lagg_till_fel(r, e.per_rad.pop(r.deltagande.pk, []))
                # Someone no longer ongoing in the round (a colleague ended them meanwhile).
                lagg_till_fel(sida, [o for fel in e.per_rad.values() for o in fel])
            except RegelBrott as e:
                lagg_till_fel(sida, e.overtradelser)
            else:
                kvittera_avslut(request, avslut, f"Avslutade deltagandet i omgången {o.benamning}")
                return redirect(o)
    logga_visade(
        request,
        alla,
        f"Såg på sidan Avsluta deltagare i omgången {o.benamning}",
        som_lista=True,
    )
    return render(
        request,
        "dokumentation/avsluta_deltagare.html",
        {
            "o": o,
            "sida": sida,
            "rader": rader,
            "har_fel": bool(sida.errors) or any(r.errors for r in rader),
            "anonyma": any(not d.ar_identifierad for d in deltagare),
            "skyddade": skyddade,
        },
    )


@sparar_arbete()
@personal
def traff(request: InloggadRequest, pk: int) -> HttpResponse:
    t = hamta_tillfalle(request.user, pk)
    if t.omgang is None:
        raise Http404
    pagaende = _som_personalen_letar(
        list(
            med_antal_tillfallen(
                t.omgang.deltaganden.filter(status=Deltagande.Status.PAGAENDE)
            ).select_related("person")
        )
    )
    deltagare = [
        d for d in pagaende if regler.kan_ha_varit_med(startdatum=d.startdatum, traffdag=t.datum)
    ]
    senare = len(pagaende) - len(deltagare)
    numrera_skyddade(t.omgang, deltagare)
    narvarande = sparade = set(t.narvaro.values_list("deltagande_id", flat=True))
    # Taking a tick away corrects what was saved: it asks why (dokumentation.rattelser).
    data = post(request)  # what was posted, or ticked before the sign-in ended
    orsak = OrsakForm(data, prefix="rattelse") if narvarande else None
    fel: list[str] = []
    skal = data.get("over_taket", "") if data is not None else ""
    if request.method == "GET" and data is not None:
        # Shown ticked as they were, not saved: the user checks them and presses Spara.
        narvarande = {int(v) for v in data.getlist("narvarande") if heltal(v)}
    if request.method == "POST":
        ikryssade = {int(v) for v in request.POST.getlist("narvarande") if heltal(v)}
        # Only what this page showed as ticked and the user unticked is removed, so a
        # colleague's ticks saved meanwhile stay.
        var_ikryssade = {int(v) for v in request.POST.getlist("var_narvarande") if heltal(v)}

        def rattelse(fore: set[int], efter: set[int]) -> None:
            # Without a valid reason the correction service refuses, next to the field.
            skalet = orsak.orsaken() if orsak is not None and orsak.is_valid() else Orsak("")
            ratta_narvaro(t, fore=fore, efter=efter, orsak=skalet, av=request.user)

        try:
            andra_narvaro(
                traff=t,
                lagg_till=ikryssade,
                ta_bort=var_ikryssade - ikryssade,
                rattelse=rattelse,
                over_taket=skal if skal in SkalOverTak.values else "",
            )
        except RegelBrott as e:
            # The ticks stay as the user left them; each refusal is told where it belongs.
            narvarande = ikryssade
            fel = [o.meddelande for o in e.overtradelser if o.falt == "over_taket"]
            # A tick taken away is refused only where there were ticks to take.
            ovriga = [o for o in e.overtradelser if o.falt != "over_taket"]
            if ovriga and orsak is not None and orsak.is_bound:
                orsak.is_valid()
                lagg_till_fel(orsak, ovriga)
            elif orsak is not None and not var_ikryssade - ikryssade:
                # Nothing was taken away: the reason for a correction is not asked for.
                orsak = OrsakForm(prefix="rattelse")
        else:
            messages.success(request, "Närvaron är sparad.")
            return redirect(t.omgang)
    logga_visade(request, deltagare, f"Såg på närvarolistan {t.datum:%Y-%m-%d}", som_lista=True)
    taket = vid_taket(t, deltagare, redan=sparade)
    return render(
        request,
        "dokumentation/traff.html",
        {
            "t": t,
            "deltagare": deltagare,
            "narvarande": narvarande,
            "sparade": sparade,
            "orsak": orsak,
            "fel": fel,
            "vid_taket": [d for d in deltagare if d.pk in taket],
            "skalval": SkalOverTak.choices,
            "skal": skal,
            "senare": senare,
        },
    )


@personal
def oppning_valj_insats(request: InloggadRequest) -> HttpResponse:
    insatser = mina_insatser(request.user).filter(form=Insats.Form.OPPEN_VERKSAMHET)
    return render(request, "dokumentation/oppning_valj.html", {"insatser": insatser})


@sparar_arbete()
@personal
def oppning_ny(request: InloggadRequest, insats_pk: int) -> HttpResponse:
    insats = hamta_insats(request.user, insats_pk)
    if insats.form != Insats.Form.OPPEN_VERKSAMHET:
        raise Http404
    form = OppningForm(post(request))
    if request.method == "POST" and form.is_valid() and not likadan(request, form):
        try:
            oppning = registrera_oppning(
                insats=insats,
                datum=form.cleaned_data["datum"],
                langd_minuter=form.cleaned_data["langd_minuter"],
                personal=request.user,
                antal=form.antal(),
                nyckel=form.cleaned_data["nyckel"],
                idag=timezone.localdate(),
                efterregistrering=form.cleaned_data["efterregistrering"],
            )
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            totalt = sum(b.antal for b in oppning.besok.all())
            sparat(
                request,
                oppning,
                "öppningen",
                f"Öppningen {oppning.datum:%Y-%m-%d} är registrerad med {totalt} besök.",
                form=form,
            )
            return redirect("start")
    return render(request, "dokumentation/oppning_ny.html", {"insats": insats, "form": form})
