"""The catalogue's legal rules, each a pure function named after its paragraph.

A rule takes plain values and returns a list of violations; it never raises and never touches
the database or the request. The same functions run in the forms (so the secretary sees the
error next to the field) and in the services that write (so import, admin and commands cannot
skip them). Paragraphs refer to socialtjänstlagen (2025:400).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from identitetsskydd.granskning import granska, personnummer_i

SOL_11_5 = "11 kap. 5 § SoL"
SOL_14_5 = "14 kap. 5 § SoL"
SOL_14_3_5 = "14 kap. 3–5 §§ SoL"

HOGSTA_ALDER = 120


@dataclass(frozen=True)
class Overtradelse:
    """One broken rule: a stable code for tests and programs, a Swedish message for people."""

    kod: str
    meddelande: str
    regel: str
    falt: str | None = None
    nr: int | None = None  # which item of a list (1-based), for rules over lists


class VillkorLike(Protocol):
    typ: str
    avser: str | None
    min_alder: int | None
    max_alder: int | None
    kommun: str | None
    under_alder: int | None
    antal: str | None
    skolform: str | None
    text: str | None


# The kinds of insats (Insats.Slag). 11 kap. 5 § excludes some kinds whatever they are
# called; two kinds of housing are IUB only for adults from 21 without accompanying children.
# The rule reads the kind the secretary chose and the villkor, never the name.
SLAG_ALDRIG_IUB: dict[str, str] = {
    "kontaktperson": "kontaktperson, kontaktfamilj och kvalificerad kontaktperson",
    "familjehem": "vård i familjehem",
    "lvm_hem": "vård i LVM-hem",
    "sarskilt_ungdomshem": "vård i särskilda ungdomshem",
    "jourhem": "vård av barn och unga i jourhem",
    "stodboende": "vård av unga i stödboende",
    "sarskilt_boende": "bostad i särskilt boende för äldre eller för personer med "
    "funktionsnedsättning",
    "heldygnsvard": "vård i hem för viss annan heldygnsvård",
    "ekonomiskt_stod": "insatser för ekonomiska behov (ekonomiskt bistånd)",
}
SLAG_BOENDE_FOR_VUXNA: dict[str, str] = {
    "skyddat_boende": "skyddat boende",
    "hvb": "vård i hem för vård eller boende",
}
#: The youngest a participant may be in those housing kinds without needs assessment.
BOENDE_LAGSTA_ALDER = 21

# Endings of the words for an excluded kind: a word of that kind inflected (kontaktpersoner,
# familjehemmet, boendena) is that kind, and so is a compound whose last part is care or a
# place in it (familjehemsplacering, stödboendeplats, kontaktpersonsuppdrag). Any other
# compound names its last part: "familjehemsföräldrar" are parents, "familjehemsträffar" are
# meetings, and neither is vård i familjehem.
_VARD = r"(?:s|-)?(?:vård|placering|plats|platser|verksamhet|uppdrag|insats|insatser)\w*"
_ER = rf"(?:en|er|erna|ens|ers|ernas|s|{_VARD})?"  # kontaktperson, kontaktfamilj, placering
_HEM = rf"(?:met|men|mets|mens|s|{_VARD})?"  # familjehem, jourhem
_BOENDE = rf"(?:t|n|na|ts|ns|nas|s|{_VARD})?"  # stödboende, äldreboende
_AR = rf"(?:en|ar|arna|ens|ars|s|{_VARD})?"  # placering
_ET = rf"(?:et|en|ets|s|{_VARD})?"  # försörjningsstöd, bistånd, bidrag

# What a name or description suggests, for the import's proposal (never for the rule): the
# first pattern that matches, as whole words. The words for the excluded kinds come first.
_FORSLAG: tuple[tuple[str, str], ...] = (
    (
        rf"kvalificerad\w* kontaktperson{_ER}|kontaktperson{_ER}|"
        rf"(?:kontakt|stöd|avlastnings)famil(?:j|jer){_ER}",
        "kontaktperson",
    ),
    (rf"(?:familje|nätverks)hem{_HEM}", "familjehem"),
    (rf"lvm[- ]?hem{_HEM}|lvm", "lvm_hem"),
    (rf"(?:särskil\w* )?ungdomshem{_HEM}|sis[- ]?hem{_HEM}|sis", "sarskilt_ungdomshem"),
    (rf"jourhem{_HEM}|jourfamil(?:j|jer){_ER}", "jourhem"),
    (
        rf"stödboende{_BOENDE}|(?:tränings|utslussnings|stöd)lägenhet(?:en|er|erna)? för "
        r"(?:\w+ )?(?:unga|ungdomar|barn|ensamkommande)(?!\w)",
        "stodboende",
    ),
    (rf"skyddat? boende{_BOENDE}", "skyddat_boende"),
    (
        rf"hem för vård eller boende|hvb(?:-hem{_HEM}|{_VARD})?|behandlingshem{_HEM}|"
        rf"institution{_ER}|(?:akut)?placering{_AR}|vård utanför (?:det egna )?hemmet",
        "hvb",
    ),
    (
        rf"särskil\w* boende{_BOENDE}|(?:äldre|demens|\w*omsorgs|korttids)boende{_BOENDE}|"
        rf"(?:grupp|service)bost(?:ad|äder){_ER}|(?:bostad|boende) med särskild service|"
        rf"(?:bostad|bostäder|boende{_BOENDE}) för (?:personer med )?funktionsnedsättning\w*",
        "sarskilt_boende",
    ),
    (rf"hem för viss annan heldygnsvård|heldygnsvård{_ER}", "heldygnsvard"),
    (
        rf"ekonomisk\w* bistånd{_ET}|försörjningsstöd{_ET}|ekonomisk\w* stöd{_ET}|"
        rf"ekonomisk\w* hjälp{_ER}|nödprövning{_ER}|hyresgaranti{_ER}|\w*bidrag{_ET}",
        "ekonomiskt_stod",
    ),
    (r"anhörig\w*", "anhorigstod"),
    (
        r"öppen verksamhet|mötesplats\w*|öppen förskola|aktivitetshus\w*|träffpunkt\w*",
        "oppen_motesplats",
    ),
    (r"föräldra\w*|föräldraskap\w*|abc|komet|cope", "foraldraskapsstod"),
    (r"boendestöd\w*|boendecoach\w*", "boendestod"),
    (r"familjebehandling\w*|familjeterapi\w*|fft|mst", "familjebehandling"),
    (r"beroende\w*|missbruk\w*|substans\w*|spel om pengar|alkohol\w*|drog\w*", "beroendestod"),
    (r"\w*samtal\w*|krisstöd\w*|\w*mottagning\w*", "stodsamtal"),
    (r"\w*rådgivning\w*|råd och stöd|öppen ingång", "radgivning"),
    (r"\w*grupp\w*", "gruppverksamhet"),
)


def foreslaget_slag(*texter: str | None) -> str | None:
    """The kind the words of an insats suggest (name first, then method and content), for the
    import to propose and the secretary to confirm; None when nothing matches."""
    forslag = foreslaget_slag_och_ord(*texter)
    return forslag[0] if forslag else None


def foreslaget_slag_och_ord(*texter: str | None) -> tuple[str, str] | None:
    """foreslaget_slag with the words that suggested it, so that a refusal can say why.

    The first pattern that matches the first text with a match, except that words for a kind
    that can never be IUB yield to words for another kind that come before them: a Swedish
    name says what the insats is first ("Mötesplats på Solgårdens äldreboende" is a meeting
    place, "Samtal för barn i skyddat boende" talks, "Kontaktfamilj" a contact family). And
    words for such a kind that say for whom or about what the insats is are not the insats
    (_namner_insatsen): "Stödgrupp för familjehemsföräldrar", "Träff för kontaktpersoner"."""
    undantagna = SLAG_ALDRIG_IUB.keys() | SLAG_BOENDE_FOR_VUXNA.keys()
    for text in texter:
        lag = (text or "").lower()
        traffar = []
        for nr, (monster, slag) in enumerate(_FORSLAG):
            for traff in re.finditer(rf"(?<!\w)(?:{monster})(?!\w)", lag):
                if slag not in undantagna or _namner_insatsen(lag[: traff.start()]):
                    traffar.append((traff.start(), nr, slag, traff.group(0)))
                    break
        if not traffar:
            continue
        start, _, slag, ord_ = min(traffar, key=lambda t: t[1])
        fore = [t for t in traffar if t[0] < start and t[2] not in undantagna]
        if slag in undantagna and fore:
            _, _, slag, ord_ = min(fore)
        return slag, ord_
    return None


# Prepositions after which a name says for whom or about what the insats is, and those after
# which it says where or in what form it is given.
_FOR_VEM = frozenset({"för", "till", "med", "om", "åt", "kring", "inför", "angående", "rörande"})
_VAR = frozenset(
    {"i", "på", "hos", "vid", "av", "från", "genom", "under", "efter", "inom", "utanför"}
    | {"bland", "mellan", "via"}
)
# Words that do not say what an insats is, only that there is one: "Plats på särskilt boende",
# "Vård i familjehem", "Stöd i form av kontaktperson".
_ALLMANNA_ORD = frozenset(
    {
        *("stöd", "hjälp", "insats", "insatser", "plats", "platser", "vistelse", "vård"),
        *("placering", "placeringar", "boende", "bostad", "akut", "akuta", "tillfällig"),
        *("tillfälligt", "tillfälliga", "långsiktig", "långsiktigt", "form", "och", "eller"),
        *("avlastning", "avlösning", "behandling", "omsorg", "korttidsvistelse", "växelvård"),
    }
)


# Words that say the insats gives access to what follows: "Möjlighet till kontaktperson" is
# a contact person, "Förmedling av kontaktfamilj" a contact family.
_TILLGANG = frozenset(
    {
        *("möjlighet", "möjligheten", "möjligheter", "tillgång", "rätt", "rätten"),
        *("erbjudande", "erbjudandet", "förmedling", "förmedlingen"),
    }
)
# General words that are the place itself: "Plats för barn i jourhem" is a place in a jourhem,
# its "för barn" says for whom the place is, not what the insats is.
_PLATSORD = frozenset(
    {
        *("plats", "platser", "vistelse", "vård", "placering", "placeringar", "boende"),
        *("bostad", "akut", "akuta", "tillfällig", "tillfälligt", "tillfälliga", "och", "eller"),
        *("korttidsvistelse", "korttidsplats", "korttidsplatser"),
    }
)


def _namner_insatsen(fore: str) -> bool:
    """Whether words for an excluded kind, coming after the (lower-case) text `fore`, name the
    insats itself. They do when they lead the name ("Kontaktperson för unga"), or follow
    only general words and a preposition of place or form ("Vård i familjehem", "Plats på
    särskilt boende"). They do not when they follow a preposition of for whom or about what
    ("Stödgrupp för familjehemsföräldrar", "Stöd till anhöriga till personer på äldreboende",
    "Information om att bli familjehem"), or a preposition after words that say what the
    insats is ("Kafé på äldreboendet", "Läxhjälp på HVB-hemmet"). Two exceptions: general
    words of access and a preposition name what follows ("Möjlighet till kontaktperson",
    "Förmedling av kontaktfamilj"), and a place, for whom, then where names the place ("Plats
    för barn i jourhem", "Korttidsplats för äldre på särskilt boende")."""
    ord_ = re.findall(r"\w+", fore)
    allmanna = _ALLMANNA_ORD | _TILLGANG | _PLATSORD
    for nr, o in enumerate(ord_):
        if o in _FOR_VEM:
            fore_ord, efter = ord_[:nr], ord_[nr + 1 :]
            if not fore_ord or not all(f in allmanna for f in fore_ord):
                return False
            # "Möjlighet till kontaktperson": access to it is the insats itself.
            if not efter and any(f in _TILLGANG for f in fore_ord):
                return True
            # "Plats för barn i jourhem": a place, for whom, then where.
            return (
                all(f in _PLATSORD for f in fore_ord)
                and any(f in _VAR for f in efter)
                and not any(f in _FOR_VEM for f in efter)
            )
        if o in _VAR:
            return all(f in allmanna for f in ord_[:nr]) and nr > 0
    return True


def sol_11_kap_5_slag(*, slag: str, villkor: Sequence[VillkorLike]) -> list[Overtradelse]:
    """11 kap. 5 §: the kinds that can never be given without individual needs assessment are
    refused; skyddat boende and other hem för vård eller boende only for adults from 21 without
    accompanying children, which the villkor must say (an age from 21 for the participant and
    "utan medföljande barn")."""
    if slag in SLAG_ALDRIG_IUB:
        return [
            Overtradelse(
                kod="aldrig_iub",
                meddelande=(
                    f"Insatsen kan inte ges utan individuell behovsprövning: "
                    f"{SLAG_ALDRIG_IUB[slag]} är undantaget enligt {SOL_11_5}."
                ),
                regel=SOL_11_5,
                falt="slag",
            )
        ]
    if slag in SLAG_BOENDE_FOR_VUXNA:
        vuxen = any(
            v.typ == "alder"
            and (v.avser or "deltagaren") == "deltagaren"
            and v.min_alder is not None
            and v.min_alder >= BOENDE_LAGSTA_ALDER
            for v in villkor
        )
        utan_barn = any(v.typ == "utan_medfoljande_barn" for v in villkor)
        if not (vuxen and utan_barn):
            return [
                Overtradelse(
                    kod="boende_bara_vuxna_utan_barn",
                    meddelande=(
                        f"{SLAG_BOENDE_FOR_VUXNA[slag].capitalize()} kan ges utan individuell "
                        f"behovsprövning bara till vuxna från {BOENDE_LAGSTA_ALDER} år utan "
                        f"medföljande barn ({SOL_11_5}). Ange villkoren ålder från "
                        f"{BOENDE_LAGSTA_ALDER} år och utan medföljande barn."
                    ),
                    regel=SOL_11_5,
                    falt="slag",
                )
            ]
    return []


def sol_11_kap_5_beslutsdatum(*, datum: datetime.date, idag: datetime.date) -> list[Overtradelse]:
    """11 kap. 5 §: only the nämnd decides what is IUB, and its decision is recorded once it is
    made: a decision's date is never in the future. What it decides for a later day has its own
    effective date (gäller från)."""
    if datum <= idag:
        return []
    return [
        Overtradelse(
            kod="beslut_i_framtiden",
            meddelande="Ett beslut kan inte ha ett datum i framtiden.",
            regel=SOL_11_5,
            falt="datum",
        )
    ]


def sol_11_kap_5_beslutsunderlag(
    *, namn: str | None, innehall: str | None, malgrupp: str | None, slag: str | None
) -> list[Overtradelse]:
    """11 kap. 5 §: the nämnd decides an insats it can see – its name, what it is, whom it is
    for and what kind it is – so that the exclusions can be judged; without them it is not
    decided or published."""
    saknas = [
        (falt, vad)
        for falt, vad, varde in (
            ("namn", "ett namn", namn),
            ("innehall", "vad insatsen innehåller", innehall),
            ("malgrupp", "vem den riktar sig till", malgrupp),
            ("slag", "vilket slags insats det är", slag),
        )
        if not (varde or "").strip()
    ]
    return [
        Overtradelse(
            kod=f"{falt}_saknas",
            meddelande=f"Ange {vad} innan nämnden beslutar om insatsen ({SOL_11_5}).",
            regel=SOL_11_5,
            falt=falt,
        )
        for falt, vad in saknas
    ]


def sol_21_kap_2_utan_samtycke_fran_15(*, katalogen: bool, insatsen: bool | None) -> bool:
    """21 kap. 2 §: the nämnd may decide that young people from 15 may take part without their
    guardians' consent – for the whole catalogue, with exceptions per insats either way."""
    return katalogen if insatsen is None else insatsen


def sol_14_kap_4_5_utan_identitet(dokumentationsregel: str) -> bool:
    """14 kap. 4–5 §§: an insats under 14:4, 14:5 or both documents no one's identity; only
    14 kap. 3 § documents in full."""
    return dokumentationsregel != "14:3"


def sol_14_kap_5_sarskilda_skal(
    *, dokumentationsregel: str, motivering: str | None
) -> list[Overtradelse]:
    """14 kap. 5 §: an identity exemption is decided for special reasons, stated in the decision."""
    if "14:5" in dokumentationsregel and not (motivering or "").strip():
        return [
            Overtradelse(
                kod="sarskilda_skal_saknas",
                meddelande=(
                    f"Undantag enligt {SOL_14_5} kräver att de särskilda skälen anges i beslutet."
                ),
                regel=SOL_14_5,
                falt="dokumentation_motivering",
            )
        ]
    return []


def sol_11_kap_5_villkor(villkor: Sequence[VillkorLike]) -> list[Overtradelse]:
    """11 kap. 5 §: villkor are simple, objective and checkable, so they must agree with
    themselves and with each other. Each violation names the villkor by its position (1-based)."""
    fel: list[Overtradelse] = []

    def fel_i(nr: int, kod: str, meddelande: str, falt: str | None = None) -> None:
        fel.append(Overtradelse(kod=kod, meddelande=meddelande, regel=SOL_11_5, falt=falt, nr=nr))

    aldersvillkor_per_person: dict[str, int] = {}
    samtycke_aldrar: set[int | None] = set()
    for nr, v in enumerate(villkor, start=1):
        if v.typ == "alder":
            if v.min_alder is None and v.max_alder is None:
                fel_i(nr, "alder_utan_granser", "Ange lägsta eller högsta ålder.", "min_alder")
            for falt, varde in (("min_alder", v.min_alder), ("max_alder", v.max_alder)):
                if varde is not None and not 0 <= varde <= HOGSTA_ALDER:
                    fel_i(
                        nr,
                        "alder_utanfor_intervall",
                        f"En ålder ska vara mellan 0 och {HOGSTA_ALDER} år.",
                        falt,
                    )
            if v.min_alder is not None and v.max_alder is not None and v.min_alder > v.max_alder:
                fel_i(
                    nr,
                    "alder_min_over_max",
                    "Lägsta ålder kan inte vara högre än högsta ålder.",
                    "max_alder",
                )
            vem = v.avser or "deltagaren"
            if vem in aldersvillkor_per_person:
                fel_i(
                    nr,
                    "alder_dubbel",
                    f"Det finns redan ett åldersvillkor för {vem} "
                    f"(villkor {aldersvillkor_per_person[vem]}).",
                    "typ",
                )
            else:
                aldersvillkor_per_person[vem] = nr
        elif v.typ == "vardnadshavares_samtycke":
            if v.under_alder is not None and not 0 < v.under_alder <= 18:
                fel_i(
                    nr,
                    "samtycke_alder_ogiltig",
                    "Samtycke kan bara krävas för barn, alltså under en ålder från 1 till 18 år.",
                    "under_alder",
                )
            if v.under_alder in samtycke_aldrar:
                fel_i(
                    nr,
                    "samtycke_dubbel",
                    "Det finns redan ett samtyckesvillkor för samma ålder.",
                    "under_alder",
                )
            samtycke_aldrar.add(v.under_alder)
        elif v.typ in ("intyg", "ovrigt") and not (v.text or "").strip():
            fel_i(nr, "text_saknas", "Beskriv villkoret.", "text")
        if v.typ not in ("alder", "folkbokford") and v.avser not in (None, "deltagaren"):
            # Only age and folkbokföring can concern the child in the interchange format.
            fel_i(
                nr,
                "avser_ej_tillampligt",
                "Bara ålder och folkbokföring kan gälla barnet.",
                "avser",
            )
    return fel


def sol_11_kap_5_beslut_kravs_for_andring(*, status: str, har_beslut: bool) -> list[Overtradelse]:
    """11 kap. 5 §: only the nämnd decides what is IUB, so a decided insats changes only under
    a recorded board decision."""
    if status != "utkast" and not har_beslut:
        return [
            Overtradelse(
                kod="beslut_kravs",
                meddelande=(
                    "Insatsen är beslutad av nämnden och kan bara ändras genom ett registrerat "
                    f"nämndbeslut ({SOL_11_5})."
                ),
                regel=SOL_11_5,
                falt="beslut",
            )
        ]
    return []


def sol_11_kap_5_beslutets_tid(
    *,
    rattelse: bool,
    galler_fran: datetime.date | None,
    i_kraft_sedan: datetime.date | None,
    forsta_beslut: bool,
    okant: bool,
    vantande_fran: datetime.date | None = None,
) -> list[Overtradelse]:
    """11 kap. 5 §: the nämnd's decisions are the catalogue's time axis. A change under a new
    decision takes effect on that decision's effective date (`galler_fran`), which cannot lie
    before that of the decision the insats stands under (`i_kraft_sedan`): an older decision
    changes nothing that a later one has decided. A decision may take effect on a later day
    (decided in November for 1 January): the change then waits for its day, and while one
    waits (`vantande_fran`) no other decision changes the insats – which of the two would
    stand after that day is the nämnd's to say, so the waiting one is withdrawn first. A
    correction (rättelse) changes what a recorded decision says, from its date, so it needs
    one (not a draft's, and not a decision recorded as unknown)."""
    if rattelse and (forsta_beslut or okant):
        vad = (
            "Ett utkast har inget nämndbeslut att rätta"
            if forsta_beslut
            else "Beslutet är okänt och kan inte rättas; för in nämndens beslut först"
        )
        return [Overtradelse(kod="rattelse_utan_beslut", meddelande=f"{vad}.", regel=SOL_11_5)]
    if not rattelse and vantande_fran is not None:
        return [
            Overtradelse(
                kod="andring_vantar",
                meddelande=(
                    "Nämnden har redan beslutat en ändring som gäller från "
                    f"{vantande_fran.isoformat()} och väntar på sin dag. Återkalla den först "
                    "om den ska ersättas, eller för in det nya beslutet när den gäller."
                ),
                regel=SOL_11_5,
                falt="beslut",
            )
        ]
    if (
        not rattelse
        and galler_fran is not None
        and i_kraft_sedan is not None
        and galler_fran < i_kraft_sedan
    ):
        return [
            Overtradelse(
                kod="beslut_fore_gallande",
                meddelande=(
                    f"Beslutet gäller från {galler_fran.isoformat()}, före beslutet som "
                    f"insatsen gäller enligt (från {i_kraft_sedan.isoformat()}). Välj ett "
                    "senare beslut, eller spara ändringen som en rättelse av det gällande "
                    "beslutet."
                ),
                regel=SOL_11_5,
                falt="beslut",
            )
        ]
    return []


def sol_11_kap_5_sista_dag(
    *, sista_dag: datetime.date, galler_fran: datetime.date
) -> list[Overtradelse]:
    """11 kap. 5 §: a decision ends an insats from the day it takes effect at the earliest,
    so the last day is at the earliest the day before."""
    if sista_dag >= galler_fran - datetime.timedelta(days=1):
        return []
    return [
        Overtradelse(
            kod="upphor_fore_beslutet",
            meddelande=(
                f"Beslutet gäller från {galler_fran.isoformat()}. Insatsen kan upphöra tidigast "
                "så att dagen före är den sista."
            ),
            regel=SOL_11_5,
            falt="sista_dag",
        )
    ]


_PERSONNUMMERKODER = ("personnummer", "samordningsnummer")


def katalogtext_utan_personnummer(text: str | None) -> list[Overtradelse]:
    """The catalogue is public: it may carry the unit's own contact details in the fields
    meant for them, but never a personnummer or samordningsnummer (the identity guard's
    checksum and date, so an organisation number passes)."""
    return [
        Overtradelse(
            kod="katalog_personnummer",
            meddelande=f"Texten verkar innehålla {f.vad} ({f.kortat}). Katalogen är offentlig "
            "och får inte innehålla personnummer eller samordningsnummer.",
            regel="",
        )
        for f in personnummer_i(text or "")[:1]
    ]


def sol_14_kap_3_5_regeln_last(
    *, andras: bool, har_registreringar: bool, i_forvag: bool = False
) -> list[Overtradelse]:
    """14 kap. 3–5 §§: records are made under the documentation rule the nämnd chose, and
    keep it. Once an insats has records its rule (and whether it is documented in an external
    case system) cannot change: a new rule is a new insats under a new board decision. Nor
    can a decided insats's rule change from a later day (`i_forvag`): it may get records
    before then."""
    if andras and i_forvag:
        return [
            Overtradelse(
                kod="regeln_last",
                meddelande="Dokumentationsregeln kan inte ändras från en senare dag: insatsen "
                "kan få registreringar innan dess. En ny regel kräver ett nytt beslut och en ny "
                "insats (14 kap. 3–5 §§ SoL).",
                regel=SOL_14_3_5,
                falt="dokumentationsregel",
            )
        ]
    if not (andras and har_registreringar):
        return []
    return [
        Overtradelse(
            kod="regeln_last",
            meddelande="Dokumentationsregeln kan inte ändras när insatsen redan har "
            "registreringar. En ny regel kräver ett nytt beslut och en ny insats; det som är "
            "registrerat behåller sin regel (14 kap. 3–5 §§ SoL).",
            regel=SOL_14_3_5,
            falt="dokumentationsregel",
        )
    ]


def malgrupp_utan_identitet(text: str | None) -> list[Overtradelse]:
    """The target group describes who an insats is for, in a public catalogue: it may not
    point out a person (a name, an address, a school class, a rare combination – what the
    identity guard finds in a record). A personnummer is named by katalogtext_utan_personnummer
    already."""
    return [
        Overtradelse(
            kod="malgrupp_identitet",
            meddelande=f"Målgruppen verkar innehålla {f.vad} ({f.kortat}). Katalogen är "
            "offentlig: beskriv vilka insatsen är till för så att ingen enskild person kan pekas "
            "ut, till exempel ”barn 7–12 år som har förlorat en förälder”.",
            regel="",
            falt="malgrupp",
        )
        for f in [f for f in granska(text or "") if f.kod not in _PERSONNUMMERKODER][:1]
    ]


def verksamhetssystem_utan_identitet(namn: str | None) -> list[Overtradelse]:
    """The case system's name is copied into every participation (it decides which rule the
    record keeps): it names a system, and the identity guard reads it like a record's text."""
    return [
        Overtradelse(
            kod="verksamhetssystem_identitet",
            meddelande=f"Verksamhetssystemets namn verkar innehålla {f.vad} ({f.kortat}). Ange "
            "bara systemets namn; det skrivs in i varje deltagande (14 kap. 4–5 §§ SoL).",
            regel="14 kap. 4–5 §§ SoL",
            falt="verksamhetssystem",
        )
        for f in granska(namn or "")[:1]
    ]


def sol_11_kap_5_i_kraft(
    datum: datetime.date,
    *,
    perioder: Sequence[tuple[datetime.date, datetime.date | None]],
    falt: str = "datum",
) -> list[Overtradelse]:
    """11 kap. 5 §: something is registered under an insats only for a day the nämnd's
    decisions had it in force – within one of its periods (from, through; None: not ended).
    An insats that ended and was decided again from a later day has two, and nothing is
    registered in the gap between them: the decisions did not offer it then. No period (an
    insats not yet decided) refuses nothing here; whether it may be used at all is decided
    where it is fetched. The periods come from the decision history
    (insatser.historik.perioder_i_kraft)."""
    if not perioder or any(
        fran <= datum and (till is None or datum <= till) for fran, till in perioder
    ):
        return []
    forsta = perioder[0][0]
    if datum < forsta:
        return [
            Overtradelse(
                kod="fore_insatsen",
                regel=SOL_11_5,
                falt=falt,
                meddelande=f"Insatsen gäller från {forsta:%Y-%m-%d}; datumet ligger före.",
            )
        ]
    slut = max(till for _, till in perioder if till is not None and till < datum)
    igen = min((fran for fran, _ in perioder if fran > datum), default=None)
    dar = (
        f"Insatsen upphörde efter {slut:%Y-%m-%d} och gäller igen från {igen:%Y-%m-%d}"
        if igen is not None
        else f"Insatsen upphörde efter {slut:%Y-%m-%d}"
    )
    return [
        Overtradelse(
            kod="insatsen_galler_inte",
            regel=SOL_11_5,
            falt=falt,
            meddelande=f"{dar}: nämnden erbjöd den inte {datum:%Y-%m-%d}. Välj en dag då "
            "insatsen gällde.",
        )
    ]
