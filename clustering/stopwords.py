"""Stop words for cluster labels: Dutch and English, plus social-media noise.

>>> "de" in STOP_WORDS and "the" in STOP_WORDS and "rt" in STOP_WORDS
True
"""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

DUTCH = """
aan af al alle alleen als altijd andere ben bij daar dan dat de der deze die dit doch doen
door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun
iemand iets ik in is ja je jij jou jouw jullie kan kon kunnen maar me meer men met mij mijn
moet moeten na naar niet niets nog nu of om omdat ons onze ook op over reeds te tegen toch
toen tot u uit uw van veel voor want waren was wat we wel werd wezen wie wij wil worden
wordt zal ze zelf zich zij zijn zo zonder zou zouden hè he hé nou even gewoon echt weer
heel erg toch eigenlijk misschien waarom wanneer waar welke hoeveel weet iemand iets graag
jullie jouw jij je u uw hun haar hen wat wie hoe dan dus al nog ook wel niet geen vandaag
gisteren morgen straks vanochtend vanmorgen vanavond nu meer mee kun kunt kunnen mag mogen
""".split()

SOCIAL = """
rt via amp http https www com nl co t lol haha pff jeetje omg pls plz thx tnx dm
""".split()

STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) | frozenset(DUTCH) | frozenset(SOCIAL)
