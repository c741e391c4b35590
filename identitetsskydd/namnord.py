"""Words that tell a name from a word, and the name list (14 kap. 4–5 §§ SoL). The Python
guard reads them in granskning.py and the database in sql.py (iub_namnskal): one list each,
both sides. The roles' words (KONTEXT) also say whom a workplace points to
(monster_personer.py).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

# After these a name is a name whatever its case: family and roles, titles, "heter".
KONTEXT = frozenset(
    """
    barnen barnet barnets bebisen bonusmamma bonuspappa brodern broderns bror brorsan
    brukaren deltagaren doktor dotter dottern dotterns dr exet exfrun exmaken expartnern
    fadern faderns faffa far farbror farfar farmor faster fastern flickan flickvän
    flickvännen frk fru frun fröken förälder föräldern granne grannen grannens halvbror
    halvsyster herr heter hette hr hustru hustrun kallad kallades kallas kamrat kamraten
    killen klienten kompis kompisen kusin kusinen lilla lille lillasyster lillebror maka makan make
    maken makens mamma mamman mammas man mannen modern moderns moffa mommo mor morbror
    morfar mormor moster mostern namn namnet pappa pappan pappas partner partnern patienten
    pojken pojkvän pojkvännen sambo sambon sambons son sonen sonens storasyster storebror
    styvfar styvmamma styvmor styvpappa svärfar svärmor syrran syster systern systerns
    tilltalsnamn tjejen ungdomen vän väninna väninnan vännen
    bröderna döttrarna föräldrarna kompisarna mammorna papporna syskonen systrarna
    söner sönerna
    """.split()
)

# After these any capitalised word is a name: "fru Johansson", "familjen Ek".
TITLAR = frozenset(
    """
    frk fru fröken herr hr familjen familj tant onkel paret makarna mr mrs miss ms
    """.split()
)
# A name after these names a room, a group or a pet ("sal Kristina", "grupp Eva", "hunden
# Sixten"), not a person.
LOKALER = frozenset(
    """
    rum rummet sal salen lokal lokalen grupp gruppen hund hunden katt katten kissen häst
    hästen ponnyn kanin kaninen marsvinet hamstern valpen kattungen fågeln undulaten
    """.split()
)
# After these a capitalised word is a name when a person is the subject ("barnet heter Elsa",
# "hon kallas Mimmi", "mammas namn: Mulu"); "insatsen heter Komet" names a thing.
NAMNVERB = frozenset("heter hette kallas kallad kallades namn namnet".split())
PERSONER = frozenset("han hon hen".split())
# What a name followed by a genitive and one of these names is a place: "Gustav Adolfs torg",
# "Karl Johans gata" (and "Adolfs torg" is no one's "torg", as "Fatimas son" is hers).
PLATSORD = frozenset(
    """
    torg torget gata gatan väg vägen park parken plan kyrka kyrkan skola skolan gymnasium
    gymnasiet sjukhus sjukhuset backe backen bro bron allé minne stiftelse stiftelsen
    institut institutet kapell kapellet församling församlingen hamn hamnen
    värld världen museum museet stadion arena arenan
    """.split()
)
# A genitive is followed by what is owned ("Fatimas son"), not by these ("Birds är ett bolag").
EJ_AGT = (
    frozenset(
        """
        är var blir blev har hade och som eller men att kan ska i på med för till av om från
        """.split()
    )
    | PLATSORD
    # What a programme or method does, as a guideline says it: "Birds passar för par",
    # "Bris riktar sig till barn" (a genitive is followed by what someone has, not by these).
    | frozenset(
        """
        passar riktar används bygger innebär syftar erbjuds handlar består utgår fokuserar
        vänder ges
        """.split()
    )
)
# A capitalised word after these is a place or a thing, not a person: "bor i Sala", "från
# Mora", "grupp Viking", "projekt Saga".
PREPOSITIONER = frozenset(
    """
    av bakom eller från för genom hos i in inom kring med mot nära och om på runt till under
    ut utanför via vid över
    grupp gruppen grupperna projekt projektet program programmet metod metoden lokal lokalen
    rum rummet sal salen huset avdelning avdelningen enhet enheten kvarteret skolan förskolan
    föreningen klubben teamet temat tema boken filmen sagan spelet appen
    """.split()
)
# What people do: a name at the start of a sentence followed by one of these is a person.
HANDLINGAR = frozenset(
    """
    avbryter avbröt bad behövde behöver berättade berättar började deltar deltog fick
    flyttade flyttar frågade frågar följde glömde grät hade hann har hör hörde kan kom
    kommer kunde kände känner lämnade meddelade mejlade messade missade mådde mår orkade
    orkar ringde ringer ritade sa sade skrev skulle slutade sms:ade sov svarade säger tycker
    tyckte uppgav uppger uteblev vill ville vägrade väntade önskade önskar
    """.split()
)
# What a person is or does in a street or a day-centre note: with a name at the start of a
# sentence ("Olle var berusad", "Stina satt ensam") it is a person, as HANDLINGAR are; only
# there, since after a capitalised noun ("Dagen var lång") they are as common.
TILLSTAND = frozenset(
    """
    var är blev satt stod låg gick åkte tog hjälpte bråkade visade saknade sjöng spydde
    verkade såg skrattade lekte dansade åt drack rökte somnade vaknade grälade slogs bjöd
    lånade sålde köpte hämtade träffade pratade snackade väntar satt sitter står ligger
    """.split()
)
# "Olle var berusad": a name, a form of "vara" and how a person is (with a degree word
# between or not); with these even a name that is also a word is a person.
VARA = frozenset("var är blev".split())
GRADORD = frozenset("väldigt mycket lite jätte så inte helt ganska rätt".split())
TILLSTANDSORD = frozenset(
    """
    berusad full packad påverkad hög ledsen arg glad trött orolig sjuk rädd nykter nedstämd
    hungrig frusen förbannad stressad sur upprörd upprörda ensam borta försvunnen skadad
    blöt kall stökig aggressiv hotfull
    """.split()
)
# Verbs with a person as object: a name in small letters after them, even one that is also
# a word, is a person ("pratade med kalle", "hämtade nora hos pappan", "träffade ”Lillen”").
OBJEKTVERB = frozenset(
    """
    pratade pratat snackade snackat talade träffade träffat mötte mött hämtade hämtat
    skjutsade skjutsat körde kört följde följt väckte kramade besökte besökt ringde ringt
    sms:ade messade mejlade ringa träffa möta hämta skjutsa prata snacka
    """.split()
)
# What may stand between such a verb and the name: "pratade med kalle", "körde hem Elin",
# and "m" for "med" as staff write it ("pratade m jayden").
OBJEKTLED = frozenset("med m till hem på".split())
# English words for a person before a name in apposition: "The boy, Jayden, …".
# Common English words that the name lists also hold as names ("more", "were", "young"): in
# an English note they are words, so they count as names only with context, as the Swedish
# words among the names do (namnlista's tvetydiga).
ENGELSKA_ORD = frozenset(
    """
    about after again all also always and any are away back because been before being
    busy can came come could day days did does done down early even evening evenings ever
    every few first for from get give going good got great had has have help here how just
    keep know last late left less like little long made make many may more most much must
    never new next not now off often old once only other our out over own rather really right
    sad said same saw say see should since some still such take than that the their them then
    there these they thing this those through time too under until very want wanted was way
    week weeks well went were what when where which while who will with without work would
    year years yet young your job
    eve snow line
    """.split()
)
ENGELSKA_ROLLER = frozenset(
    "boy girl dad mum mom father mother son daughter wife husband brother sister friend".split()
)
# Not names even when capitalised: pronouns, quantifiers, numerals, months and days.
INTE_NAMN = frozenset(
    """
    alla allt andra april augusti båda de december den det du en ena ett februari fem fler
    flera fredag fyra färre få han hen hon hälften inga ingen inget jag januari juli juni
    lördag maj man mars måndag många ni nio november någon något några oktober onsdag resten
    samma september sex sju somliga söndag tio tisdag torsdag tre två var varje vem vi vilka
    vissa åtta övrig övriga
    """.split()
)
# Abbreviations of the field that are also names when written with a capital only: IVO (the
# inspectorate), SIP (a coordinated plan), SARA (a risk assessment), KASAM; in capitals they
# are no names ("IVO har granskat", "att SIP kan hållas"; namnregler.namnfynd).
AKRONYMER = frozenset("IVO SIP SARA KASAM FRIDA".split())
# "Vilja och hennes lillebror": a possessive after "och"/"med" shows the word is a person.
BESITTNING = frozenset(
    """
    deras hans hennes sin sina sitt
    """.split()
)
ROLLER = KONTEXT | frozenset("tonåringen ungdomen eleven babyn".split())
# How English nouns end that Swedish ones do not: a name's genitive is not followed by them
# ("Birds relations" is a programme, "Fatimas son" a person; namnregler.namnfynd).
ENGELSKA_SLUT = ("tion", "tions", "ship", "ships", "ness")
# An abbreviation spelled out in brackets after it: its words are no names ("PYC (Parenting
# young children)"); up to six capitals A–Z (namnregler._utskrivna).
FORKORTNING = "[A-Z]{2,6}"
# How a Swedish noun in the definite form or an indefinite plural ends, and a title or agent
# ("Enhetschef", "Handläggare"): an unknown capitalised word so ending is no name
# (namnregler._okant_namn): "Åtgärd Enhetschef har försökt" is a heading and a sentence.
OVANLIGA_SLUT = ("en", "an", "rn", "ln", "nn", "t", "na", "ar", "or", "er", "chef", "are")
# But a word in -an that no Swedish noun ends so may be a name (namnregler._namn_pa_an): how
# the definite form of a noun in -a ends ("Kvinnan", "Flickan", "Skolan", "Kassan",
# "Barnmorskan") and adverbs in -an ("Sedan", "Redan", "Utan").
SVENSKA_AN = ("nnan", "kan", "olan", "mman", "ssan", "edan", "ovan", "utan", "idan", "innan")
# How surnames end ("Dickfors", "Lindqvist", "Jovanović", "Kovalenko"): an unknown capitalised
# word so ending after a listed first name, or before what a person does at a sentence's
# start, is a surname (namnregler.namnfynd, sql_namn.iub_namnskal).
EFTERNAMNSSLUT = (
    "sson", "berg", "ström", "qvist", "kvist", "gren", "lund", "dahl", "fors", "holm", "blad",
    "stedt", "bäck", "ander", "ius", "löf", "ović", "ević", "enko", "chuk", "czuk", "wicz",
    "ski", "sky", "oğlu", "zadeh", "pour", "escu", "opoulos", "akis",
)  # fmt: skip
# Nicknames in quotes at a sentence's start ("”Tupac” kom in"): what a group or a project
# named in quotes may do too counts only with a pronoun after it (namnregler.namnfynd).
CITAT = ('"', "”", "“", "'", "»")
CITAT_SVAGA = frozenset(
    """
    har hade är var blev kan kunde fick skulle kommer gick tog visade saknade såg verkade låg
    stod står ligger hör hörde
    """.split()
)
# After a hyphen and a space these words show a dash, not a word split at a line break:
# "kalle- han ville inte" (namnregler._avstavat).
EJ_AVSTAVNING = frozenset(
    """
    och eller samt men som så sen sedan han hon hen den det de dom jag vi ni du
    """.split()
)


NAMNFIL = Path(__file__).resolve().parent / "data" / "namn.tsv"


@dataclass(frozen=True)
class Namnlista:
    fornamn: frozenset[str]
    efternamn: frozenset[str]
    tvetydiga: frozenset[str]  # also an ordinary word or a place: needs context to count
    alla: frozenset[str] = field(init=False)
    entydiga: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        alla = self.fornamn | self.efternamn
        object.__setattr__(self, "alla", alla)
        object.__setattr__(self, "entydiga", alla - self.tvetydiga)


@cache
def namnlista() -> Namnlista:
    """The name list in data/namn.tsv (see scripts/generera-namnlista for its source)."""
    fornamn: set[str] = set()
    efternamn: set[str] = set()
    tvetydiga: set[str] = set()
    with NAMNFIL.open(encoding="utf-8") as f:
        for rad in csv.reader((r for r in f if not r.startswith("#")), delimiter="\t"):
            if len(rad) < 2:
                continue
            slag, namn = rad[0], rad[1]
            (fornamn if slag == "fornamn" else efternamn).add(namn)
            if len(rad) > 2 and rad[2] == "tvetydig":
                tvetydiga.add(namn)
    tvetydiga |= (EXTRA_TVETYDIGA | {o.capitalize() for o in ENGELSKA_ORD}) & (fornamn | efternamn)
    return Namnlista(frozenset(fornamn), frozenset(efternamn), frozenset(tvetydiga))


# Words of ordinary follow-up texts that the name lists also hold, found with our corpus;
# they count as names only with context ("mamma Hope", "Hope Svensson").
# Rut (RUT-avdrag) and Kristi (Kristi himmelsfärd) are words of ordinary texts too; Drop is
# the start of "drop-in".
# Uno is a card game, Day the English word of days named for a cause ("Orange Day").
# Ica is the grocery chain ("gick till Ica och handlade").
# Svea is a debt collector's and a court's name ("Svea Ekonomi", "Svea hovrätt"), Vasa a
# district's and meeting place's ("Träffpunkt Vasa"), Anon the end of "Al-Anon".
# Precious is an English word as well as a name, Chi the end of "tai chi".
EXTRA_TVETYDIGA: frozenset[str] = frozenset(
    {"Rut", "Kristi", "Drop", "Uno", "Day", "Ica", "Svea", "Vasa", "Anon", "Precious", "Chi"}
)

# Words that name a work, a theme or a reading: the capitalised names right after them, joined
# by "och", "om", "ur", commas or a colon, are characters and titles, not people ("Högläsning:
# Moby Dick", "berättelsen om Josef och hans bröder", "Tema: Abraham, Sara och uppbrottet",
# "läste Harry Potter", "Gruppen Maria och Marta", "ritade Pikachu och Mario", "lekte Harry
# Potter"; namnregler.i_verk), and children's
# characters that are no one's name, so the names listed with them are characters too
# ("Barnen gillade Bamse, Pippi och Alfons").
VERKORD = frozenset(
    """
    tema temat teman högläsning högläsningen läste läser boken böckerna berättelsen
    berättelserna sagan sagorna filmen pjäsen samtalsgrupp samtalsgruppen bokcirkel bokcirkeln
    grupp gruppen
    pippi bamse findus pettson babblarna gruffalon
    ritade ritar lekte leker
    """.split()
)
# What may stand between such a word and the names: "läste ur Ronja", "om Job".
VERKLED = frozenset("och o om ur".split())
# Watching a show names its characters after "på": "tittar på Bluey o Greta Gris"
# (namnregler.i_verk reads "på" after these as a word of a work).
TITTA = frozenset("tittar tittade tittat kollar kollade kollat".split())
# A word that starts so names a work or a theme too: "Temakväll om Ronja Rövardotter",
# "Filmkväll: Encanto och Frost", "Sagostund: Pippi" (namnregler.i_verk).
VERKPREFIX = ("tema", "film", "sago", "högläsning", "bokcirkel", "teater")
# A word of a group's, a room's or a pet's name joined to what it names: "Tjejgruppen Luna",
# "Samtalsrummet Eken", "Grannhunden Sixten" (granskning.grundfynd, sql_namn).
LOKALSLUT = ("grupp", "gruppen", "rummet", "salen", "hunden", "katten")
# A person's pronouns: after an unknown capitalised word and a verb at a sentence's start they
# show the word is a person ("Siobhan sa att hon …", "Oluwaseun berättade om sitt nya jobb").
PRONOMEN = frozenset("hon han hen henne honom hennes hans sin sitt sina".split())
# The verbs of that rule: what a person says or feels, not what a unit can do ("Repro kan
# stärka sin roll").
SAGEVERB = frozenset(
    """
    berättade berättar sa sade säger frågade frågar svarade svarar uppgav uppger skrev grät
    mådde mår kände känner tyckte tycker
    """.split()
)
