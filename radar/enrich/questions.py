"""Question score: is a post an information-seeking question or request?

Rules over Dutch and English surface forms, each a small named function or
table so it can be tested on its own. A post is cut into clauses; each clause
gets the sum of the cues that fire (question mark, question word followed by a
verb, verb-first order, "weet iemand", "any idea", "graag info", ...) minus the
cues against (rhetorical forms, "?!", exclamations, headline forms such as
"Storing bij NS: wat moet je weten?"). The post's score is that of its best
clause, clipped to [0, 1]. A retweet prefix, mentions, hashtags and URLs are
stripped first; the raw post is passed in, so that a question next to a link
(a shared article teasing its own answer) can be penalised
(:func:`link_penalty`).

Decisions: a retweeted question of someone else ("RT @buur: weet iemand ...?")
still counts, since the public asks it; a retweet of a news account, a
question next to a link, speculation ("what are the chances"), opinion polls
("do you agree?") and small talk ("how was your day?") do not. Cue tables are
searched as one merged pattern each (:func:`_any_of`), which keeps the rules
readable and the score cheap (about 50 µs a post).

>>> question_score("Rijden er nog treinen naar Utrecht?", "nl") >= 0.5
True
>>> question_score("Hoe dom kun je zijn?!", "nl") < 0.5
True
>>> question_score("Storing bij NS: wat moet je weten?", "nl") < 0.5
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from radar.enrich._regex import any_of as _any_of

__all__ = [
    "clauses",
    "headline_penalty",
    "is_rhetorical",
    "normalise_post",
    "question_mark_cue",
    "question_score",
    "request_cue",
    "verb_first_cue",
    "wh_question_cue",
]

# --- tables -----------------------------------------------------------------

WH_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        [
            "wie",
            "wat",
            "waar",
            "wanneer",
            "waarom",
            "hoe",
            "welke",
            "welk",
            "hoeveel",
            "hoelang",
            "hoezo",
            "waarheen",
            "waarvandaan",
            "waarmee",
            "waarover",
            "waarvoor",
            "vanaf",
            "tot",
        ]
    ),
    "en": frozenset(["who", "what", "where", "when", "why", "how", "which", "whom", "whose"]),
}
"""Question words that open a question clause."""

WH_CONTRACTIONS = {
    word + suffix: word
    for word in ("who", "what", "where", "when", "how", "why")
    for suffix in ("'s", "s")
}
"""Contracted question words ("how's", "whats") → the question word (an "is" follows)."""

LEADING_FILLERS = frozenset(
    [
        "or",
        "and",
        "so",
        "but",
        "then",
        "ok",
        "okay",
        "hey",
        "hi",
        "hello",
        "yeah",
        "well",
        "also",
        "en",
        "of",
        "maar",
        "dus",
        "oke",
        "oké",
        "hoi",
        "hallo",
        "ha",
        "he",
        "hé",
        "ps",
        "btw",
        "anyway",
        "anyways",
        "please",
        "pls",
        "plz",
    ]
)
"""Words that may precede a question without changing its form ("Or has it...")."""

WH_MODIFIERS = frozenset(
    [
        "lang",
        "laat",
        "vaak",
        "veel",
        "ver",
        "snel",
        "groot",
        "long",
        "late",
        "much",
        "many",
        "often",
        "far",
        "soon",
        "time",
        "big",
        "bad",
        "old",
        "kind",
        "sort",
        "type",
    ]
)
"""Words between a question word and its verb ("hoe lang duurt", "how long will")."""

SUBJECT_WORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        [
            "ik",
            "je",
            "jij",
            "u",
            "we",
            "wij",
            "ze",
            "zij",
            "hij",
            "het",
            "er",
            "iemand",
            "men",
            "jullie",
            "de",
            "een",
            "dit",
            "dat",
            "deze",
            "die",
            "mijn",
            "onze",
            "ons",
            "jouw",
            "uw",
            "hun",
            "haar",
            "zijn",
            "niemand",
            "iedereen",
        ]
    ),
    "en": frozenset(
        [
            "i",
            "you",
            "he",
            "she",
            "we",
            "they",
            "it",
            "there",
            "anyone",
            "anybody",
            "someone",
            "somebody",
            "everyone",
            "the",
            "a",
            "an",
            "this",
            "that",
            "these",
            "those",
            "my",
            "your",
            "our",
            "their",
            "his",
            "her",
            "its",
            "people",
        ]
    ),
}
"""Words that follow a fronted verb in a verb-first question ("Rijdt de trein")."""

PRONOUNS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        ["ik", "je", "jij", "u", "we", "wij", "ze", "zij", "hij", "het", "men", "jullie", "iemand"]
    ),
    "en": frozenset(["i", "you", "he", "she", "we", "they", "it"]),
}
"""Subject pronouns: after a question word they mark a subordinate clause."""

AUXILIARIES: dict[str, frozenset[str]] = {
    "nl": frozenset(
        [
            "is",
            "zijn",
            "ben",
            "bent",
            "was",
            "waren",
            "wordt",
            "worden",
            "werd",
            "heeft",
            "hebben",
            "heb",
            "hebt",
            "had",
            "kan",
            "kun",
            "kunt",
            "kunnen",
            "mag",
            "mogen",
            "moet",
            "moeten",
            "zal",
            "zullen",
            "zou",
            "zouden",
            "wil",
            "wilt",
            "willen",
            "gaat",
            "gaan",
            "ga",
            "komt",
            "komen",
            "kom",
            "weet",
            "weten",
            "rijdt",
            "rijden",
            "rijd",
            "vertrekt",
            "vertrekken",
            "stopt",
            "stoppen",
            "krijg",
            "krijgt",
            "krijgen",
            "doet",
            "doen",
            "werkt",
            "werken",
            "ligt",
            "liggen",
            "staat",
            "staan",
            "blijft",
            "blijven",
            "geldt",
            "gelden",
            "duurt",
            "duren",
            "kost",
            "kosten",
            "vallen",
            "valt",
            "loopt",
            "lopen",
            "vaart",
            "varen",
            "vliegt",
            "vliegen",
        ]
    ),
    "en": frozenset(
        [
            "is",
            "are",
            "was",
            "were",
            "am",
            "do",
            "does",
            "did",
            "can",
            "could",
            "will",
            "would",
            "should",
            "shall",
            "has",
            "have",
            "had",
            "may",
            "might",
            "must",
            "isn't",
            "aren't",
            "wasn't",
            "weren't",
            "don't",
            "doesn't",
            "didn't",
            "can't",
            "couldn't",
            "won't",
            "wouldn't",
            "shouldn't",
            "hasn't",
            "haven't",
            "'s",
            "'re",
        ]
    ),
}
"""Finite verbs that can open a yes/no question."""

NOT_SUBJECTS_EN = frozenset(
    [
        "be",
        "been",
        "being",
        "have",
        "not",
        "also",
        "just",
        "still",
        "never",
        "so",
        "gonna",
        "going",
        "getting",
        "to",
        "too",
        "the",
        "ok",
        "okay",
        "really",
    ]
) - {"the"}
"""After an English auxiliary these mark a statement with a dropped subject ("Will be in")."""

NOT_VERBS_NL = frozenset(
    [
        "nu",
        "toen",
        "als",
        "omdat",
        "dat",
        "want",
        "maar",
        "en",
        "of",
        "ook",
        "dan",
        "daar",
        "hier",
        "morgen",
        "vandaag",
        "gisteren",
        "straks",
        "zo",
        "nog",
        "wel",
        "niet",
        "geen",
        "al",
        "even",
        "gewoon",
        "echt",
        "heel",
        "erg",
        "weer",
        "eindelijk",
        "helaas",
        "gelukkig",
        "vanavond",
        "vanochtend",
        "vanmorgen",
        "dus",
        "toch",
        "net",
        "pas",
        "alleen",
        "gisteravond",
    ]
)
"""First words that are not verbs even when a subject word follows."""

REQUEST_PATTERNS: tuple[tuple[re.Pattern[str], float], ...] = tuple(
    (re.compile(pattern), weight)
    for pattern, weight in (
        # Dutch
        (r"\b(?:weet|weten) (?:iemand|jullie|u|je|jij|men)\b", 0.6),
        (r"\b(?:kan|kun|kunt|kunnen|wil|wilt|willen) (?:iemand|jullie|u|je|jij)\b", 0.5),
        (r"\b(?:heeft|hebben) (?:iemand|jullie|u)\b", 0.45),
        (r"\biemand (?:een |enig )?(?:idee|info|informatie|nieuws)\b", 0.6),
        (r"\b(?:ik wil|wil ik|ik zou) graag (?:weten|horen|info|informatie)", 0.7),
        (r"\b(?:ik )?vraag (?:me|mij|mezelf) af\b", 0.55),
        (r"\bgraag (?:meer )?(?:info|informatie|uitleg|duidelijkheid|antwoord|reactie)\b", 0.6),
        (r"\b(?:hoor|horen) (?:graag|het graag)\b", 0.45),
        (r"\blaat (?:even |ons |me |mij )*weten\b", 0.45),
        (r"\b(?:kan|mag|moet) ik\b", 0.4),
        (r"\bhoe (?:kan|moet|vraag|krijg|meld|regel) ik\b", 0.6),
        (r"\bwaar (?:kan|moet) ik\b", 0.6),
        (r"\b(?:is|zijn) er (?:al )?(?:nieuws|info|informatie|meer bekend)\b", 0.5),
        (r"\bwie (?:weet|kan|heeft)\b", 0.5),
        (r"\bklopt (?:het|dit|dat)\b", 0.5),
        (r"\b(?:ik )?(?:hoor|hoorde|las|lees) (?:net )?dat\b|\bgehoord dat\b", 0.3),
        (
            r"\b(?:help|helpen) (?:ons|mij|me)\b|\b(?:hebben|heb|heeft|hebt) (?:dringend )?hulp nodig\b",
            0.55,
        ),
        (r"\biemand (?:uit|in|bij|rond|in de buurt van) \w+", 0.4),
        # English
        (r"\b(?:any|anyone|anybody|someone|somebody) (?:got |have |has )?(?:an )?idea\b", 0.6),
        (r"\b(?:does|do|did) (?:anyone|anybody|someone|somebody|you|u) (?:know|have|hear)", 0.65),
        (r"\b(?:anyone|anybody|someone|somebody) (?:know|knows|heard|hear|seen|have)\b", 0.55),
        (r"\b(?:has|have) (?:anyone|anybody|someone|somebody) (?:seen|heard|got)\b", 0.65),
        (
            r"\b(?:can|could|would|will) (?:anyone|anybody|someone|somebody|you|u) (?:please )?"
            r"(?:tell|help|let|confirm|explain|advise|check|send|share|update|give|dm|rt)\b",
            0.6,
        ),
        (r"\b(?:i'd|i would|i want|i wanna|i need) (?:like )?to know\b", 0.65),
        (
            r"\b(?:pls|please|plz|pleas) (?:help|rescue|send|monitor|check on|evacuate)\b"
            r"|\b(?:in (?:urgent |dire )?need of|(?:badly |urgently )?needs? (?:help|rescue"
            r"|to be rescued|food|water|shelter))\b",
            0.55,
        ),
        (r"\b(?:anyone|anybody|someone|somebody) (?:from|in|near|around|at)\b", 0.45),
        (r"\b(?:are|r) (?:you|u) able to\b", 0.5),
        (r"\b(?:i'm |i am |im )?wondering (?:if|whether|when|what|how|where|why)\b", 0.55),
        (r"\bi wonder (?:if|whether|when|what|how|where|why)\b", 0.4),
        (
            r"\bplease (?:let (?:me|us) know|advise|tell (?:me|us)|confirm|update|help us find)\b",
            0.6,
        ),
        (r"\bany (?:update|updates|news|info|information|word) (?:on|about|from|re)\b", 0.55),
        (
            r"\b(?:need|needs|looking for|seeking|want) (?:some |more |any )?(?:info|information"
            r"|details|updates?)\b",
            0.55,
        ),
        (r"\b(?:how|where|who|what) (?:do|can|should|could) (?:i|we)\b", 0.55),
        (r"\b(?:is|are) there (?:any|a|an)\b", 0.35),
        (r"\b(?:i )?(?:heard|hear|read) (?:that|there|about)\b|^heard\b", 0.3),
        (r"\bis (?:it|this|that) true\b|\b(?:can|could) (?:anyone|someone|you) confirm\b", 0.5),
        (r"\bconfirm(?:ing|ed)?\s*$", 0.3),
        (
            r"\bif (?:anyone|anybody|you) (?:has|have|knows?|hears?|sees?) .*(?:please|pls|plz)\b",
            0.5,
        ),
    )
)
"""(pattern, weight): phrases that ask for information or help without needing a '?'."""

RHETORICAL_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        # Dutch
        r"\bhoe \w+ (?:kun|kan|kunnen|ben|bent|is|zijn|was|mag) (?:je|jij|men|ze|jullie|het|u)"
        r"\b.*\bzijn\b",
        r"\bhoe (?:is|was) het (?:in godsnaam |nou |toch )?mogelijk\b",
        r"\bhoe (?:durf|durven|haal)",
        r"\bwie (?:verzint|bedenkt|doet|gelooft|heeft er nou|maakt) .*\b(?:nou|toch|zoiets)\b",
        r"\bwie (?:verzint|bedenkt) (?:dit|dat|zoiets|deze)\b",
        r"\b(?:meen je|meent u|menen jullie) (?:dat|het) (?:nou|nu)?\b",
        r"\bben (?:je|jij|jullie) (?:gek|serieus|gestoord|helemaal)\b",
        r"\b(?:wat|waar) (?:denken|dachten) (?:ze|jullie|zij)\b",
        r"\bwat (?:een|is dit voor)\b",
        r"\b(?:is dit|is dat) (?:nou|nu) (?:normaal|service|klantvriendelijk)\b",
        r"\bwaarom (?:altijd|steeds|weer) (?:ik|wij|hier)\b",
        r"\b(?:nou|toch)\s*\?",
        r"\bwaar slaat (?:dit|dat|het) op\b",
        r"\bwat (?:moet|moeten) (?:je|we) (?:daar|hier) nou mee\b",
        # English
        r"\bare (?:you|u) (?:kidding|serious|joking|insane|crazy|mad)\b",
        r"\bwhat (?:were|are|was) (?:they|you|he|she) (?:thinking|smoking|doing)\b",
        r"\bwhat (?:the|tha) (?:hell|heck|fuck|f)\b",
        r"\bwtf\b",
        r"\bwho (?:cares|does that|would do|thinks?|came up with)\b",
        r"\bhow (?:dare|stupid|dumb|hard can|could (?:they|you|anyone|someone|people))\b",
        r"\bhow \w+ can (?:you|they|people|one|it) (?:be|get)\b",
        r"\bwhy (?:would|do|does) (?:anyone|anybody|someone|people) (?:do|even)\b",
        r"\bis (?:it|this) (?:just me|really happening|a joke)\b",
        r"\bwhat(?:'s| is) wrong with (?:people|you|them|this world|the world|some people)\b",
        r"\bcan (?:you|u) (?:believe|imagine)\b",
        r"\b(?:seriously|really|srsly|rly)\s*\?",
        r"\bwhy me\b",
        r"\bwhat (?:a|an)\b",
        r"\bwho (?:knew|needs)\b",
        r"\bhow (?:sad|awful|terrible|horrible|scary|crazy|insane|lucky|cool)\b",
        r"\bwhat (?:is|has) (?:this|the) world (?:coming|come) to\b",
        r"\bisn'?t (?:it|this|that) (?:ironic|amazing|awful|sad|great)\b",
        r"\bhow (?:about|bout) (?:that|we|you)\b",
        r"\bguess (?:what|who)\b",
        r"\bright\s*\?",
        r"\bwhat if\b",
        r"\b(?:can|could) (?:this|that|it) (?:be|get) (?:real|true|worse)\b",
        r"\bis (?:this|that) (?:for real|real life)\b",
        r"\bhow (?:can|could|do|does|would) \w+ not\b",
        r"\bhow (?:is|are) (?:one|we) (?:to|supposed)\b",
        r"\b(?:do|does|did|are|is|can|could) (?:they|you|he|she|we|people|u) (?:really|seriously|honestly)\b",
        r"\bwhat do (?:you|u|ya|people) think\b",
        r"\bquestion to ask\b",
        r"\bwat (?:vind|vinden) (?:je|jij|jullie|u)\b",
        r"\b(?:denken|menen|vinden) (?:ze|jullie|zij) (?:nou|nu|echt)\b",
        r"\bwat als\b",
        r"^(?:why )?(?:isn't|aren't|can't|doesn't|don't|didn't|won't|wasn't|shouldn't|wouldn't"
        r"|couldn't|isnt|arent|cant|doesnt|dont|didnt|wont|shouldnt|wouldnt)\b",
        r"\bwhy (?:isn't|aren't|can't|doesn't|don't|didn't|won't|wasn't|isnt|arent|cant|doesnt"
        r"|dont|didnt|wont)\b",
        r"\b(?:have|did) (?:you|u|ya) (?:heard|hear|seen|see|been keeping|tried|donated|checked"
        r" out)\b",
        r"\bwould (?:you|u) like to\b",
        r"\bcan (?:you|u) (?:please |pls |plz )?(?:rt|retweet|share|follow)\b",
        r"\bwhy (?:not|bother)\s*\?",
        # speculation and opinion polls: nobody is expected to know the answer
        r"\bwhat are the (?:chances|odds)\b|\bhow about the odds\b",
        r"\bhow long (?:before|until|till) (?:we|they|someone|somebody|people)\b",
        r"\b(?:do|does|did) (?:nobody|no one|noone) (?:know|realise|realize|notice|care) that\b",
        r"\b(?:do|don't|dont) (?:you|u|ya) agree\b|\b(?:ben|bent|zijn) (?:je|jij|jullie|u) het"
        r" (?:met (?:me|mij|ons) )?eens\b",
        r"\bhow (?:was|is) (?:your|ur|je|jouw) (?:day|night|weekend|morning|dag|avond)\b",
        r"\bhoe was (?:je|jouw|uw) (?:dag|avond|weekend)\b",
        r"\b(?:happening|going on|gebeurt er) (?:to|in|with|met|in) (?:the|this|our|de|deze)"
        r" (?:world|wereld)\b",
    )
)
"""Rhetorical question forms: complaints and exclamations dressed as questions."""

SHARED_ITEM_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"\bvia @\w+",
        r"\s\|\s",
        r"\b(?:tweet|email|e-mail|send|tell|show|mail|app) (?:us|ons)\b",
        r"\b(?:by|door) @\w+\s*(?:via|$)",
        r"^\W*(?:rt\s*)?@?(?:\w*news\w*|\w*nieuws\w*|nos|nunl|ap|reuters|cnnbrk|bbcbreaking)\b:",
        # "...text rt @user": a retweet prefix after other text on the same line. Tried from
        # each line's first non-space character, and only when an '@' follows: the same
        # matches as r"\S.*\b(?:rt|mt)\s*:?\s*@\w+", which retried ".*" from every
        # position (quadratic: about 60 µs on a tweet).
        r"(?:^|(?<=\n))(?=[^@]*@)[^\S\n]*\S.*\b(?:rt|mt)\s*:?\s*@\w+",
        r"[“\"]@\w+:",
    )
)
"""Forms of a shared news item or a media call-out, checked on the raw post."""

HEADLINE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        r"\bwat (?:moet|moeten|wil) (?:je|u|jij) (?:weten|doen)\b",
        r"\bwat je (?:moet|wil) weten\b",
        r"\bdit is (?:waarom|wat|hoe)\b",
        r"\b(?:hier|zo) (?:lees|zie) je\b",
        r"\b(?:lees|kijk) (?:meer|hier|verder|mee)\b",
        r"\bwat (?:we|wij) (?:weten|nu weten)\b",
        r"\b(?:vraag en antwoord|de feiten|uitgelegd|analyse|liveblog|video|foto's)\b",
        r"\bwhat (?:you|we) (?:need to |should |must )?know\b",
        r"\bwhat we know\b",
        r"\b(?:here's|here is|this is|that's) (?:why|what|how)\b",
        r"\b(?:experts?|scientists?|officials?|police) (?:explain|say|said|says|warn|weigh)\b",
        r"\b(?:explained|explainer|analysis|opinion|editorial|live blog|live updates|read more"
        r"|watch|photos|video|pics|breaking|update)\s*(?::|$)",
        r"^(?:breaking|update|video|photos|live|watch|opinion|analysis|poll|quiz)\b",
        r"\b(?:nos|nu\.?nl|rtl nieuws|ad\.nl|telegraaf|volkskrant|bbc(?: news)?|cnn|reuters|ap"
        r"|abc news|nbc news|cbs news|fox news|guardian|sky news|huffpost|time\.com|yahoo news)"
        r"\s*(?:\)|\]|$)",
        r"[-|–]\s*(?:nos|nu\.nl|rtl nieuws|bbc news|cnn|reuters|the guardian|sky news)\b",
        r"\bvia @?(?:nos|nunl|rtlnieuws|telegraaf|bbcnews|bbcbreaking|cnn|reuters|ap|abc|nbcnews"
        r"|cbsnews|foxnews|guardian|skynews|huffingtonpost|time|yahoonews|nytimes|washingtonpost"
        r"|usatoday|latimes|abc7|7news|9news|theage|smh)\b",
        r"\b(?:poll|vote)\s*:",
    )
)
"""Headline and news-item forms: a question that a news item asks and answers itself."""

ANSWER_HOOKS = frozenset(
    [
        "here",
        "here's",
        "heres",
        "learn",
        "visit",
        "check",
        "find",
        "read",
        "watch",
        "click",
        "join",
        "donate",
        "register",
        "sign",
        "keep",
        "tweet",
        "send",
        "call",
        "lees",
        "kijk",
        "bekijk",
        "ontdek",
        "hier",
        "meld",
        "bel",
        "download",
    ]
)
"""First words of a clause that answers or advertises right after a question hook."""

# --- compiled forms (one search per table instead of one per pattern) ----------


_RHETORICAL_ANY = _any_of(RHETORICAL_PATTERNS)
_SHARED_ANY = _any_of(SHARED_ITEM_PATTERNS)
_HEADLINE_ANY = _any_of(HEADLINE_PATTERNS)
_REQUEST_ANY = _any_of(tuple(pattern for pattern, _ in REQUEST_PATTERNS))
_REQUEST_BY_WEIGHT: tuple[tuple[float, re.Pattern[str]], ...] = tuple(
    (weight, _any_of(tuple(p for p, w in REQUEST_PATTERNS if w == weight)))
    for weight in sorted({w for _, w in REQUEST_PATTERNS}, reverse=True)
)
"""Request patterns merged per weight, strongest first: the first hit is the maximum."""

# --- preprocessing ----------------------------------------------------------

_RT = re.compile(r"^\s*(?:RT|MT)\s*:?\s*@\w+\s*:?\s*", re.IGNORECASE)
_URL = re.compile(r"https?://\S*|www\.\S+|\bt\.co/\S+|http…|https…")
_LEADING_MENTIONS = re.compile(r"^(?:\s*[@.]@?\w+[:,]?)+\s*")
_MENTION = re.compile(r"@(\w+)")
_EDGE_TAGS = re.compile(r"^(?:\s*[#@]\w+[:,]?)+\s+|(?:\s+[#@]\w+[.!]?)+\s*$")
_HASHTAG = re.compile(r"#(\w+)")
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#\d+);")
_CLAUSE = re.compile(r".+?(?:[.!?;:\n]+(?=\s|$)|$)|[.!?;:]+")
_TOKEN = re.compile(r"[\w']+|[?!]")


@lru_cache(maxsize=4096)
def normalise_post(text: str) -> str:
    """The post without retweet prefix, URLs, leading @mentions and '#' signs.

    >>> normalise_post("RT @nos: Storing bij #NS in Utrecht http://t.co/abc #trein")
    'Storing bij NS in Utrecht'
    >>> normalise_post("@NS_online rijdt de trein nog?")
    'rijdt de trein nog?'
    """
    text = _ENTITY.sub(" ", text)
    while True:
        stripped = _RT.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    if "http" in text or "www." in text or "t.co/" in text:  # what every _URL form holds
        text = _URL.sub(" ", text)
    if "#" in text or "@" in text:
        text = _EDGE_TAGS.sub("", text)
    text = _LEADING_MENTIONS.sub("", text)
    text = _MENTION.sub(r"\1", text)
    text = _HASHTAG.sub(r"\1", text)
    return " ".join(text.split())  # single spaces, stripped (str.split's whitespace is \s)


def clauses(text: str) -> list[str]:
    """The clauses of a normalised post, each with its closing punctuation.

    >>> clauses("Storing bij NS: wat moet je weten? Lees meer")
    ['Storing bij NS:', 'wat moet je weten?', 'Lees meer']
    """
    return [part.strip() for part in _CLAUSE.findall(text) if part.strip()]


_COMMA_WH = re.compile(
    r",\s+((?:" + "|".join(sorted(WH_WORDS["nl"] | WH_WORDS["en"])) + r")\b[^,]*\?+)\s*$",
    re.IGNORECASE,
)


_ASKER = frozenset(
    [
        "ik",
        "we",
        "wij",
        "mijn",
        "ons",
        "onze",
        "jullie",
        "je",
        "jij",
        "u",
        "uw",
        "i",
        "my",
        "our",
        "us",
        "you",
        "your",
    ]
)
"""Who asks for help in a lead-in question: the writer or the organisation addressed."""


_WHEN_HEADS = (
    "hoe lang",
    "hoelang",
    "hoe laat",
    "tot hoe laat",
    "wanneer",
    "how long",
    "when",
    "until when",
)
"""Openings of a question about time or duration: after a statement of what is wrong it
asks what the writer needs to know ("Geen stroom hier, hoe lang gaat dit duren?")."""


def comma_question(clause: str) -> str | None:
    """The help question after a comma that a statement leads into, or None.

    Only with the writer or the addressee in it, or asking when or how long: "…, wat
    moeten we doen?" asks for help, "…, who doesn't believe in global warming now?" is
    rhetoric (in the labelled CrisisLex tweets every lead-in question without one was).

    >>> comma_question("Mijn moeder heeft thuis zuurstof, wat moeten we doen??")
    'wat moeten we doen??'
    >>> comma_question("Geen stroom hier, hoe lang gaat dit duren?")
    'hoe lang gaat dit duren?'
    >>> comma_question("Weer overstromingen, wie gelooft nog niet in klimaatverandering?")
    >>> comma_question("Hoe dan ook, de trein rijdt.") is None
    True
    """
    found = _COMMA_WH.search(clause)
    if not found:
        return None
    tail = found.group(1)
    if _ASKER.intersection(_tokens(tail)) or tail.lower().startswith(_WHEN_HEADS):
        return tail
    return None


def _tokens(clause: str) -> list[str]:
    tokens: list[str] = []
    for tok in _TOKEN.findall(clause.lower().replace("’", "'")):
        if tok in "?!":
            continue
        head = WH_CONTRACTIONS.get(tok)
        if head:
            tokens.extend((head, "is"))
        else:
            tokens.append(tok)
    while len(tokens) > 1 and tokens[0] in LEADING_FILLERS:
        tokens = tokens[1:]
    return tokens


def _lang_key(lang: str) -> str:
    return "nl" if lang == "nl" else "en"


# --- cues -------------------------------------------------------------------


def question_mark_cue(clause: str) -> float:
    """Weight of the closing punctuation: '?' for, '?!' and '!' against.

    >>> question_mark_cue("Gaat de 8.15 nog?"), question_mark_cue("Are you kidding me?!")
    (0.45, -0.1)
    """
    end = clause.rstrip()[-4:]
    if "?" in end and "!" in end:
        return -0.1  # "?!", "!?": surprise or outrage, not a request for an answer
    if end.endswith("???") or end.endswith("??"):
        return 0.35
    if end.endswith("?"):
        return 0.45
    if end.endswith("!"):
        return -0.15
    return 0.0


def wh_question_cue(tokens: list[str], lang: str) -> float:
    """A question word opening the clause and followed by a verb ("Wanneer komt", "how do").

    A pronoun right after the question word ("wanneer ik thuis kom") marks a
    subordinate clause, not a question.

    >>> wh_question_cue("wanneer komt de stroom terug".split(), "nl")
    0.55
    >>> wh_question_cue("wanneer ik thuis kom".split(), "nl") < 0.1
    True
    """
    key = _lang_key(lang)
    if not tokens or tokens[0] not in WH_WORDS[key]:
        return 0.0
    rest = tokens[1:]
    while rest and rest[0] in WH_MODIFIERS:
        rest = rest[1:]
    if not rest:
        return 0.15
    nxt = rest[0]
    if nxt in AUXILIARIES[key]:
        return 0.55
    if key == "en":
        if len(rest) > 1 and rest[1] in AUXILIARIES["en"] and nxt not in PRONOUNS["en"]:
            return 0.35  # "which trains are running", "what time does"
        if nxt.endswith("ed") or nxt in {"happens", "causes", "caused", "goes", "went"}:
            return 0.35  # "what happened", "who caused"
        if tokens[0] in {"who", "what", "which"} and nxt.endswith("s") and len(nxt) > 3:
            return 0.35  # "who needs", "what remains" (a verb in the third person)
        return 0.1
    if nxt in PRONOUNS["nl"] or nxt in SUBJECT_WORDS["nl"]:
        return 0.05
    if nxt in NOT_VERBS_NL:
        return 0.1
    if tokens[0] in {"welke", "welk", "hoeveel"}:
        return 0.35
    return 0.4 if nxt.endswith(("t", "en", "d")) or len(nxt) <= 4 else 0.25


def verb_first_cue(tokens: list[str], lang: str) -> float:
    """A finite verb opening the clause, then a subject: "Rijdt de trein", "Is there".

    >>> verb_first_cue("rijden er nog treinen".split(), "nl")
    0.55
    >>> verb_first_cue("de trein rijdt weer".split(), "nl")
    0.0
    """
    if len(tokens) < 2:
        return 0.0
    key = _lang_key(lang)
    first, second = tokens[0], tokens[1]
    if first in AUXILIARIES[key] and second in SUBJECT_WORDS[key]:
        return 0.55
    if key == "en" and first in AUXILIARIES["en"] and second not in NOT_SUBJECTS_EN:
        return 0.4  # "Is Fehlberg Park going under", "Are trains running"
    if (
        key == "nl"
        and second in SUBJECT_WORDS["nl"]
        and first not in NOT_VERBS_NL
        and first not in SUBJECT_WORDS["nl"]
        and first.endswith(("t", "en"))
        and len(first) > 3
    ):
        return 0.3  # an unknown verb before a subject: "Vertrekt de bus", "Stoppen er"
    return 0.0


def request_cue(clause: str) -> float:
    """The strongest request phrase in a clause ("weet iemand", "any idea", "graag info").

    >>> request_cue("graag info over vervangend vervoer")
    0.6
    """
    low = clause.lower().replace("’", "'")
    if not _REQUEST_ANY.search(low):
        return 0.0
    return next(weight for weight, pattern in _REQUEST_BY_WEIGHT if pattern.search(low))


def is_rhetorical(clause: str) -> bool:
    """Whether a clause is a rhetorical question or an exclamation in question form.

    >>> is_rhetorical("Wie verzint dit nou?!"), is_rhetorical("Wie weet waar de bus stopt?")
    (True, False)
    """
    return _RHETORICAL_ANY.search(clause.lower().replace("’", "'")) is not None


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    if len(words) < 4:
        return False
    capital = sum(1 for w in words if w[0].isupper())
    return capital >= 0.75 * len(words) and not text.isupper()


def headline_penalty(post: str, clause_index: int, parts: list[str]) -> float:
    """How much a clause looks like a news headline asking its own question.

    Colon before the question ("Storing bij NS: wat moet je weten?"), headline
    phrases ("wat moet je weten", "here's why", "experts explain"), title case,
    a news source named at the end.

    >>> parts = clauses("Storing bij NS: wat moet je weten?")
    >>> headline_penalty("Storing bij NS: wat moet je weten?", 1, parts) >= 0.5
    True
    """
    low = post.lower()
    penalty = 0.0
    if _HEADLINE_ANY.search(low):
        penalty += 0.7
    if clause_index > 0 and parts[clause_index - 1].rstrip().endswith(":"):
        before = parts[clause_index - 1]
        if len(before.split()) <= 8 and not re.search(
            r"\b(?:vraag|question|q)\s*:$", before.lower()
        ):
            penalty += 0.3
    if _title_case(parts[clause_index]) or (clause_index == 0 and _title_case(post)):
        penalty += 0.6
    if after := parts[clause_index + 1 : clause_index + 2]:
        first = after[0].split()[0].lower().strip(":,.!") if after[0].split() else ""
        if parts[clause_index].rstrip().endswith("?") and first in ANSWER_HOOKS:
            penalty += 0.5  # "Want to help? Visit ...", "Don't know what to do? Here are tips"
    after = parts[clause_index + 1 :]
    if after and parts[clause_index].rstrip().endswith("?"):
        follow = " ".join(after)
        # "Why is X so fragile? Experts explain" — answered right after the question.
        if re.match(r"^(?:[A-Z][\w'-]*\s?){1,4}[.:]?$", follow.strip()) and not re.search(
            r"\b(?:please|pls|plz|thanks|thx|graag|alvast|bedankt|dank)\b", follow.lower()
        ):
            penalty += 0.2
    return penalty


_LINK = re.compile(r"https?://|www\.|\bt\.co/|\bhtt?p?s?…")
_REPLY = re.compile(r"^\s*[.]?@\w+")


def _may_link(text: str) -> bool:
    """False when ``_LINK`` cannot match: each of its forms holds one of these."""
    return "//" in text or "www." in text or "t.co/" in text or "…" in text


LINK_PENALTY = 0.55
"""A question next to a link teases what the link answers (a shared article or photo):
large enough that only a request phrase or a reply keeps a linked post a question."""


def link_penalty(text: str, clause: str) -> float:
    """Penalty for a question clause in a post that carries a link.

    A post that asks and links ("Is climate change to blame? http://...") is
    almost always a shared news item or a teaser; the link answers it. Not
    penalised: request phrases ("does anyone know ... http://map") and replies
    addressed to someone (the post opens with @user), which ask that person.
    ``text`` is the raw post, URLs included.

    >>> link_penalty("Will the dam hold? http://news.example/dam", "Will the dam hold?")
    0.55
    >>> link_penalty("Does anyone know if this road is open? http://x.example/map",
    ...              "Does anyone know if this road is open?")
    0.0
    >>> link_penalty("@NS_online rijdt deze trein nog? https://x.example/foto", "rijdt deze trein nog?")
    0.0
    """
    if not _may_link(text) or not _LINK.search(text) or _REPLY.match(text):
        return 0.0
    return 0.0 if request_cue(clause) > 0 else LINK_PENALTY


# --- score ------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _clause_score(clause: str, lang: str) -> float:
    """Score of one clause before post-level penalties (cached: the focus text asks again)."""
    tokens = _tokens(clause)
    if not tokens:
        return 0.0
    score = question_mark_cue(clause)
    grammar = max(wh_question_cue(tokens, lang), verb_first_cue(tokens, lang))
    request = request_cue(clause)
    score += max(grammar, request) + 0.5 * min(grammar, request)
    if score <= 0.0:
        return score  # nothing asks; the penalties below would only lower it
    if is_rhetorical(clause):
        score -= 0.8
    if len(tokens) < 2 and score < 0.5:
        score -= 0.2
    return score


def question_score(text: str, lang: str) -> float:
    """Score in [0, 1] that a post asks for information or help (not rhetorically).

    ``lang`` picks the grammar rules (``"nl"``; anything else uses English);
    request phrases of both languages are always checked.

    >>> question_score("weet iemand hoe lang dit nog duurt", "nl") >= 0.5
    True
    >>> question_score("Hoe is het mogelijk?!", "nl")
    0.0
    >>> question_score("De trein rijdt weer.", "nl")
    0.0
    """
    post = normalise_post(text)
    if not post:
        return 0.0
    shared: float | None = None  # looked up only when some clause asks something
    parts = clauses(post)
    best = 0.0
    for index, clause in enumerate(parts):
        score = _clause_score(clause, lang)
        if clause.endswith("?") and (tail := comma_question(clause)):
            # "Mijn moeder heeft thuis zuurstof, wat moeten we doen?": the statement leads in
            score = max(score, _clause_score(tail, lang))
        if score <= best:
            continue  # the penalties below only lower a score
        if shared is None:
            shared = 0.3 if _SHARED_ANY.search(text.lower()) else 0.0
        score -= headline_penalty(post, index, parts) + shared
        score -= link_penalty(text, clause)
        best = max(best, score)
    return float(min(1.0, max(0.0, best)))
