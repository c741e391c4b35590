"""The nämndsekreterare's screens for the insatser: the catalogue's list, a new insats, an
insats, its change, end, withdrawn change, removal and versions compared."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from grund.tid import idag as idag_lokalt
from insatser import andringar, historik, services
from insatser.forms import (
    AndringsbeslutForm,
    AterkallaForm,
    BaseVillkorFormSet,
    FilterForm,
    InsatsForm,
    UpphorForm,
    VillkorFormSet,
    lagg_till_fel,
)
from insatser.models import BeslutadAndring, Insats
from insatser.views import mina_kataloger, postdata, sekreterare
from organisation.behorighet import InloggadRequest


@sekreterare
def index(request: InloggadRequest) -> HttpResponse:
    kataloger = list(
        mina_kataloger(request).annotate(
            har_okant_beslut=Exists(
                Insats.objects.under_okant_beslut().filter(katalog=OuterRef("pk"))
            )
        )
    )
    if len(kataloger) == 1:
        return redirect("insatser:lista", kataloger[0].slug)
    return render(request, "insatser/index.html", {"kataloger": kataloger})


@sekreterare
def lista(request: InloggadRequest, slug: str) -> HttpResponse:
    katalog = get_object_or_404(mina_kataloger(request), slug=slug)
    omraden = sorted({o for o in katalog.insatser.values_list("omrade", flat=True) if o})
    filter_form = FilterForm(request.GET or None, omraden=omraden)
    services.verkstall_om_dags()
    insatser = (
        katalog.insatser.select_related("utforare", "beslut")
        .annotate(
            # A decided change waiting for its day, in the same query.
            andras_fran=Subquery(
                BeslutadAndring.objects.vantande()
                .filter(insats=OuterRef("pk"))
                .values("galler_fran")[:1]
            )
        )
        .order_by("ordning", "namn")
    )
    filter_form.is_valid()
    val = getattr(filter_form, "cleaned_data", {})
    if val.get("omrade"):
        insatser = insatser.filter(omrade=val["omrade"])
    if val.get("regel"):
        insatser = insatser.filter(dokumentationsregel=val["regel"])
    if val.get("utforare"):
        insatser = insatser.filter(utforare=val["utforare"])
    insatser = insatser.filter(status=val["status"]) if val.get("status") else insatser.gallande()
    return render(
        request,
        "insatser/lista.html",
        {
            "katalog": katalog,
            "insatser": insatser,
            "filter_form": filter_form,
            "antal_utan_skal": sum(1 for i in insatser if i.saknar_sarskilda_skal),
            # From the listed rows (their decisions are joined): no query of its own.
            "okanda_beslut": sorted(
                {i.beslut for i in insatser if i.beslut_okant and i.beslut},
                key=lambda b: b.datum,
            ),
            "antal_okant_beslut": sum(1 for i in insatser if i.beslut_okant),
            "idag": idag_lokalt(),
        },
    )


def _villkor_formset(request: InloggadRequest, insats: Insats) -> BaseVillkorFormSet:
    formset: BaseVillkorFormSet = VillkorFormSet(  # type: ignore[assignment]
        postdata(request), instance=insats, prefix="villkor"
    )
    return formset


@sekreterare
def ny(request: InloggadRequest, slug: str) -> HttpResponse:
    katalog = get_object_or_404(mina_kataloger(request), slug=slug)
    insats = Insats(katalog=katalog)
    form = InsatsForm(postdata(request), instance=insats)
    formset = _villkor_formset(request, insats)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            insats = services.skapa_insats(
                insats=form.save(commit=False), villkor=formset.villkor(), anvandare=request.user
            )
        except services.RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            messages.success(
                request,
                f"Utkastet ”{insats.namn}” är sparat. Det blir en del av "
                "katalogen när nämndens beslut har registrerats.",
            )
            return redirect(insats)
    return render(
        request,
        "insatser/form.html",
        {
            "katalog": katalog,
            "form": form,
            "formset": formset,
            "ny": True,
        },
    )


def _hamta_insats(request: InloggadRequest, pk: int) -> Insats:
    return get_object_or_404(
        Insats.objects.select_related("katalog", "beslut", "utforare").filter(
            katalog__in=mina_kataloger(request)
        ),
        pk=pk,
    )


@sekreterare
def detalj(request: InloggadRequest, pk: int) -> HttpResponse:
    services.verkstall_om_dags()
    insats = _hamta_insats(request, pk)
    villkor = list(insats.villkor.all())
    # Decided changes not in force in the register: the one waiting, and those withdrawn.
    andringar = list(
        insats.beslutade_andringar.filter(verkstalld__isnull=True)
        .select_related("beslut", "registrerad_av", "aterkallad_av")
        .order_by("-id")
    )
    vantande = next((a for a in andringar if a.ar_vantande), None)
    versioner = historik.versioner(
        insats, med_villkor=False, vantande=[vantande] if vantande else []
    )
    skillnader = []
    if vantande is not None:
        nu = historik.Version(None, insats, villkor, insats.beslut, insats.version_galler_fran)
        sedan = historik.Version(
            None,
            vantande.som_insats(insats),
            vantande.som_villkor(villkor),
            vantande.beslut,
            vantande.galler_fran,
        )
        skillnader = [s for s in historik.jamfor(nu, sedan) if s.falt != "beslut"]
    return render(
        request,
        "insatser/detalj.html",
        {
            "insats": insats,
            "katalog": insats.katalog,
            "villkor": villkor,
            "versioner": versioner,
            "vantande": vantande,
            # Its day has come and it is still waiting: it could not be put in force; why.
            "hinder": services.hinder(vantande, insats)
            if vantande is not None and vantande.galler_fran <= idag_lokalt()
            else [],
            "skillnader": skillnader,
            "aterkallade": [a for a in andringar if a.aterkallad is not None],
            "idag": idag_lokalt(),
            "kan_tas_bort": insats.status == Insats.Status.UTKAST
            and not services.har_varit_beslutad(insats),
        },
    )


@sekreterare
def andra(request: InloggadRequest, pk: int) -> HttpResponse:
    insats = _hamta_insats(request, pk)
    if insats.status == Insats.Status.UPPHORD:
        raise Http404
    kravs = insats.status != Insats.Status.UTKAST
    form = InsatsForm(postdata(request), instance=insats)
    formset = _villkor_formset(request, insats)
    beslut_form = AndringsbeslutForm(
        postdata(request),
        katalog=insats.katalog,
        kravs=kravs,
        initial={"version": insats.version},
    )
    if request.method == "POST" and all(
        [form.is_valid(), formset.is_valid(), beslut_form.is_valid()]
    ):
        try:
            andringar.andra_insats(
                insats=form.save(commit=False),
                villkor=formset.villkor(),
                anvandare=request.user,
                beslut=beslut_form.cleaned_data["beslut"],
                version=beslut_form.cleaned_data["version"],
                rattelse=beslut_form.cleaned_data.get("rattelse") or "",
            )
        except services.SamtidigAndring:
            messages.error(
                request,
                "Någon annan har sparat insatsen medan du ändrade den. "
                "Dina ändringar är inte sparade; öppna insatsen igen och "
                "gör om dem utifrån den senaste versionen.",
            )
        except services.RegelBrott as e:
            till_beslutet = ("beslut", None)
            lagg_till_fel(form, [o for o in e.overtradelser if o.falt not in till_beslutet])
            lagg_till_fel(beslut_form, [o for o in e.overtradelser if o.falt in till_beslutet])
        else:
            messages.success(request, _sparad(insats, "Ändringarna är sparade.", "Ändringen"))
            return redirect(insats)
    return render(
        request,
        "insatser/form.html",
        {
            "katalog": insats.katalog,
            "insats": insats,
            "form": form,
            "formset": formset,
            "beslut_form": beslut_form,
            "ny": False,
        },
    )


@sekreterare
def upphor(request: InloggadRequest, pk: int) -> HttpResponse:
    insats = _hamta_insats(request, pk)
    if insats.status != Insats.Status.BESLUTAD:
        raise Http404
    form = UpphorForm(postdata(request), katalog=insats.katalog)
    if request.method == "POST" and form.is_valid():
        try:
            andringar.upphora_insats(
                insats=insats,
                beslut=form.cleaned_data["beslut"],
                anvandare=request.user,
                sista_dag=form.cleaned_data["sista_dag"],
            )
        except services.RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            messages.success(
                request,
                _sparad(insats, f"”{insats.namn}” upphör att gälla.", "Att insatsen upphör"),
            )
            return redirect(insats)
    return render(
        request, "insatser/upphor.html", {"insats": insats, "form": form, "katalog": insats.katalog}
    )


def _sparad(insats: Insats, nu: str, vad: str) -> str:
    """The message after a change: `nu` when in force now, else when its day comes."""
    vantande = insats.beslutade_andringar.vantande().first()
    if vantande is None:
        return nu
    return (
        f"{vad} är beslutad och gäller från {vantande.galler_fran.isoformat()}. Till dess "
        "gäller insatsen som i dag, i katalogen och vid registrering."
    )


@sekreterare
def aterkalla_andring(request: InloggadRequest, pk: int) -> HttpResponse:
    """Withdraw a decided change recorded by mistake, before its day (kept in the history)."""
    services.verkstall_om_dags()  # one whose day has come is in force, not waiting
    egna = mina_kataloger(request)
    andring = get_object_or_404(
        BeslutadAndring.objects.vantande()
        .select_related("insats__katalog", "katalog", "beslut")
        .filter(Q(insats__katalog__in=egna) | Q(katalog__in=egna)),
        pk=pk,
    )
    insats = andring.insats
    katalog = insats.katalog if insats is not None else andring.katalog
    form = AterkallaForm(postdata(request))
    if request.method == "POST" and form.is_valid():
        try:
            andringar.aterkalla_andring(
                andring=andring, orsak=form.cleaned_data["orsak"], anvandare=request.user
            )
        except services.RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            vad = "Insatsen" if insats is not None else "Katalogens uppgifter"
            messages.success(
                request,
                f"Ändringen som skulle gälla från {andring.galler_fran.isoformat()} är "
                f"återkallad. {vad} gäller som förut.",
            )
            if insats is not None:
                return redirect(insats)
            return redirect("insatser:installningar", andring.katalog.slug)  # type: ignore[union-attr]
    return render(
        request,
        "insatser/aterkalla.html",
        {"andring": andring, "insats": insats, "katalog": katalog, "form": form},
    )


@sekreterare
@require_POST
def ta_bort(request: InloggadRequest, pk: int) -> HttpResponse:
    insats = _hamta_insats(request, pk)
    katalog = insats.katalog
    try:
        services.ta_bort_utkast(insats=insats, anvandare=request.user)
    except services.RegelBrott as e:
        messages.error(request, e.overtradelser[0].meddelande)
        return redirect(insats)
    messages.success(request, f"Utkastet ”{insats.namn}” är borttaget.")
    return redirect("insatser:lista", katalog.slug)


@sekreterare
def jamfor(request: InloggadRequest, pk: int) -> HttpResponse:
    """Two versions of one insats, in the order of the nämnd's decisions (a correction stands
    with the decision it corrects)."""
    insats = _hamta_insats(request, pk)
    versioner = historik.versioner(insats)
    if len(versioner) < 2:
        raise Http404
    nummer = {str(v.rad.history_id): nr for nr, v in enumerate(versioner)}
    till = nummer.get(request.GET.get("till", ""), 0)
    fore = nummer.get(request.GET.get("fran", ""), 1)
    if fore < till:  # newest first: the later version has the lower number
        fore, till = till, fore
    return render(
        request,
        "insatser/jamfor.html",
        {
            "insats": insats,
            "katalog": insats.katalog,
            "versioner": versioner,
            "fore": versioner[fore],
            "till": versioner[till],
            "skillnader": historik.jamfor(versioner[fore], versioner[till]),
        },
    )
