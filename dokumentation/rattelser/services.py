"""Correcting and voiding what was registered. A correction changes a record's values and
keeps what they were in the trail (Rattelse); a voiding removes the record – and what belongs
to it – from the register, so that it counts nowhere, and keeps what it said in the trail.
The statistics read the records, so they use the corrected values at once, and a period
already published gets the difference as a revision in its next publication
(uppfoljning.publicering), like a late registration.

Who may: the one who registered the record, for RATTELSE_DAGAR days after registering it;
the enhetschef of the utförare, always. An identified (14 kap. 3 §) participation is corrected,
never voided: its journal and access log must stay until gallring."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Model
from django.utils import timezone

from dokumentation import regler
from dokumentation.deltagande.models import Deltagande
from dokumentation.gemensamt import ANVAND_NYCKEL, en_gang, kontrollera
from dokumentation.kontakter.models import Kontakt
from dokumentation.kontakter.services import fodd_av
from dokumentation.logg.atkomst import SKYDDAD_IDENTITET, far_oppna
from dokumentation.rattelser.models import Post, Rattelse
from dokumentation.tillfallen.models import Besoksantal, Tillfalle
from insatser.historik import perioder_i_kraft
from insatser.regler import Overtradelse
from insatser.services import RegelBrott
from organisation.behorighet import utforare_ids
from organisation.models import Anvandare, Roll

Post_ = Kontakt | Deltagande | Tillfalle

#: What a correction may change, per kind of record. Moving a record to another insats is a
#: voiding and a new registration: the villkor and the documentation rule are the insats's.
RATTBARA: dict[str, tuple[str, ...]] = {
    Post.KONTAKT: ("datum", "kanal", "aldersgrupp", "kon"),
    Post.DELTAGANDE: ("startdatum", "alder", "kon"),
    Post.TILLFALLE: ("datum", "langd_minuter", "kanal"),
}

#: Never copied into the trail: the link to a person and the form keys.
_UTAN = {
    "id",
    "person",
    "personnyckel",
    "inlamningsnyckel",
    "avslutsnyckel",
    "registrerad",
    "version",
}


def post_for(objekt: Post_) -> str:
    if isinstance(objekt, Kontakt):
        return Post.KONTAKT
    if isinstance(objekt, Deltagande):
        return Post.DELTAGANDE
    return Post.TILLFALLE


def _registrering(objekt: Post_) -> tuple[int, datetime.datetime]:
    """Who registered the record and when."""
    if isinstance(objekt, Kontakt):
        return objekt.registrerad_av_id, objekt.registrerad
    if isinstance(objekt, Deltagande):
        return objekt.kontakt.registrerad_av_id, objekt.kontakt.registrerad
    return objekt.personal_id, objekt.registrerad


def sista_dag(objekt: Post_) -> datetime.date:
    """The last day the one who registered the record may correct it."""
    _, registrerad = _registrering(objekt)
    return timezone.localdate(registrerad) + datetime.timedelta(days=settings.RATTELSE_DAGAR)


def far_ratta(anvandare: Anvandare, objekt: Post_) -> bool:
    """The enhetschef of the record's utförare; or the one who registered it, within the
    window; and for a record of a participant with protected identity only who may open that
    participation (`far_oppna`: a talk registered by a colleague before the identity was
    protected is not theirs to correct any more)."""
    if skyddad_brott(anvandare, objekt):
        return False
    if objekt.utforare_id in utforare_ids(anvandare, Roll.ENHETSCHEF):
        return True
    av, _ = _registrering(objekt)
    return (
        objekt.utforare_id in utforare_ids(anvandare, Roll.UTFORARPERSONAL)
        and av == anvandare.pk
        and timezone.localdate() <= sista_dag(objekt)
    )


def skyddad_brott(anvandare: Anvandare, objekt: Post_) -> list[Overtradelse]:
    """The protected identity's rule (`dokumentation.logg.atkomst.far_oppna`) for a record
    of a participant: the participation itself, the contact that began it, or a talk."""
    if isinstance(objekt, Tillfalle):
        deltagande = objekt.deltagande if objekt.deltagande_id else None
    else:
        deltagande = _deltagandet(objekt)
    if deltagande is None or far_oppna(anvandare, deltagande):
        return []
    return [SKYDDAD_IDENTITET]


def far_makulera(objekt: Post_) -> list[Overtradelse]:
    """Whether the record can be voided at all (whoever asks)."""
    deltagande = _deltagandet(objekt)
    if deltagande is not None and deltagande.person_id is not None:
        return [
            Overtradelse(
                kod="identifierad_makuleras_inte",
                regel=regler.SOL_14_3,
                falt=None,
                meddelande="Ett deltagande som dokumenteras enligt 14 kap. 3 § makuleras inte: "
                "journalen och loggen ska finnas kvar. Rätta uppgifterna eller avsluta "
                "deltagandet och skriv en rättelse i journalen.",
            )
        ]
    return []


def _deltagandet(objekt: Post_) -> Deltagande | None:
    """The participation a voiding of this record would take with it."""
    if isinstance(objekt, Deltagande):
        return objekt
    if isinstance(objekt, Kontakt):
        return Deltagande.objects.filter(kontakt=objekt).first()
    return None


def historik(objekt: Post_) -> list[Rattelse]:
    return list(
        Rattelse.objects.filter(post=post_for(objekt), objekt_id=objekt.pk)
        .select_related("av")
        .order_by("tidpunkt", "id")
    )


def senaste(post: str, objekt_id: int) -> int:
    """The id of the record's latest correction (0 if none): a correction form carries it, so
    that two people correcting at once do not overwrite each other unseen."""
    rad = Rattelse.objects.filter(post=post, objekt_id=objekt_id).order_by("-id").first()
    return rad.pk if rad else 0


def varden(objekt: Post_) -> dict[str, Any]:
    """The record's own values as codes and numbers, for the trail."""
    ut: dict[str, Any] = {}
    for f in objekt._meta.concrete_fields:
        if f.name in _UTAN:
            continue
        v = getattr(objekt, f.attname)
        ut[f.attname] = v.isoformat() if isinstance(v, datetime.date) else v
    if isinstance(objekt, Tillfalle) and objekt.typ == Tillfalle.Typ.OPPNING:
        ut["besok"] = besok(objekt)
    if isinstance(objekt, Tillfalle) and objekt.typ == Tillfalle.Typ.GRUPPTRAFF:
        ut["narvaro"] = sorted(objekt.narvaro.values_list("deltagande_id", flat=True))
    if isinstance(objekt, Kontakt):
        ut["svar"] = {s.villkor_typ: s.svar for s in objekt.svar.all()}
    return ut


def besok(oppning: Tillfalle) -> dict[str, int]:
    """An opening's headcount as {"kön/åldersgrupp": antal}."""
    return {
        f"{b.kon}/{b.aldersgrupp}": b.antal for b in oppning.besok.order_by("kon", "aldersgrupp")
    }


@dataclass(frozen=True)
class Orsak:
    orsak: str
    kommentar: str = ""


def _regelbrott(objekt: Post_, ny: Mapping[str, Any], idag: datetime.date) -> list[Overtradelse]:
    """The same rules as at registration, on the corrected values."""
    brott: list[Overtradelse] = []
    insats = objekt.insats
    if isinstance(objekt, Kontakt):
        brott += regler.datumfel(ny["datum"], idag=idag)
        brott += regler.datum_fore_insatsen(
            ny["datum"], perioder=perioder_i_kraft(insats, ny["datum"])
        )
        d = _deltagandet(objekt)
        if d is not None and not brott:
            brott += regler.datum_efter(
                ny["datum"],
                senast=d.startdatum,
                vad="deltagandets start",
                atgard="Rätta deltagandets start först.",
            )
    elif isinstance(objekt, Deltagande):
        # Not before its contact, nor before the old code a new deltagarkod continues.
        forst = max(d for d in (objekt.kontakt.datum, objekt.tidigare_start) if d)
        if forst == objekt.kontakt.datum:
            # The contact's date is the earliest start: a wrong date is corrected there first.
            fore = {"fore": "kontakten", "atgard": "Rätta kontaktens datum först."}
        else:
            fore = {"fore": "starten med den tidigare koden"}
        brott += regler.datumfel(
            ny["startdatum"], idag=idag, tidigast=forst, falt="startdatum", **fore
        )
        brott += regler.datum_fore_insatsen(
            ny["startdatum"],
            perioder=perioder_i_kraft(insats, ny["startdatum"]),
            falt="startdatum",
        )
        forsta = objekt.tillfallen.order_by("datum").values_list("datum", flat=True).first()
        traff = objekt.narvaro.order_by("tillfalle__datum").values_list(
            "tillfalle__datum", flat=True
        )
        for senast, vad in (
            (forsta, "första samtalet"),
            (traff.first(), "första träffen personen var med på"),
            (objekt.slutdatum, "slutet"),
        ):
            if not brott:
                brott += regler.datum_efter(
                    ny["startdatum"], senast=senast, vad=vad, falt="startdatum"
                )
        if objekt.person is not None:
            brott += regler.alder_motsager(
                dag=ny["startdatum"], alder=ny["alder"], fodd=fodd_av(objekt.person.personnummer)
            )
    elif objekt.deltagande is not None:
        brott += regler.datumfel(ny["datum"], idag=idag, tidigast=objekt.deltagande.startdatum)
        brott += regler.datum_fore_insatsen(
            ny["datum"], perioder=perioder_i_kraft(insats, ny["datum"])
        )
    else:
        # A group meeting: not before the start of anyone who was at it.
        tidigast = objekt.narvaro.aggregate(s=Max("deltagande__startdatum"))["s"]
        brott += regler.datumfel(
            ny["datum"],
            idag=idag,
            tidigast=tidigast,
            fore="starten för en deltagare som var med",
            atgard="Ta bort den deltagarens närvaro eller rätta hens start först.",
        )
        brott += regler.datum_fore_insatsen(
            ny["datum"], perioder=perioder_i_kraft(insats, ny["datum"])
        )
    return brott


def _las(objekt: Post_) -> Post_:
    """The record again, locked until the correction is saved."""
    return type(objekt).objects.select_for_update().get(pk=objekt.pk)


def _orsaksbrott(orsak: Orsak) -> list[Overtradelse]:
    if not orsak.orsak:
        return [
            Overtradelse(kod="orsak_saknas", regel="", falt="orsak", meddelande="Välj en orsak.")
        ]
    # The trail is de-identified, whatever the record's rule (14 kap. 4–5 §§).
    return regler.sol_14_kap_4_5_fritext(orsak.kommentar, falt="kommentar")


def _med_nyckel(nyckel: uuid.UUID | None, av: Anvandare, objekt: Post_) -> Rattelse | None:
    """The correction or voiding this very form made, sent again: the same user, the same
    record. The key sent by anyone else, or from another record's form, is refused."""
    if nyckel is None:
        return None
    tidigare = Rattelse.objects.filter(inlamningsnyckel=nyckel).first()
    if tidigare is not None and (
        tidigare.av_id != av.pk
        or tidigare.post != post_for(objekt)
        or tidigare.objekt_id != objekt.pk
    ):
        raise RegelBrott([ANVAND_NYCKEL])
    return tidigare


def ratta(
    objekt: Post_,
    *,
    andringar: Mapping[str, Any],
    orsak: Orsak,
    av: Anvandare,
    sag: int,
    nyckel: uuid.UUID | None = None,
    antal: Mapping[str, int] | None = None,
    idag: datetime.date | None = None,
) -> Rattelse:
    """Correct a record: `andringar` holds the correctable fields' new values (RATTBARA),
    `antal` an opening's new headcount ({"kön/åldersgrupp": antal}), `sag` the id of the
    latest correction the form showed. The same form sent twice corrects once."""
    idag = idag or timezone.localdate()
    post = post_for(objekt)

    @transaction.atomic
    def skapa() -> Rattelse:
        o = _las(objekt)
        if senaste(post, o.pk) != sag:
            raise RegelBrott(
                [
                    Overtradelse(
                        kod="rattad_under_tiden",
                        regel="",
                        falt=None,
                        meddelande="Någon annan rättade posten medan du skrev. Se hur den ser "
                        "ut nu och gör om din rättelse om den behövs.",
                    )
                ]
            )
        fore = {f: _json(getattr(o, f)) for f in RATTBARA[post]}
        ny = {f: andringar.get(f, getattr(o, f)) for f in RATTBARA[post]}
        efter = {f: _json(v) for f, v in ny.items()}
        andrat = {f for f in fore if fore[f] != efter[f]}
        gamla_besok = besok(o) if isinstance(o, Tillfalle) and antal is not None else None
        nya_besok = {k: n for k, n in (antal or {}).items() if n}
        if gamla_besok is not None and gamla_besok != nya_besok:
            andrat.add("besok")
            fore["besok"], efter["besok"] = gamla_besok, nya_besok
        kontrollera(skyddad_brott(av, o) + _orsaksbrott(orsak) + _regelbrott(o, ny, idag))
        if not andrat:
            raise RegelBrott(
                [
                    Overtradelse(
                        kod="inget_andrat",
                        regel="",
                        falt=None,
                        meddelande="Inget är ändrat: posten har redan de här uppgifterna.",
                    )
                ]
            )
        for f in andrat - {"besok"}:
            setattr(o, f, ny[f])
        if andrat - {"besok"}:
            o.save(update_fields=sorted(andrat - {"besok"}))
        if "besok" in andrat and isinstance(o, Tillfalle):
            o.besok.all().delete()
            Besoksantal.objects.bulk_create(
                Besoksantal(tillfalle=o, kon=k.split("/")[0], aldersgrupp=k.split("/")[1], antal=n)
                for k, n in nya_besok.items()
            )
        return Rattelse.objects.create(
            av=av,
            typ=Rattelse.Typ.RATTELSE,
            post=post,
            objekt_id=o.pk,
            insats_id=o.insats_id,
            utforare_id=o.utforare_id,
            orsak=orsak.orsak,
            kommentar=orsak.kommentar,
            fore={f: fore[f] for f in sorted(andrat)},
            efter={f: efter[f] for f in sorted(andrat)},
            inlamningsnyckel=nyckel,
        )

    return en_gang(skapa, lambda: _med_nyckel(nyckel, av, objekt))


def _json(v: Any) -> Any:
    return v.isoformat() if isinstance(v, datetime.date) else v


def foljer_med(objekt: Post_) -> list[Tillfalle | Deltagande | Kontakt]:
    """What a voiding of the record removes with it, besides the record: a contact's
    participation and its talks; a participation's contact and talks."""
    deltagande = _deltagandet(objekt)
    if deltagande is None:
        return []
    ut: list[Tillfalle | Deltagande | Kontakt] = list(deltagande.tillfallen.order_by("datum"))
    if isinstance(objekt, Kontakt):
        ut.insert(0, deltagande)
    else:
        ut.insert(0, deltagande.kontakt)
    return ut


def makulera(
    objekt: Post_, *, orsak: Orsak, av: Anvandare, nyckel: uuid.UUID | None = None
) -> Rattelse:
    """Void a record: remove it, and what belongs to it, from the register, keeping what each
    said in the trail. A participation goes with the contact that began it and its talks; an
    opening with its headcount; a group meeting with its attendance."""

    @transaction.atomic
    def skapa() -> Rattelse:
        o = _las(objekt)
        kontrollera(skyddad_brott(av, o) + _orsaksbrott(orsak) + far_makulera(o))
        deltagande = _deltagandet(o)
        rader: list[Post_] = []
        if deltagande is not None:
            rader += list(deltagande.tillfallen.select_for_update().order_by("datum", "id"))
            rader += [deltagande, deltagande.kontakt]
        else:
            rader.append(o)
        huvud = None
        for r in rader:
            rad = Rattelse.objects.create(
                av=av,
                typ=Rattelse.Typ.MAKULERING,
                post=post_for(r),
                objekt_id=r.pk,
                insats_id=r.insats_id,
                utforare_id=r.utforare_id,
                orsak=orsak.orsak,
                kommentar=orsak.kommentar,
                fore=varden(r),
                inlamningsnyckel=nyckel if r.pk == o.pk and type(r) is type(o) else None,
            )
            if r.pk == o.pk and type(r) is type(o):
                huvud = rad
        if deltagande is not None:
            deltagande.narvaro.all().delete()
        for r in rader:
            _ta_bort(r)
        if huvud is None:  # the record itself is always among the rows
            raise RuntimeError("makulera: posten saknades bland raderna")
        return huvud

    return en_gang(skapa, lambda: _med_nyckel(nyckel, av, objekt))


def _ta_bort(objekt: Model) -> None:
    # The database refuses to delete a record the trail does not hold as voided (migration
    # 0021), so the rows above come first.
    objekt.delete()


def ratta_narvaro(
    traff: Tillfalle, *, fore: set[int], efter: set[int], orsak: Orsak, av: Anvandare
) -> Rattelse:
    """A tick taken away from a meeting's attendance (someone ticked by mistake): who, why,
    and the attendance before and after. Called by `andra_narvaro` inside its transaction."""
    if not far_ratta(av, traff):
        raise RegelBrott(
            [
                Overtradelse(
                    kod="far_inte_ratta",
                    regel="",
                    falt=None,
                    meddelande="En närvaro tas bort av den som registrerade träffen (inom "
                    f"{settings.RATTELSE_DAGAR} dagar) eller av enhetschefen.",
                )
            ]
        )
    kontrollera(_orsaksbrott(orsak))
    return Rattelse.objects.create(
        av=av,
        typ=Rattelse.Typ.RATTELSE,
        post=Post.TILLFALLE,
        objekt_id=traff.pk,
        insats_id=traff.insats_id,
        utforare_id=traff.utforare_id,
        orsak=orsak.orsak,
        kommentar=orsak.kommentar,
        fore={"narvaro": sorted(fore)},
        efter={"narvaro": sorted(efter)},
    )
