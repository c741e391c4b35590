"""The participation list and one participation's page, with its talks, start, referral and end."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from dokumentation.deltagande.forms import (
    AvslutaForm,
    AvslutaVilandeForm,
    NyKodForm,
    SamtalForm,
)
from dokumentation.deltagande.models import Deltagande
from dokumentation.deltagande.services import (
    avsluta_deltagande,
    ge_ny_deltagarkod,
    hanvisa_att_ansoka,
    kan_fa_ny_kod,
    registrera_samtal,
    starta_fran_vantelistan,
    tak,
)
from dokumentation.deltagande.vilande import avsluta_vilande, vilande
from dokumentation.journal.forms import JournalForm
from dokumentation.kontakter.services import registrera_avvisningar
from dokumentation.logg.atkomst import (
    far_oppna,
    far_oppna_q,
    hamta_deltagande,
    hamta_insats,
    logga_visade,
    mina_deltaganden,
    mina_insatser,
    mina_utforare_ids,
)
from dokumentation.logg.models import Atkomstlogg
from dokumentation.regler import sol_14_kap_3_identifieras
from dokumentation.sidor import heltal, kvittera_avslut, likadan, personal, post, sparat
from dokumentation.tillfallen.intag import RaderBrott
from dokumentation.tillfallen.models import Narvaro, Tillfalle
from insatser.forms import lagg_till_fel
from insatser.services import RegelBrott
from organisation.behorighet import InloggadRequest
from organisation.models import Anvandare
from organisation.sparat_arbete import aterstallt, sparar_arbete


def sok_personer(
    lista: QuerySet[Deltagande], fraga: str, anvandare: Anvandare
) -> QuerySet[Deltagande] | None:
    """14 kap. 3 §: the identified participations whose person matches a name (every word
    in the first or last name) or a personnummer (six digits or more, anywhere in it); None
    when the question is too short to search. A protected identity is found only by those
    who may open it (the one who registered it, the enhetschef)."""
    siffror = "".join(t for t in fraga if t.isascii() and t.isdigit())
    ord_ = [o for o in fraga.split() if not any(t.isdigit() for t in o)]
    traffar = lista.filter(person__isnull=False)
    if len(siffror) >= 6 and not ord_:
        traffar = traffar.filter(person__personnummer__contains=siffror)
    elif ord_ and not siffror and sum(len(o) for o in ord_) >= 2:
        for o in ord_:
            traffar = traffar.filter(
                Q(person__fornamn__icontains=o) | Q(person__efternamn__icontains=o)
            )
    else:
        return None
    return traffar.filter(far_oppna_q(anvandare))


VALJ_SKAL = (
    "Taket är nått. Välj ett skäl för att registrera samtalet ändå, eller hänvisa personen att "
    "ansöka om behovsprövad insats (11 kap. 1 §)."
)


@personal
def deltaganden(request: InloggadRequest) -> HttpResponse:
    # A search is sent by POST: a name, a personnummer or a code never stands in an address,
    # so never in the server's logs, the browser's history or a Referer.
    sokt = request.POST if request.method == "POST" else QueryDict()
    # Only the characters a deltagarkod can have; anything else finds nothing.
    kod = "".join(
        t for t in sokt.get("kod", "").upper() if t.isascii() and (t.isalnum() or t == "-")
    )[:9]
    fraga = sokt.get("q", "").strip()[:100]
    # kontakt: the list asks far_oppna of each row (who registered a protected participant).
    lista = mina_deltaganden(request.user).select_related("insats", "person", "kontakt")
    if kod:
        traff = lista.filter(deltagarkod=kod if "-" in kod else f"{kod[:4]}-{kod[4:]}").first()
        if traff:
            return redirect(traff)
        messages.error(request, "Ingen deltagare med den koden hos din utförare.")
    status = request.GET.get("status", "pagaende")
    sokta = sok_personer(lista, fraga, request.user) if fraga else None
    if fraga and sokta is None:
        messages.error(
            request, "Sök på minst två bokstäver av ett namn eller sex siffror ur ett personnummer."
        )
    if sokta is not None:
        # A search looks among every status: who was here before matters too.
        lista, status = sokta, ""
    elif status in Deltagande.Status.values:
        lista = lista.filter(status=status)
    insats = request.GET.get("insats", "")
    if insats.isascii() and insats.isdigit():
        lista = lista.filter(insats_id=int(insats))
    sida = list(lista[:200])
    # Counted for the rows shown only, so the list costs the same however long the history.
    antal = Counter(
        dict(
            Tillfalle.objects.filter(deltagande__in=sida)
            .values("deltagande")
            .annotate(n=Count("id"))
            .values_list("deltagande", "n")
        )
    ) + Counter(
        dict(
            Narvaro.objects.filter(deltagande__in=sida)
            .values("deltagande")
            .annotate(n=Count("id"))
            .values_list("deltagande", "n")
        )
    )
    for d in sida:
        d.antal_tillfallen = antal[d.pk]  # type: ignore[attr-defined]
    # One row per person shown; what was searched for is not written (it would put a name or
    # a personnummer in the log).
    logga_visade(
        request,
        sida,
        "Såg i sökträffarna (namn eller personnummer)"
        if sokta is not None
        else "Såg i listan över deltaganden",
        som_lista=sokta is None,
    )
    insatser = list(mina_insatser(request.user).order_by("namn"))
    return render(
        request,
        "dokumentation/deltaganden.html",
        {
            "deltaganden": sida,
            "status": status,
            "statusval": Deltagande.Status.choices,
            "insatser": insatser,
            "vald_insats": insats,
            "kod": kod,
            "fraga": fraga,
            "sokning": sokta is not None,
            "kan_soka": any(
                sol_14_kap_3_identifieras(
                    dokumentationsregel=i.dokumentationsregel,
                    verksamhetssystem=i.verksamhetssystem,
                )
                for i in insatser
            ),
            "kan_fa_ny_kod": any(kan_fa_ny_kod(i) for i in insatser),
            "antal_vilande": vilande(
                mina_utforare_ids(request.user), idag=timezone.localdate()
            ).count(),
            "vilande_manader": settings.VILANDE_EFTER_MANADER,
        },
    )


@sparar_arbete()
@personal
def vilande_deltaganden(request: InloggadRequest) -> HttpResponse:
    """The utförare's quiet participations, ticked, ended together as stopped early
    ("Kontakten upphörde"): one page, one POST, all or none. Whoever still comes is unticked."""
    utforare = mina_utforare_ids(request.user)
    idag = timezone.localdate()
    data = post(request)
    sida = AvslutaVilandeForm(data)
    radfel: dict[int, list[str]] = {}
    ovriga: list[str] = []
    bekraftelsefel: list[str] = []
    if request.method == "POST":
        valda = request.POST.getlist("avsluta")
        # A tampered id, or one of another utförare's: 404, as for one that does not exist.
        if not all(heltal(v) for v in valda):
            raise Http404
        ids = list(dict.fromkeys(int(v) for v in valda))
        # A protected identity the user may not open is not theirs to end either.
        mina = mina_deltaganden(request.user).filter(far_oppna_q(request.user))
        if ids and mina.filter(pk__in=ids).count() != len(ids):
            raise Http404
        ersatta = "ersatt" in request.POST
        if ersatta and not request.POST.get("ny_kod_finns"):
            # The boxes start ticked for ending them as stopped early: a replaced code is
            # confirmed for what is ticked, or one click would take them all out of dropouts.
            bekraftelsefel = [
                "Kryssa i att var och en av de ikryssade har fått en ny deltagarkod. "
                "Har de inte det: välj Avsluta de ikryssade."
            ]
        elif sida.is_valid():
            try:
                avslut = avsluta_vilande(
                    utforare_ids=utforare,
                    deltagande_ids=ids,
                    anvandare=request.user,
                    nyckel=sida.cleaned_data["nyckel"],
                    idag=idag,
                    ersatta=ersatta,
                )
            except RaderBrott as e:
                radfel = {pk: [o.meddelande for o in fel] for pk, fel in e.per_rad.items()}
            except RegelBrott as e:
                ovriga = [o.meddelande for o in e.overtradelser]
            else:
                kvittera_avslut(
                    request,
                    avslut,
                    "Avslutade deltagandet: "
                    + ("koden ersattes av en ny" if avslut.ersatta else "kontakten upphörde"),
                )
                return redirect("dokumentation:vilande")
        else:
            # Its only field is the hidden key: a page sent without it (or tampered).
            ovriga = ["Sidan saknade sin engångsnyckel, så inget sparades. Skicka igen."]
    rader = list(vilande(utforare, idag=idag).select_related("insats", "person", "kontakt"))
    for d in rader:
        d.far_avslutas = far_oppna(request.user, d)  # type: ignore[attr-defined]
    # Ticked by default; as sent, when the page comes back with a message.
    ikryssade = (
        {v for v in data.getlist("avsluta")}
        if data is not None
        else {str(d.pk) for d in rader if d.far_avslutas}  # type: ignore[attr-defined]
    )
    for d in rader:
        d.ikryssad = str(d.pk) in ikryssade and d.far_avslutas  # type: ignore[attr-defined]
        d.fel = radfel.pop(d.pk, [])  # type: ignore[attr-defined]
    # Rows no longer on the list (a colleague registered a talk or ended them meanwhile).
    ovriga += [m for fel in radfel.values() for m in fel]
    logga_visade(request, rader, "Såg i listan över vilande deltaganden", som_lista=True)
    return render(
        request,
        "dokumentation/vilande.html",
        {
            "sida": sida,
            "rader": rader,
            "fel": ovriga,
            "bekraftelsefel": bekraftelsefel,
            "har_fel": bool(ovriga or bekraftelsefel) or any(d.fel for d in rader),  # type: ignore[attr-defined]
            "manader": settings.VILANDE_EFTER_MANADER,
        },
    )


@personal
def deltagande(request: InloggadRequest, pk: int) -> HttpResponse:
    visa = request.GET.get("visa") == "personuppgifter"
    d = hamta_deltagande(
        request, pk, vad="Visade skyddade personuppgifter" if visa else "Öppnade deltagandet"
    )
    # The forms of this page are posted elsewhere; what the user typed in one of them before
    # their sign-in ended comes back here.
    samtal = aterstallt(request, reverse("dokumentation:samtal_ny", args=[d.pk]))
    journal = aterstallt(request, reverse("dokumentation:journal_ny", args=[d.pk]))
    return visa_deltagande(
        request, d, SamtalForm(samtal), JournalForm(journal, deltagande=d), visa=visa
    )


def visa_deltagande(
    request: InloggadRequest,
    d: Deltagande,
    samtal_form: SamtalForm,
    journal_form: JournalForm,
    *,
    visa: bool = False,
) -> HttpResponse:
    return render(
        request,
        "dokumentation/deltagande.html",
        {
            "d": d,
            # The caps speak of one more session: an ended participation gets none.
            "tak": [] if d.ar_avslutad else tak(d, idag=timezone.localdate()),
            "tillfallen": d.tillfallen.select_related("personal"),
            "narvaro": d.narvaro.select_related("tillfalle"),
            "anteckningar": d.anteckningar.select_related("signerad_av", "rattar"),
            "samtal_form": samtal_form,
            "journal_form": journal_form,
            "individuell": d.omgang_id is None,
            "dolj_person": d.person is not None and d.person.skyddad_identitet and not visa,
        },
    )


@sparar_arbete(visas_pa="dokumentation:deltagande")
@personal
@require_POST
def samtal_ny(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request,
        pk,
        handling=Atkomstlogg.Handling.ANDRA,
        vad="Registrerade samtal",
        med_kontakt=False,  # shown again only when the form has errors
    )
    form = SamtalForm(request.POST)
    if form.is_valid() and not likadan(request, form):
        try:
            samtal = registrera_samtal(
                deltagande=d,
                datum=form.cleaned_data["datum"],
                langd_minuter=form.cleaned_data["langd_minuter"],
                kanal=form.cleaned_data["kanal"],
                personal=request.user,
                nyckel=form.cleaned_data["nyckel"],
                idag=timezone.localdate(),
                efterregistrering=form.cleaned_data["efterregistrering"],
                over_taket=form.cleaned_data["over_taket"],
            )
        except RegelBrott as e:
            # At the field, the cap reached says what to do; the page says so above it.
            taket = [o for o in e.overtradelser if o.falt == "over_taket"]
            ovriga = [o for o in e.overtradelser if o.falt != "over_taket"]
            lagg_till_fel(form, ovriga + [replace(o, meddelande=VALJ_SKAL) for o in taket[:1]])
        else:
            sparat(
                request,
                samtal,
                "samtalet",
                "Samtalet är registrerat.",
                form=form,
                url=(url := d.get_absolute_url()),
            )
            return HttpResponseRedirect(url)  # a path: redirect() would first try it as a name
    return visa_deltagande(request, d, form, JournalForm(deltagande=d))


@personal
@require_POST
def starta(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Började från väntelistan"
    )
    try:
        starta_fran_vantelistan(deltagande=d, datum=timezone.localdate(), idag=timezone.localdate())
    except RegelBrott as e:
        messages.error(request, e.overtradelser[0].meddelande)
    else:
        messages.success(request, f"{d} har börjat delta.")
    return redirect(d.omgang or d)


@personal
@require_POST
def hanvisa(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Hänvisade att ansöka"
    )
    hanvisa_att_ansoka(deltagande=d, datum=timezone.localdate())
    messages.success(request, "Hänvisningen att ansöka om behovsprövad insats är registrerad.")
    return redirect(d)


@sparar_arbete()
@personal
def avsluta(request: InloggadRequest, pk: int) -> HttpResponse:
    d = hamta_deltagande(
        request, pk, handling=Atkomstlogg.Handling.ANDRA, vad="Avslutade deltagandet"
    )
    if d.ar_avslutad:
        # Back to the form after ending it (or a colleague ended it first): say so, not 404.
        return render(request, "dokumentation/avsluta_redan.html", {"d": d})
    form = AvslutaForm(post(request), identifierad=d.ar_identifierad)
    if request.method == "POST" and not form.is_valid():
        registrera_avvisningar(
            insats=d.insats,
            koder=[str(e.code) for fel in form.errors.as_data().values() for e in fel],
        )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            avsluta_deltagande(deltagande=d, idag=timezone.localdate(), **data)
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            messages.success(request, "Deltagandet är avslutat.")
            return redirect(d)
    return render(request, "dokumentation/avsluta.html", {"d": d, "form": form})


@personal
def ny_kod_valj_insats(request: InloggadRequest) -> HttpResponse:
    insatser = [i for i in mina_insatser(request.user).order_by("namn") if kan_fa_ny_kod(i)]
    return render(request, "dokumentation/ny_kod_valj.html", {"insatser": insatser})


@personal
def ny_kod(request: InloggadRequest, insats_pk: int) -> HttpResponse:
    insats = hamta_insats(request.user, insats_pk)
    if not kan_fa_ny_kod(insats):
        raise Http404
    form = NyKodForm(post(request), insats=insats)
    if request.method == "POST" and form.is_valid():
        try:
            d = ge_ny_deltagarkod(
                anvandare=request.user,
                insats=insats,
                idag=timezone.localdate(),
                **form.cleaned_data,
            )
        except RegelBrott as e:
            lagg_till_fel(form, e.overtradelser)
        else:
            sedan = f" sedan {d.tidigare_start:%Y-%m-%d}" if d.tidigare_start else ""
            sparat(
                request,
                d,
                "den nya koden",
                f"Ny deltagarkod {d.deltagarkod}, som fortsätter med {d.tidigare_tillfallen} "
                f"tidigare samtal{sedan}. Skriv den på ett nytt kort till personen.",
            )
            return redirect(d)
    return render(
        request,
        "dokumentation/ny_kod.html",
        {"insats": insats, "form": form, "vilande_manader": settings.VILANDE_EFTER_MANADER},
    )
