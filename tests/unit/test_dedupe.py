import pytest

from radar.dedupe import canonical_text, near_key, near_key_of_text
from radar.model import Mention

pytestmark = pytest.mark.unit

STORY = "Treinverkeer rond Utrecht ligt plat door een storing"


@pytest.mark.parametrize(
    "copy",
    [
        f"RT @NOS: {STORY}",
        f"RT @NOS: RT @ProRail: {STORY}",
        f"rt @nos {STORY}!",
        f"MT @NOS: {STORY}",
        f'"@NOS: {STORY}"',
        f"“@NOS: {STORY}”",
        f"@NS_online @ProRail {STORY}",
        f"{STORY} https://t.co/AbC123",
        f"{STORY} https://nos.nl/artikel/1?utm_source=twitter&utm_medium=social",
        f"{STORY} via @NOS",
        f"{STORY.upper()}…",
        f"{STORY.replace('Utrecht', '#Utrecht')}",
        f"{STORY}  &amp; https://bit.ly/x",
    ],
)
def test_copies_of_a_story_share_its_near_key(copy):
    assert near_key_of_text(copy) == near_key_of_text(STORY) is not None


@pytest.mark.parametrize(
    "other",
    [
        "Treinverkeer rond Amersfoort ligt plat door een storing",
        "Treinverkeer rond Utrecht ligt niet plat",
        f"Waarom? {STORY}",
    ],
)
def test_different_stories_keep_different_keys(other):
    assert near_key_of_text(other) != near_key_of_text(STORY)


@pytest.mark.parametrize("short", ["Help!", "RT @x: Help!", "Trein rijdt niet", "@ns waarom dan?"])
def test_short_texts_keep_their_exact_key_only(short):
    assert near_key_of_text(short) is None


def test_canonical_text_keeps_words_in_any_script():
    assert (
        canonical_text("RT @x: Incêndio destrói ARMAZÉM! #Lisboa")
        == "incêndio destrói armazém lisboa"
    )


def test_feed_items_are_keyed_by_title_so_syndicated_copies_collapse():
    def item(source, summary, url):
        return Mention.create(
            f"Storing treft treinverkeer rond Utrecht. {summary}",
            source=source,
            source_type="rss",
            url=url,
            extra={"title": "Storing treft treinverkeer rond Utrecht"},
        )

    nos = item("nos", "Geen treinen tot 12 uur.", "https://nos.nl/1")
    ad = item("ad", "Reizigers stranden op Utrecht Centraal.", "https://ad.nl/2?utm_source=rss")
    assert nos.id != ad.id
    assert near_key(nos) == near_key(ad)
    # a non-feed mention with the same text is keyed by its text, not a title
    post = Mention.create(nos.text, source="x", source_type="push", extra={"title": "iets"})
    assert near_key(post) == near_key_of_text(nos.text)


def test_short_feed_title_falls_back_to_the_text():
    a = Mention.create(
        "Update. De storing is voorbij en treinen rijden weer",
        source="a",
        source_type="atom",
        extra={"title": "Update"},
    )
    b = Mention.create(
        "Update. Morgen meer nieuws over de afgelopen storing",
        source="b",
        source_type="atom",
        extra={"title": "Update"},
    )
    assert near_key(a) != near_key(b)
