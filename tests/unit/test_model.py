import pytest

from radar.model import Mention, mask_personal_data, pseudonymise

pytestmark = pytest.mark.unit


def test_same_text_source_and_url_give_the_same_id():
    a = Mention.create("Trein  rijdt NIET", source="x", url="u")
    b = Mention.create("trein rijdt niet", source="x", url="u")
    c = Mention.create("trein rijdt niet", source="y", url="u")
    assert a.id == b.id != c.id


def test_given_id_is_kept():
    assert Mention.create("x", id="abc").id == "abc"


def test_personal_data_is_masked():
    text = "Mail me op piet.jansen@example.nl of bel +31 6 12345678, trein 8.15 gaat niet"
    masked = mask_personal_data(text)
    assert "piet.jansen" not in masked and "12345678" not in masked
    assert "trein 8.15 gaat niet" in masked


def test_pseudonyms_depend_on_the_key():
    assert pseudonymise("@jan", b"a") != pseudonymise("@jan", b"b")
    assert pseudonymise("@jan", b"a").startswith("anon-")
