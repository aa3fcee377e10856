"""Text tables for the Dutch rail-outage drill (:mod:`radar.scenario`).

Slots: ``{a}`` and ``{b}`` two different stations on the hit lines, ``{s}`` one
station, ``{t}`` a departure time (``7:42``), ``{n}`` a number of minutes.
Dutch content by design; about one post in twenty uses the English tables.
"""

from __future__ import annotations

STATIONS = (
    "Utrecht",
    "Utrecht Centraal",
    "Amersfoort",
    "Amsterdam",
    "Amsterdam Centraal",
    "Den Bosch",
    "Zwolle",
    "Eindhoven",
    "Leiden",
    "Schiphol",
    "Arnhem",
    "Gouda",
    "Hilversum",
    "Ede-Wageningen",
    "Driebergen-Zeist",
    "Woerden",
    "Culemborg",
    "Maarssen",
)

FIRST_SITE = (
    "Utrecht Centraal",
    "Utrecht",
    "Driebergen-Zeist",
    "Maarssen",
    "Woerden",
    "Culemborg",
)
SECOND_SITE = ("Amersfoort", "Hilversum", "Baarn", "Zwolle")
NEWS_OUTLETS = ("RegioNieuws Utrecht", "Spoorkrant", "Nieuwsdienst NL", "Omroep Midden")
NAMES = (
    "reiziger",
    "forens",
    "student",
    "pendelaar",
    "mama",
    "jan",
    "sanne",
    "bas",
    "lotte",
    "mo",
    "eva",
    "tim",
    "fleur",
    "daan",
    "noor",
    "ahmed",
    "sophie",
    "kees",
    "yara",
    "thijs",
    "ilse",
    "milan",
    "anouk",
    "sem",
    "fatima",
    "ruben",
    "emma",
    "lars",
    "zoë",
    "dewi",
)
HANDLE_SUFFIXES = ("", "_utr", "030", "_nl", "88", "_ams", "_reist", "x", "2004", "_010", "_033")

OPENERS = (
    "",
    "",
    "",
    "",
    "Hoi, ",
    "Goedemorgen. ",
    "Vraagje: ",
    "Help! ",
    "@reisinfo ",
    "Hallo, ",
    "Even checken: ",
)
CLOSERS = (
    "",
    "",
    "",
    "",
    "",
    " Alvast bedankt!",
    " 🙏",
    " Moet om 9 uur op mijn werk zijn.",
    " Heb om half 10 een tentamen.",
    " Dank!",
    " Iemand?",
    " Graag snel antwoord.",
    " Sta nu op het perron.",
    " Met twee kinderen onderweg…",
    " Thx",
)
ANNOYED = (
    " Belachelijk dit.",
    " Elke keer hetzelfde 😡",
    " Wat een puinhoop weer.",
    " Ben het echt zat.",
    " Dit is toch niet normaal?!",
    " Schandalig.",
    " 🤬",
    " Zo frustrerend.",
)
EMOJI = ("", "", "", " 😩", " 🙄", " 😤", " 🚆", " 😭", " 🤦")

QUESTIONS = {
    "vraag-rijden": (
        "Rijden er nog treinen tussen {a} en {b}?",
        "Rijdt de trein van {t} naar {b} nog?",
        "Gaat er vanochtend nog een trein naar {b}?",
        "Is het treinverkeer rond {a} helemaal plat?",
        "Weet iemand of er nog iets rijdt vanaf {a}?",
        "rijden er nog treinen naar {b}",
        "Kan ik nog met de trein van {a} naar {b}?",
        "Rijdt de intercity naar {b} nog of niet?",
        "Zijn alle treinen van {a} naar {b} geschrapt?",
        "Is er nog treinverkeer richting {b}?",
        "Gaat mijn sprinter van {t} nog?",
        "Rijdt er vandaag überhaupt nog iets tussen {a} en {b}",
        "Kun je van {a} nog naar {b} met de trein?",
    ),
    "vraag-vervangend-vervoer": (
        "Is er vervangend vervoer tussen {a} en {b}?",
        "Rijden er bussen in plaats van de trein naar {b}?",
        "Waar vertrekken de vervangende bussen in {a}?",
        "Komen er nog bussen tussen {a} en {b}?",
        "Regelen jullie ander vervoer nu de treinen niet rijden?",
        "Is er een bus ipv de trein naar {b}",
        "Waar staan de pendelbussen op {a}?",
        "Zijn er al bussen geregeld vanaf {a}?",
        "Moeten we zelf een bus zoeken of komt er vervangend vervoer?",
        "hoe laat gaat de eerste vervangende bus naar {b}",
        "Is er busvervoer van {a} naar {b}?",
        "Waar moet ik heen voor de bus naar {b}? Sta op {a}",
    ),
    "vraag-geld-terug": (
        "Krijg ik mijn geld terug voor deze vertraging?",
        "Hoe vraag ik compensatie aan voor mijn uitgevallen trein?",
        "Heb ik recht op een vertragingsvergoeding? Al {n} minuten vertraging",
        "Kan ik mijn treinkaartje vergoed krijgen?",
        "Wie betaalt mijn taxi naar {b}?",
        "Krijg ik geld terug als ik nu een taxi neem?",
        "Hoe werkt geld terug bij vertraging eigenlijk?",
        "Hoe krijg ik mijn geld terug van vanochtend?",
        "vertragingsvergoeding aanvragen, waar doe ik dat",
        "Krijg ik compensatie voor de {n} minuten die ik hier sta?",
        "Vergoeden jullie ook mijn gemiste afspraak in {b}?",
        "Heb ik recht op geld terug met een abonnement?",
    ),
    "vraag-oorzaak": (
        "Wat is de oorzaak van de storing?",
        "Waarom rijden er geen treinen bij {a}?",
        "Wat is er eigenlijk kapot bij {a}?",
        "Weet iemand wat er aan de hand is bij {a}?",
        "Wat veroorzaakt al die vertraging?",
        "Hoe kan het dat er weer niks rijdt?",
        "Wat is er gebeurd op het spoor bij {a}?",
        "Waardoor komt deze storing nou weer?",
        "wat is er mis bij {a}",
        "Is het een seinstoring of iets anders?",
    ),
    "vraag-hoe-lang": (
        "Hoe lang gaat deze storing nog duren?",
        "Wanneer rijden de treinen weer normaal?",
        "Tot hoe laat duurt dit nog?",
        "Is er al een eindtijd bekend voor de storing bij {a}?",
        "Wanneer is het spoor tussen {a} en {b} weer vrij?",
        "hoelang gaat dit nog duren??",
        "Hoe lang moet ik nog wachten op {a}?",
        "Wanneer gaat het weer rijden richting {b}?",
        "Weet iemand hoe lang het nog duurt bij {a}?",
        "Is er een verwachting wanneer het opgelost is?",
    ),
    "vraag-verklaring": (
        "Kan ik een verklaring krijgen voor mijn werkgever?",
        "Mijn baas wil bewijs dat de trein niet reed, hoe regel ik dat?",
        "Krijg ik een briefje voor school dat ik door de storing te laat ben?",
        "Waar download ik een vertragingsverklaring?",
        "Hoe bewijs ik bij mijn werk dat ik vastzat in {a}?",
        "Kan ik ergens een bewijs van de storing krijgen voor mijn tentamen?",
        "Mijn school vraagt om een verklaring van de vertraging, waar vind ik die?",
        "Geven jullie een vertragingsbewijs voor mijn werkgever?",
        "Is er een verklaring te downloaden dat de trein naar {b} uitviel?",
    ),
    "vraag-ov-fiets": (
        "Is de OV-fiets vandaag gratis nu de treinen niet rijden?",
        "Zijn er nog OV-fietsen beschikbaar op {s}?",
        "Kan ik een deelfiets huren op {s}? Moet naar {b}",
        "Mag ik gratis een OV-fiets pakken door de storing?",
        "OV-fietsen op {s} zijn op, waar kan ik nog een fiets huren?",
        "Mag ik de OV-fiets in {b} weer inleveren?",
        "Waar is de fietsenverhuur op {s}?",
        "Is er ergens bij {s} nog een huurfiets te krijgen?",
        "Hoeveel kost een OV-fiets als ik er naar {b} mee fiets?",
        "Worden de kosten van de OV-fiets vergoed bij deze storing?",
    ),
}

COMPLAINTS = (
    "Trein staat stil bij {s}.{e}",
    "Alweer vertraging tussen {a} en {b}.{e}",
    "Sta al {n} minuten stil net voor {s}{e}",
    "Mijn trein van {t} naar {b} is uitgevallen{e}",
    "Perron op {s} loopt helemaal vol, niks rijdt{e}",
    "Storing bij {s}, niks rijdt meer richting {b}{e}",
    "Ga te laat komen op mijn werk door die storing{e}",
    "Vertraging op vertraging. {a} - {b} ligt plat{e}",
    "Zit vast op {s}, geen trein te bekennen{e}",
    "Intercity naar {b} geschrapt, lekker begin van de dag{e}",
    "Geen informatie op de borden op {s}, niemand weet iets{e}",
    "Sprinter staat al {n} minuten stil bij {s}, geen omroep{e}",
    "Mis mijn afspraak in {b} door de storing{e}",
    "Het is echt chaos op {s}{e}",
    "Weer een storing. Elke week wel wat op {a} - {b}{e}",
)

ANGRY = (
    "NU OOK NOG EEN TWEEDE STORING?! Dit is toch niet te geloven{e}",
    "Tweede storing bij {s}, ik ben er klaar mee{e}",
    "Net reden ze weer een beetje en nu ligt {s} ook plat. Schandalig{e}",
    "Wat een amateurs. Eerst Utrecht, nu ook {s}{e}",
    "Al {n} minuten vast en nu weer een storing. Woedend{e}",
    "Ik betaal me blauw aan dit abonnement en dan dit{e}",
    "Helemaal klaar met het spoor in dit land{e}",
    "Stroomstoring bij {s} erbovenop. Echt belachelijk{e}",
    "Dit is de slechtste ochtend ooit, niks werkt meer{e}",
    "Hoe kan het dat na {n} minuten alles wéér stilligt?!{e}",
    "Geen bussen, geen treinen, geen info. Bedankt voor niks{e}",
    "Nooit meer met de trein. Morgen neem ik de auto{e}",
    "Opnieuw stilstand bij {s}. Waardeloos{e}",
)

RELIEF = (
    "Gelukkig rijden ze weer tussen {a} en {b}!{e}",
    "Eindelijk, de trein naar {b} rijdt weer 🙌",
    "Zit eindelijk in de trein naar {b}. Pff wat een ochtend",
    "Het spoor bij {s} is weer vrij, top!",
    "Dank aan de monteurs die dit hebben opgelost 👏",
    "Eindelijk weer beweging op {s} 😅",
    "Bedankt voor de snelle info vanochtend, fijn dat het weer rijdt",
    "Treinen rijden weer richting {b}, eindelijk!",
    "Net aangekomen in {b}, gelukkig toch nog op tijd voor de lunch 😂",
    "Oké, het rijdt weer. Dank aan het personeel op {s}, jullie waren top",
    "Hè hè, we rijden weer 🚆",
)

INFO = (
    "Volgens de reisplanner rijden er bussen vanaf {s}, bij de busbaan",
    "Op {s} staan medewerkers in oranje hesjes die de weg wijzen naar de bussen",
    "Tip: vanaf {a} kun je ook met de streekbus naar {b}",
    "Borden op {s} zeggen: geen treinen richting {b} tot nader order",
    "Omroep op {s}: treinen richting {b} rijden voorlopig niet",
    "Ik ben omgereisd via {s}, duurt een half uur langer maar je komt er wel",
    "De app geeft nu een route via {s}",
    "Op {s} worden gratis koffie en water uitgedeeld",
    "Het is erg druk op {s}, neem de tijd",
    "Update: de eerste bussen zijn vertrokken vanaf {a}",
)

NEWS = {
    "first": (
        "Treinverkeer tussen {a} en {b} plat door storing",
        "Storing bij {a}: veel treinen rijden niet in de ochtendspits",
        "Seinstoring legt treinverkeer rond {a} stil",
    ),
    "buses": (
        "Vervangende bussen ingezet tussen {a} en {b}",
        "Reizigers met bussen van {a} naar {b}",
    ),
    "cause": (
        "Oorzaak storing {a}: defecte seinkast",
        "Spoorbeheerder: kapotte seinkast oorzaak van treinstoring bij {a}",
    ),
    "second": (
        "Tweede storing: ook bij {s} rijden geen treinen meer",
        "Nieuwe tegenslag voor reizigers: stroomstoring bij {s}",
        "Koperdiefstal vermoed bij knooppunt {s}, treinverkeer opnieuw plat",
    ),
    "recovery": (
        "Treinen rijden weer tussen {a} en {b}",
        "Storing voorbij: treinverkeer rond {a} komt op gang",
    ),
}

NOISE = (
    "Wie kijkt er vanavond naar de wedstrijd?",
    "Lekker rustig op de fiets vanochtend",
    "Goedemorgen allemaal! Koffie ☕",
    "Weet iemand een goede bakker in {s}?",
    "Mooie zonsopkomst boven {s} vandaag",
    "Vergeet niet je vuilnisbak buiten te zetten vandaag",
    "Tips voor een leuk restaurant in {s}?",
    "Mijn kat heeft vannacht de hele tijd gemiauwd",
    "Wat een file op de A12 trouwens",
    "Hoe laat gaat de bieb in {s} open?",
    "Podcasttips voor onderweg iemand?",
    "Vandaag de laatste werkdag voor mijn vakantie 🎉",
    "Heeft iemand nog kaartjes voor het concert zaterdag?",
    "Nieuwe schoenen aan en meteen regen",
)

ENGLISH = {
    "vraag-rijden": (
        "Are there still trains from {a} to {b}?",
        "Is the train to {b} running at all today?",
        "Any trains leaving {a} right now?",
    ),
    "vraag-vervangend-vervoer": (
        "Is there a replacement bus from {a} to {b}?",
        "Where do the replacement buses leave from at {a}?",
    ),
    "vraag-geld-terug": (
        "Can I get a refund for my delayed train?",
        "How do I claim compensation for the delay?",
    ),
    "vraag-oorzaak": ("What caused the disruption at {a}?", "What is going on near {a}?"),
    "vraag-hoe-lang": (
        "How long will the disruption last?",
        "Any idea when trains will run again?",
    ),
    "vraag-ov-fiets": (
        "Can I rent a bike at {s} to get to {b}?",
        "Are the rental bikes free today?",
    ),
    "klacht-stilstand": (
        "Stuck at {s}, no trains at all{e}",
        "Train cancelled again, great start of the day{e}",
    ),
    "boos": ("A second outage?! Unbelievable{e}", "This rail network is a joke{e}"),
    "opluchting": ("Finally moving again, thanks to the crew!", "Trains are running again, phew"),
}
