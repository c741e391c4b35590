"""11 kap. 5 §: the kinds of insats that can never be IUB, and those only for adults from 21
without accompanying children. The rule reads the kind the secretary chose and the villkor;
the words of a name only propose a kind (the import's proposal, never the rule)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from insatser.regler.begrepp import SOL_11_5, Overtradelse, VillkorLike

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
        r"öppen verksamhet|mötesplats\w*|öppen förskola|aktivitetshus\w*|träffpunkt\w*|"
        r"\w*(?:café|kafé)\w*",
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
