"""Dutch sentiment lexicon for crisis and webcare language (data only).

Weights run from -3 (very negative) to +3 (very positive). Single words are
looked up as written and, failing that, by stem (``schandalige`` →
``schandalig``, ``vertragingen`` → ``vertraging``). Phrases are matched first
and win over the words inside them.

>>> WORDS["schandalig"] < 0 < WORDS["bedankt"]
True
"""

from __future__ import annotations

from types import MappingProxyType


def _parse(block: str) -> MappingProxyType[str, float]:
    entries: dict[str, float] = {}
    for line in block.strip().splitlines():
        for item in line.split(","):
            item = item.strip()
            if item:
                word, weight = item.rsplit(" ", 1)
                entries[word.strip()] = float(weight)
    return MappingProxyType(entries)


WORDS = _parse(
    """
    storing -1.5, storingen -1.5, vertraging -1.2, vertraagd -1.0, uitval -1.5, uitgevallen -1.5,
    defect -1.3, kapot -1.5, stuk -0.5, panne -1.3, stroomstoring -1.5, stroomuitval -1.5,
    schandalig -2.5, schande -2.5, belachelijk -2.2, waardeloos -2.5, gedupeerd -1.8,
    gedupeerden -1.2, boos -2.0, woedend -2.8, kwaad -2.0, razend -2.5, bang -1.8, angst -2.0,
    angstig -2.0, zorgen -1.3, bezorgd -1.5, ongerust -1.6, paniek -2.2, eng -1.6, doodsbang -2.6,
    schrik -1.5, geschrokken -1.6, verschrikkelijk -2.5, vreselijk -2.4, afschuwelijk -2.6,
    verdrietig -2.0, verdriet -2.0, triest -1.8, treurig -1.8, droevig -1.8, huilen -1.6,
    slecht -1.8, slechte -1.8, slechter -1.8, slechtst -2.3, erg -0.6, ellende -2.0,
    ellendig -2.0, rampzalig -2.5, ramp -2.0, drama -1.8, chaos -1.8, chaotisch -1.8,
    zooitje -2.0, puinhoop -2.2, klote -2.3, kut -2.3, shit -2.0, godverdomme -2.5,
    verdomme -2.0, verdorie -1.6, balen -1.8, baal -1.8, jammer -1.2, helaas -1.0,
    teleurgesteld -2.0, teleurstellend -2.0, teleurstelling -2.0, frustrerend -2.0,
    gefrustreerd -2.0, irritant -1.8, ergerlijk -1.9, ergeren -1.6, erger -1.2, zat -1.0,
    klacht -1.3, klachten -1.3, klagen -1.2, onacceptabel -2.4, onaanvaardbaar -2.4,
    onbegrijpelijk -1.8, onzin -1.8, idioot -2.0, idioten -2.2, dom -1.6, stom -1.6,
    stomme -1.6, debiel -2.3, amateuristisch -2.0, prutsers -2.3, prutswerk -2.3,
    incompetent -2.3, onbetrouwbaar -2.0, oplichters -2.5, oplichting -2.3, bedrog -2.3,
    fraude -2.0, leugen -2.0, leugens -2.0, liegen -2.0, gelogen -2.0, nep -1.5,
    wachten -0.6, gewacht -0.8, wachttijd -0.8, vast -0.6, gestrand -1.8, stilstand -1.2,
    vol -0.4, overvol -1.6, afgelast -1.2, geannuleerd -1.2, annulering -1.0, vervallen -0.8,
    overlast -1.6, schade -1.5, lek -1.2, datalek -2.0, gelekt -1.8, gehackt -2.0, hack -1.5,
    gevaar -1.8, gevaarlijk -2.0, dreiging -1.8, slachtoffer -2.0, slachtoffers -2.0,
    gewond -2.0, gewonden -2.0, dood -2.5, doden -2.5, overleden -2.3, sterven -2.4,
    dode -2.5, vermoord -2.8, moord -2.6, ongeluk -2.0, ongeval -1.8, brand -1.5,
    explosie -2.0, aanslag -2.6, overstroming -1.8, wateroverlast -1.6, noodweer -1.4,
    pijn -1.8, ziek -1.6, hulpeloos -2.0, machteloos -2.0, wanhopig -2.2, eenzaam -1.7,
    kwijt -1.2, verloren -1.5, mis -0.8, fout -1.4, fouten -1.4, probleem -1.3,
    problemen -1.4, moeite -0.8, lastig -1.0, moeilijk -1.0, zwaar -0.9, onveilig -2.0,
    onduidelijk -1.3, onduidelijkheid -1.4, stilte -0.5, onbereikbaar -1.8, traag -1.3,
    slordig -1.6, nalatig -2.0, genegeerd -1.8, negeren -1.5, respectloos -2.2,
    onbeschoft -2.0, walgelijk -2.6, walg -2.4, bah -1.6, jakkes -1.6, getver -1.8,
    zielig -1.4, sneu -1.4, haat -2.6, haten -2.6, hekel -2.0, rot -1.6, vies -1.6,
    afzetterij -2.3, duur -0.8, nooit -0.4, alweer -0.8, weeral -0.8,
    hel -2.0, nachtmerrie -2.4, nijpend -1.6, crisis -1.5, noodsituatie -1.6,
    gek -1.0, gestoord -2.0, verdomd -1.8, lul -2.2, klootzak -2.6, klootzakken -2.6,
    verrader -2.2, bedreigd -2.0, schuld -1.4, sorry -0.6, excuses -0.2, spijt -1.2,
    help -0.6, hulp -0.2, verschrikking -2.4, gruwelijk -2.6, ongelukkig -2.0,
    blij 2.0, blije 2.0, gelukkig 1.8, opgelucht 2.2, opluchting 2.2, dank 2.0, bedankt 2.2,
    dankjewel 2.3, dankuwel 2.3, dankbaar 2.3, merci 1.8, thanks 1.8, top 2.0, toppers 2.4,
    topper 2.3, super 1.8, geweldig 2.6, fantastisch 2.7, prachtig 2.4, mooi 1.8,
    mooie 1.8, goed 1.6, goede 1.6, beter 1.0, best 1.2, prima 1.6, perfect 2.5,
    uitstekend 2.5, chapeau 2.4, respect 1.8, complimenten 2.3, compliment 2.2,
    lof 2.0, knap 1.8, handig 1.4, snel 0.8, vlot 1.3, duidelijk 1.0, opgelost 1.8,
    verholpen 1.7, hersteld 1.6, eindelijk 1.2, fijn 1.9, fijne 1.9, leuk 1.8, leuke 1.8,
    heerlijk 2.2, lekker 1.6, tevreden 2.0, vriendelijk 1.8, behulpzaam 2.0,
    klantvriendelijk 1.8, professioneel 1.6, veilig 1.4, rustig 0.2, kalm 0.8, hoop 0.8,
    hopelijk 0.6, sterkte 1.0, liefde 2.2, lief 1.8, lieve 1.8, schat 1.4, vriend 1.0,
    vrienden 1.0, geniet 1.8, genieten 1.8, trots 2.0, held 2.2,
    helden 2.2, heldhaftig 2.2, dapper 1.8, moedig 1.8, hartelijk 1.8, warm 1.0,
    bravo 2.2, hulde 2.2, klasse 2.2, goedzo 2.0, netjes 1.6, keurig 1.7, attent 1.8,
    meedenken 1.4, oplossing 1.2, compensatie 0.8, vergoeding 0.6, gratis 0.8,
    succes 1.4, gelukt 1.8, lukt 1.0, werkt 0.4, welkom 1.4, hallo 0.3, hoi 0.3,
    gaaf 2.0, vet 1.2, cool 1.6, wauw 1.6, yes 1.6, jippie 2.2, hoera 2.2, joepie 2.2,
    haha 1.2, hahaha 1.2, lol 0.8, fantastische 2.7, geweldige 2.6, waardering 2.0,
    gered 1.8, redding 1.2, overleefd 1.4, ontspannen 1.4, glimlach 1.6, lachen 1.2,
    lacht 1.2, prettig 1.8, gezellig 1.9, feest 1.6, vrede 1.6, zalig 2.2, schitterend 2.5,
    vertrouwen 1.2, betrouwbaar 1.6, eerlijk 1.2, rechtvaardig 1.2, bijzonder 1.2,
    vermoorden -2.6, doden -2.4, doodt -2.4, schieten -1.4, neergeschoten -2.4, bloed -1.4,
    moordenaar -2.6, lijk -1.8, gevangenis -1.4, verraad -2.4, verraden -2.2, bedreigen -2.0,
    vechten -1.4, oorlog -1.8, vijand -1.8, straf -1.4, gestraft -1.6, sterf -2.4,
    rotzak -2.6, hoer -2.4, eikel -2.2, sukkel -2.0, lafaard -2.2, monster -2.0,
    missen -1.0, verliezen -1.4, verlies -1.6, genoeg -0.6, zwijg -1.8, stil -0.4,
    kapotgemaakt -2.0, vernietigd -2.2, kwetsen -2.0, gekwetst -2.0, beledigd -2.0,
    schreeuwen -1.4, gillen -1.4, bedrogen -2.2, verdomde -2.0, verrek -1.8, ellendeling -2.4,
    aardig 1.8, aardige 1.8, aangenaam 2.0, gefeliciteerd 2.6, geluk 1.8, verliefd 2.0,
    vieren 1.8, samen 0.8, grappig 1.6, gelijk 0.6, precies 0.5, graag 0.8, proost 1.6,
    welterusten 1.2, kus 1.5, kusje 1.6, knuffel 1.8, schatje 1.8, liefje 1.8, lieverd 1.8,
    vriendin 1.0, vriendje 1.0, beloof 0.8, beloofd 0.6, mooist 2.2, vreugde 2.2,
    geniaal 2.4, briljant 2.4, schoonheid 1.8, knappe 1.8, bewonder 2.0, dankzij 1.0,
    boze -2.0, kwade -2.0, bange -1.8, enge -1.6, zieke -1.4, dode -2.4, slechtste -2.4,
    oké 0.4, ok 0.3, oke 0.4, akkoord 0.6, zeker 0.4, ja 0.2
    """
)
"""Single-word weights."""

PHRASES = _parse(
    """
    top geregeld 2.6, goed geregeld 2.2, prima geregeld 2.0, netjes geregeld 2.0,
    slecht geregeld -2.2, slecht georganiseerd -2.2, niet te doen -2.0, geen doen -2.0,
    geen probleem 1.2, geen zorgen 1.0, geen dank 1.2, niet erg 0.6, niet slecht 0.8,
    dank je 2.2, dank u 2.2, dank je wel 2.4, dank u wel 2.4, heel erg bedankt 2.6,
    rijden weer 1.6, rijdt weer 1.6, rijden ze weer 1.6, werkt weer 1.6, weer stroom 1.8,
    stroom is terug 1.8, stroom terug 1.4, weer bereikbaar 1.5, weer open 1.2,
    weer normaal 1.5, is opgelost 2.0, weer internet 1.6, weer licht 1.5,
    werkt niet -1.6, doet het niet -1.6, rijdt niet -1.5, rijden niet -1.5,
    geen stroom -1.6, geen internet -1.6, geen bereik -1.5, geen treinen -1.6,
    geen trein -1.5, geen reactie -1.6, geen antwoord -1.6, geen informatie -1.5,
    geen info -1.5, geen idee -0.6, niet bereikbaar -1.6, niks gehoord -1.4,
    hangen in de wacht -1.8, in de wacht -1.2, al uren -1.4, uren wachten -1.6,
    weer eens -0.8, voor de zoveelste keer -2.0, elke keer weer -1.4, altijd weer -1.2,
    wat een ellende -2.4, wat een puinhoop -2.4, wat een service -1.2,
    hou van 2.2, houd van 2.2, hou ook van 2.2, van harte 1.8, veel sterkte 1.2,
    gaat goed 1.6, gaat het goed 1.2, komt goed 1.4, alles goed 1.2, valt mee 1.4,
    viel mee 1.4, goed nieuws 2.0, slecht nieuws -2.0, fijne dag 1.6, goed gedaan 2.2,
    goed werk 2.2, snel opgelost 2.4, snel geholpen 2.2, goed geholpen 2.2,
    netjes opgelost 2.3, in orde 1.0, het spijt me -0.8, naar de klote -2.6,
    om te huilen -2.2, ben het zat -2.2, ben het beu -2.2, ik ben klaar mee -2.0,
    klaar mee -1.8, te laat -1.2, veel te laat -1.8, laat maar -0.8, kan niet -0.6,
    maak je geen zorgen 1.2, niets aan de hand 1.0, valt te verwachten -0.4,
    waar blijft -1.0, waar blijven -1.0, wat is er gebeurd -0.6, o nee -1.6, oh nee -1.6,
    hou je mond -2.2, houd je mond -2.2, mond dicht -1.6, kop dicht -2.2, hou op -1.6,
    rot op -2.6, donder op -2.6, sodemieter op -2.6, ga weg -1.2, laat me met rust -1.8,
    laat me los -1.6, graag gedaan 1.8, je hebt gelijk 1.2, u hebt gelijk 1.2,
    mooi niet -1.4, te gek 1.6, niet goed -1.4, niet leuk -1.4,
    help me -1.0, help mij -1.0, ga dood -2.4, ga je dood -2.2, ik haat -2.6
    """
)
"""Multi-word expressions, matched before single words."""

NEGATORS = frozenset(
    ["niet", "geen", "nooit", "niks", "niets", "niemand", "nergens", "zonder", "noch"]
)
"""Words that flip the polarity of the next few words."""

INTENSIFIERS = MappingProxyType(
    {
        "heel": 1.5,
        "erg": 1.5,
        "zeer": 1.5,
        "super": 1.6,
        "zo": 1.3,
        "echt": 1.3,
        "ontzettend": 1.7,
        "enorm": 1.6,
        "hartstikke": 1.6,
        "ongelooflijk": 1.7,
        "ongelofelijk": 1.7,
        "totaal": 1.5,
        "volledig": 1.4,
        "compleet": 1.5,
        "extreem": 1.7,
        "absoluut": 1.5,
        "mega": 1.6,
        "kei": 1.5,
        "bijzonder": 1.4,
        "intens": 1.5,
        "te": 1.2,
        "veel": 1.2,
        "helemaal": 1.4,
        "vreselijk": 1.6,
        "verschrikkelijk": 1.6,
        "verschrikkelijke": 1.6,
        "zwaar": 1.4,
        "zowat": 1.0,
        "zó": 1.5,
    }
)
"""Words that strengthen the next sentiment word (factor)."""

DOWNTONERS = MappingProxyType(
    {
        "beetje": 0.6,
        "wat": 0.8,
        "enigszins": 0.6,
        "redelijk": 0.7,
        "vrij": 0.8,
        "nogal": 0.8,
        "iets": 0.7,
        "licht": 0.6,
        "lichtelijk": 0.6,
        "min": 0.6,
        "minder": 0.6,
        "misschien": 0.8,
        "weinig": 0.6,
        "soort": 0.8,
    }
)
"""Words that soften the next sentiment word (factor)."""

CONTRAST = frozenset(["maar", "echter", "alleen", "toch", "desondanks", "hoewel"])
"""Words after which the clause weighs more than the one before."""
