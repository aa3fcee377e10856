"""English sentiment lexicon for crisis and webcare language (data only).

Same format as the Dutch lexicon: weights from -3 to +3, phrases first.

>>> WORDS["disgrace"] < 0 < WORDS["thanks"]
True
"""

from __future__ import annotations

from types import MappingProxyType

from radar.enrich._lexicon_nl import _parse

WORDS = _parse(
    """
    outage -1.5, outages -1.5, delay -1.2, delays -1.2, delayed -1.2, disruption -1.4,
    disrupted -1.3, cancelled -1.3, canceled -1.3, broken -1.5, down -0.5, failure -1.8,
    failed -1.6, fail -1.8, fails -1.7, disgrace -2.6, disgraceful -2.6, disgusting -2.6,
    disgusted -2.5, shameful -2.4, shame -2.0, ridiculous -2.2, absurd -2.0, useless -2.4,
    pathetic -2.4, worthless -2.4, joke -1.2, furious -2.8, angry -2.2, anger -2.0,
    mad -1.8, livid -2.8, outraged -2.6, outrage -2.4, pissed -2.3, annoyed -1.8,
    annoying -1.8, frustrated -2.0, frustrating -2.0, frustration -2.0, upset -2.0,
    scared -2.0, afraid -2.0, fear -2.0, fears -1.9, frightened -2.2, terrified -2.7,
    terrifying -2.6, scary -2.0, panic -2.2, worried -1.7, worry -1.5, worrying -1.7,
    anxious -1.8, nervous -1.5, concerned -1.3, sad -2.0, saddened -2.2, sadness -2.0,
    heartbroken -2.6, heartbreaking -2.6, devastated -2.6, devastating -2.5,
    tragic -2.5, tragedy -2.4, terrible -2.6, horrible -2.6, horrific -2.7, awful -2.5,
    dreadful -2.4, bad -1.8, worse -2.0, worst -2.6, poor -1.5, crap -2.0, crappy -2.1,
    shit -2.0, shitty -2.2, damn -1.4, dammit -1.6, hell -1.6, wtf -2.0, fuck -2.3,
    fucking -1.8, sucks -2.2, suck -2.0, hate -2.6, hated -2.4, horrendous -2.6,
    unacceptable -2.4, incompetent -2.4, incompetence -2.4, clueless -2.0, stupid -2.0,
    idiot -2.2, idiots -2.2, dumb -1.8, insane -1.6, crazy -1.2, chaos -1.8, mess -1.8,
    nightmare -2.4, disaster -2.2, catastrophe -2.4, catastrophic -2.5, crisis -1.5,
    danger -1.8, dangerous -2.0, threat -1.8, unsafe -2.0, damage -1.5, damaged -1.5,
    destroyed -2.2, destruction -2.2, injured -2.0, injuries -2.0, hurt -1.8, pain -1.8,
    dead -2.4, death -2.4, deaths -2.4, died -2.3, die -2.3, dying -2.4, killed -2.6,
    kill -2.6, killing -2.6, victims -1.8, victim -1.8, missing -1.3, lost -1.4,
    stranded -1.8, stuck -1.5, trapped -2.0, evacuate -1.0, evacuated -1.0, flood -1.2,
    flooding -1.2, fire -1.0, explosion -2.0, bomb -2.2, bombing -2.4, shooting -2.4,
    crash -2.0, collapse -1.8, collapsed -1.8, sick -1.6, ill -1.5, cry -1.6, crying -1.7,
    tears -1.5, grief -2.2, mourn -2.0, sorry -0.6, unfortunately -1.2, sadly -1.6,
    ugh -1.6, argh -1.6, nope -0.8, complaint -1.3, complain -1.2, scam -2.4, fraud -2.3,
    lie -1.8, lies -2.0, lied -2.0, liar -2.2, fake -1.5, ignored -1.8, rude -2.0,
    slow -1.2, waiting -0.6, wait -0.4, hours -0.3, again -0.4, evil -2.6, senseless -2.2,
    cowardly -2.2, coward -2.2, helpless -2.2, hopeless -2.4, desperate -2.0,
    lonely -1.8, miserable -2.4, unhappy -2.0, disappointed -2.0, disappointing -2.0,
    disappointment -2.0, problem -1.3, problems -1.4, issue -1.0, issues -1.0,
    error -1.3, wrong -1.4, hazardous -2.0, unhealthy -1.6, smoke -0.6, poison -2.0,
    thanks 2.0, thank 2.0, thankful 2.3, grateful 2.4, appreciate 2.2, appreciated 2.2,
    finally 1.0, relieved 2.3, relief 1.0, great 2.4, good 1.7, nice 1.8, excellent 2.6,
    amazing 2.6, awesome 2.6, fantastic 2.7, wonderful 2.6, brilliant 2.5, superb 2.6,
    perfect 2.4, love 2.4, loved 2.3, loving 2.1, lovely 2.2, happy 2.2, glad 2.0,
    pleased 2.0, delighted 2.5, excited 2.0, fun 1.8, enjoy 1.8, best 2.0, better 1.2,
    well 0.6, fine 1.2, okay 0.6, ok 0.5, safe 1.6, safely 1.5, saved 1.8, rescued 1.8,
    survived 1.6, survivor 0.8, survivors 0.8, hope 1.0, hopefully 0.8, hopeful 1.6,
    pray 0.6, prayers 0.8, praying 0.6, bless 1.6, blessed 2.0, blessing 2.0,
    hero 2.2, heroes 2.2, heroic 2.2, brave 2.0, bravery 2.0, courage 2.0,
    proud 2.2, pride 1.6, respect 1.8, kudos 2.4, congrats 2.4, congratulations 2.4,
    support 1.2, supportive 1.8, helpful 2.0, help 0.4, helping 1.2, kind 1.6,
    kindness 2.2, generous 2.2, generosity 2.2, solidarity 1.8, strong 1.2, stronger 1.2,
    resolved 1.8, fixed 1.8, restored 1.8, working 0.4, reopened 1.4, reopen 1.0,
    quick 1.0, quickly 0.8, fast 0.8, smooth 1.4, calm 1.0, peace 1.6, peaceful 1.8,
    beautiful 2.4, cool 1.5, yay 2.2, hooray 2.4, woohoo 2.4, lol 0.8, haha 1.2,
    welcome 1.4, cheers 1.6, legend 2.2, legends 2.2, champion 2.0, win 1.8, won 1.6,
    success 2.0, successful 2.0, trust 1.4, honest 1.6, clear 0.8, incredible 1.6,
    impressive 2.2, impressed 2.2, friend 1.0, friends 1.0, dear 1.2, sweet 1.8,
    darling 1.8, honey 1.4, yes 1.2, yeah 0.8, sure 0.6, right 0.3, wow 1.0, lucky 1.8,
    luckily 1.6, fortunately 1.6, thankfully 2.0, gorgeous 2.4, smile 1.6, laugh 1.4,
    laughing 1.4, alive 1.2, recovered 1.8, recovery 1.0, rebuild 0.8, volunteers 1.0,
    donate 0.8, donations 0.8, murder -2.6, murdered -2.7, shot -1.8, blood -1.4,
    enemy -1.8, war -1.8, bastard -2.6, asshole -2.6, congratulations 2.6, beloved 2.2
    """
)
"""Single-word weights."""

PHRASES = _parse(
    """
    great job 2.8, good job 2.4, well done 2.4, nice work 2.4, great work 2.6,
    thank you 2.4, thanks a lot 2.4, thank you so much 2.8, many thanks 2.4,
    no problem 1.2, no worries 1.2, not bad 0.8, not too bad 0.8, no issues 1.0,
    back on 1.4, power is back 1.8, power back 1.6, back up 1.0, up and running 1.8,
    running again 1.6, working again 1.6, all clear 1.6, safe and sound 2.2,
    not working -1.6, doesn't work -1.6, does not work -1.6, no power -1.6,
    no electricity -1.6, no water -1.4, no service -1.6, no signal -1.4, no internet -1.6,
    no response -1.6, no answer -1.5, no info -1.5, no information -1.5, no update -1.4,
    no updates -1.4, still waiting -1.6, on hold -1.2, for hours -1.2, hours late -1.8,
    fed up -2.2, sick of -2.2, tired of -1.8, had enough -2.0, let down -2.0,
    what a joke -2.4, what a mess -2.4, what a shame -2.0, what the hell -2.0,
    oh no -1.8, oh my god -1.0, omg -0.8, rest in peace -1.0, rip -1.0,
    thoughts and prayers 0.4, stay safe 1.0, be safe 1.0, take care 1.2,
    good news 2.0, bad news -2.0, i love 2.4, love you 2.4, i hate -2.6,
    piss off -2.4, shut up -2.0, screw you -2.6, go to hell -2.6, shut down -1.0,
    broke down -1.6, cut off -1.4, pass away -2.2, passed away -2.2
    """
)
"""Multi-word expressions, matched before single words."""

NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "without",
        "cannot",
        "cant",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "wont",
        "wouldnt",
        "shouldnt",
        "couldnt",
        "hasnt",
        "havent",
        "hadnt",
        "ain't",
        "n't",
    ]
)
"""Words that flip the polarity of the next few words."""

INTENSIFIERS = MappingProxyType(
    {
        "very": 1.5,
        "really": 1.4,
        "so": 1.3,
        "extremely": 1.7,
        "totally": 1.5,
        "absolutely": 1.6,
        "incredibly": 1.7,
        "super": 1.5,
        "completely": 1.5,
        "utterly": 1.7,
        "too": 1.2,
        "truly": 1.4,
        "highly": 1.4,
        "deeply": 1.5,
        "seriously": 1.3,
        "terribly": 1.6,
        "awfully": 1.5,
        "such": 1.3,
        "fucking": 1.5,
        "most": 1.3,
        "more": 1.2,
        "quite": 1.1,
        "pretty": 1.1,
    }
)
"""Words that strengthen the next sentiment word (factor)."""

DOWNTONERS = MappingProxyType(
    {
        "slightly": 0.6,
        "somewhat": 0.6,
        "bit": 0.6,
        "little": 0.7,
        "kinda": 0.7,
        "kind": 0.8,
        "sort": 0.8,
        "fairly": 0.8,
        "rather": 0.8,
        "barely": 0.5,
        "hardly": 0.5,
        "maybe": 0.8,
        "less": 0.6,
    }
)
"""Words that soften the next sentiment word (factor)."""

CONTRAST = frozenset(["but", "however", "though", "although", "yet", "nevertheless"])
"""Words after which the clause weighs more than the one before."""
