"""Property tests for filmcrawl.normalize: never raise, idempotent, in range."""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from filmcrawl import normalize as n

# Text biased towards the characters the parsers care about, plus fully random text.
_ALPHABET = st.sampled_from(
    list("0123456789 .,:/-|()[]&+$€£¥%'\"hmsPTDHMSKkx")
    + ["min", "hr", "Watch ", "Stream ", "Online", "Movie", "(1999)", ", The", " | ", " - ",
       "&amp;", "\u00a0", "\u200b", "\n\n", "Ã©", "PG-13", "Rated ", "UHD", "en-", "Sci-Fi", "as ",
       "(voice)", "Netflix", "Prime", "Free", "Rent", "Buy", " logo", "by "]
)
TEXTISH = st.one_of(st.text(), st.lists(_ALPHABET, max_size=12).map("".join))
ANYTHING = st.one_of(
    st.none(),
    TEXTISH,
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.binary(max_size=40),
    st.lists(st.text(max_size=10), max_size=4),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)

STR_TO_STR = [
    n.clean_text,
    n.clean_title,
    n.clean_name,
    n.clean_character,
    n.clean_content_rating,
    n.clean_synopsis,
    n.canonical_genre,
    n.canonical_provider,
    n.offer_type,
    n.parse_quality,
    n.parse_region,
]
ALL_FUNCS = STR_TO_STR + [
    n.title_year,
    n.parse_year,
    n.parse_runtime,
    n.parse_seconds_runtime,
    n.parse_rating,
    n.parse_votes,
    n.canonical_genres,
    n.parse_price,
]
_ids = [f.__name__ for f in ALL_FUNCS]


@pytest.mark.parametrize("func", ALL_FUNCS, ids=_ids)
@given(value=ANYTHING)
def test_never_raises(func, value):
    func(value)


@pytest.mark.parametrize("func", ALL_FUNCS, ids=_ids)
def test_none_gives_empty(func):
    expected = {n.canonical_genres: [], n.parse_price: (None, None)}.get(func)
    assert func(None) == expected


@pytest.mark.parametrize("func", STR_TO_STR, ids=[f.__name__ for f in STR_TO_STR])
@given(value=TEXTISH)
def test_idempotent_and_str_or_none(func, value):
    once = func(value)
    assert once is None or (isinstance(once, str) and once != "")
    if once is not None:
        assert func(once) == once


@given(value=TEXTISH)
def test_clean_text_has_no_edge_or_double_whitespace(value):
    out = n.clean_text(value)
    if out is not None:
        assert out == out.strip()
        assert "  " not in out
        assert not re.search(r"[\n\t\u00a0\u200b]", out)


@given(value=ANYTHING)
def test_title_year_range(value):
    out = n.title_year(value)
    assert out is None or (isinstance(out, int) and 1870 <= out <= 2100)


@given(value=ANYTHING)
def test_parse_year_range(value):
    out = n.parse_year(value)
    assert out is None or (type(out) is int and 1870 <= out <= 2100)


@pytest.mark.parametrize("func", [n.parse_runtime, n.parse_seconds_runtime])
@given(value=ANYTHING)
def test_runtime_range(func, value):
    out = func(value)
    assert out is None or (type(out) is int and 1 <= out <= 1000)


@given(value=ANYTHING, scale=st.sampled_from([10, 5, 100, 0, -1, None, "x", 10.0]))
def test_rating_range(value, scale):
    out = n.parse_rating(value, scale=scale)
    if out is not None:
        assert isinstance(out, float)
        assert 0 < out <= scale
        assert round(out, 1) == out


@given(value=ANYTHING)
def test_votes_range(value):
    out = n.parse_votes(value)
    assert out is None or (type(out) is int and out >= 0)


@given(value=st.one_of(ANYTHING, st.lists(TEXTISH, max_size=6)))
def test_canonical_genres_shape_and_idempotence(value):
    out = n.canonical_genres(value)
    assert isinstance(out, list)
    assert len(out) == len(set(out))
    assert all(isinstance(g, str) and g for g in out)
    assert n.canonical_genres(out) == out
    assert "Movies" not in out and "Film" not in out


@given(value=TEXTISH)
def test_canonical_genre_is_member_of_canonical_genres(value):
    single = n.canonical_genre(value)
    many = n.canonical_genres([value])
    if single is not None:
        assert single in many


@given(value=ANYTHING)
def test_clean_name_limits(value):
    out = n.clean_name(value)
    if out is not None:
        assert len(out) <= 80
        assert len(out.split()) <= 6
        assert any(c.isalpha() for c in out)


@given(value=ANYTHING)
def test_content_rating_range(value):
    out = n.clean_content_rating(value)
    assert out is None or out in n.CONTENT_RATINGS or out in n.FOREIGN_CONTENT_RATINGS


@given(value=st.one_of(TEXTISH, st.text(min_size=0, max_size=30000)))
def test_synopsis_limits(value):
    out = n.clean_synopsis(value)
    if out is not None:
        assert len(out) <= n.SYNOPSIS_MAX_CHARS
        assert "\n\n\n" not in out
        assert out == out.strip()


@given(value=ANYTHING)
def test_offer_type_range(value):
    out = n.offer_type(value)
    assert out is None or out in n.OFFER_TYPES


@given(value=ANYTHING, default=st.one_of(st.none(), st.sampled_from(["usd", "CAD", "eur", "xx", "€"]), st.text()))
def test_parse_price_shape(value, default):
    out = n.parse_price(value, default_currency=default)
    assert isinstance(out, tuple) and len(out) == 2
    amount, currency = out
    if amount is not None:
        assert isinstance(amount, float) and math.isfinite(amount) and amount >= 0
    if currency is not None:
        assert re.fullmatch(r"[A-Z]{3}", currency)
    if amount is None:
        assert currency is None


@given(value=ANYTHING)
def test_quality_range(value):
    out = n.parse_quality(value)
    assert out is None or out in n.QUALITIES


@given(value=ANYTHING)
def test_region_range(value):
    out = n.parse_region(value)
    assert out is None or (out in n.ISO_COUNTRIES and re.fullmatch(r"[A-Z]{2}", out))


@given(value=TEXTISH)
def test_canonical_provider_known_names_are_fixed_points(value):
    out = n.canonical_provider(value)
    if out is not None and out in set(n.PROVIDER_ALIASES.values()):
        assert n.canonical_provider(out) == out


@pytest.mark.parametrize("canonical", sorted(set(n.PROVIDER_ALIASES.values())))
def test_every_canonical_provider_maps_to_itself(canonical):
    assert n.canonical_provider(canonical) == canonical


@pytest.mark.parametrize("alias", sorted(n.PROVIDER_ALIASES))
def test_every_provider_alias_resolves(alias):
    assert n.canonical_provider(alias) == n.PROVIDER_ALIASES[alias]
    assert n.canonical_provider(alias.upper()) == n.PROVIDER_ALIASES[alias]


@pytest.mark.parametrize("genre", n.CANONICAL_GENRES)
def test_every_canonical_genre_maps_to_itself(genre):
    assert n.canonical_genre(genre) == genre
    assert n.canonical_genre(genre.upper()) == genre
    assert n.canonical_genres([genre]) == [genre]


# plain ASCII skips ftfy: the shortcut must give what the full cleaning gives
_ASCII = st.text(alphabet=st.characters(max_codepoint=127), max_size=60)
_MIXED = st.lists(st.one_of(_ALPHABET, st.sampled_from(["\r\n", "\r", "\x1b[31m", "\x00", "\x0b", "\x1c", "\t", "<p>",
                                                        "&#39;", "caf\u00e9", "\u201cq\u201d"])), max_size=12).map("".join)


@given(st.one_of(_ASCII, _MIXED, TEXTISH))
def test_clean_text_shortcut_equals_full_cleaning(s):
    assert n._clean_text_once(s) == n._clean_text_full(s)
    assert n._fix_text(s) == n.ftfy.fix_text(s)


@pytest.mark.parametrize("s", ["Tom &amp; Jerry", "a\r\nb", "x\x1b[1my", "\x00a", "a\x0bb", "a\x1cb", "  a \t b\n", ""])
def test_clean_text_shortcut_edges(s):
    assert n._clean_text_once(s) == n._clean_text_full(s)
    assert n._plain_ascii(s) == (s in ("  a \t b\n", ""))
