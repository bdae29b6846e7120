"""Open Graph family: og:type gate and every field."""

from __future__ import annotations

import pytest
from parsel import Selector

from filmcrawl.extract.opengraph import OpenGraphPage, name_from_ref

URL = "https://watch.example.com/movie/videodrome"
LONG = "A sleazy cable-TV programmer begins to see his life and the future of media spin out of control."


def page(*metas: tuple[str, str], attr: str = "property") -> OpenGraphPage:
    tags = "".join(f'<meta {attr}="{p}" content="{c}">' for p, c in metas)
    return OpenGraphPage(Selector(text=f"<html><head>{tags}</head><body></body></html>"), URL)


MOVIE = ("og:type", "video.movie")

FULL = page(
    MOVIE,
    ("og:title", "Videodrome (1983) - Where to Watch"),
    ("og:description", LONG),
    ("video:release_date", "1983-02-04"),
    ("video:duration", "5340"),
    ("video:director", "David Cronenberg"),
    ("video:writer", "David Cronenberg"),
    ("video:actor", "James Woods"),
    ("video:actor:role", "Max Renn"),
    ("video:actor", "Debbie Harry"),
    ("video:actor", "Sonja Smits"),
    ("video:actor:role", "Bianca O'Blivion"),
    ("video:tag", "horror"),
)

FULL_CASES = [
    ("title", "title", "Videodrome (1983) - Where to Watch"),
    ("year", "year", "1983-02-04"),
    ("runtime", "runtime", "PT5340S"),
    ("synopsis", "synopsis", LONG),
    ("directors", "directors", ["David Cronenberg"]),
    ("writers", "writers", ["David Cronenberg"]),
    (
        "cast",
        "cast",
        [
            {"name": "James Woods", "character": "Max Renn"},
            {"name": "Debbie Harry", "character": None},
            {"name": "Sonja Smits", "character": "Bianca O'Blivion"},
        ],
    ),
    ("genres_not_from_tags", "genres", []),
    ("no_offers", "offers", []),
    ("no_rating", "imdb_rating", None),
    ("kind", "kind", "film"),
    ("applies", "applies", True),
]


@pytest.mark.parametrize("field,expected", [c[1:] for c in FULL_CASES], ids=[c[0] for c in FULL_CASES])
def test_full_page(field, expected):
    assert getattr(FULL, field)() == expected


KIND_CASES = [
    ("movie", "video.movie", "film", True),
    ("movie_case", " Video.Movie ", "film", True),
    ("tv_show", "video.tv_show", "series", True),
    ("episode", "video.episode", "series", True),
    ("article", "article", None, False),
    ("website", "website", None, False),
    ("other_video", "video.other", None, False),
]


@pytest.mark.parametrize("og_type,kind,applies", [c[1:] for c in KIND_CASES], ids=[c[0] for c in KIND_CASES])
def test_kind(og_type, kind, applies):
    p = page(("og:type", og_type), ("og:title", "X"))
    assert (p.kind(), p.applies()) == (kind, applies)


def test_no_og_type():
    p = page(("og:title", "X"))
    assert (p.kind(), p.applies(), p.title()) == (None, False, None)


def test_name_attribute_accepted():
    p = page(("og:type", "video.movie"), ("og:title", "Videodrome"), attr="name")
    assert p.title() == "Videodrome"


FIELD_CASES = [
    ("year_from_title", [("og:title", "Videodrome (1983)")], "year", "1983"),
    ("year_release_date_wins", [("og:title", "Videodrome (1983)"), ("video:release_date", "1983-02-04")], "year", "1983-02-04"),
    ("no_year", [("og:title", "Videodrome")], "year", None),
    ("runtime_seconds", [("video:duration", "7320")], "runtime", "PT7320S"),
    ("runtime_float", [("video:duration", "7320.0")], "runtime", "PT7320S"),
    ("runtime_garbage", [("video:duration", "two hours")], "runtime", None),
    ("short_description", [("og:description", "Watch Videodrome online.")], "synopsis", None),
    ("director_url_slug", [("video:director", "https://x.com/person/david-cronenberg")], "directors", ["David Cronenberg"]),
    ("director_url_id_slug", [("video:director", "https://x.com/person/1234-brad-fraser")], "directors", ["Brad Fraser"]),
    ("director_url_opaque", [("video:director", "https://www.imdb.com/name/nm0000343/")], "directors", []),
    ("director_url_not_person", [("video:director", "https://x.com/movie/the-fly")], "directors", []),
    ("director_na", [("video:director", "N/A")], "directors", []),
    ("directors_dedupe", [("video:director", "A B"), ("video:director", "A B")], "directors", ["A B"]),
    (
        "role_after_url_actor_not_misattached",
        [("video:actor", "James Woods"), ("video:actor", "https://x.com/title/123"), ("video:actor:role", "Nicki")],
        "cast",
        [{"name": "James Woods", "character": None}],
    ),
    (
        "actor_url_slug",
        [("video:actor", "https://x.com/actors/james-woods"), ("video:actor:role", "Max Renn")],
        "cast",
        [{"name": "James Woods", "character": "Max Renn"}],
    ),
]


@pytest.mark.parametrize("metas,field,expected", [c[1:] for c in FIELD_CASES], ids=[c[0] for c in FIELD_CASES])
def test_fields(metas, field, expected):
    assert getattr(page(MOVIE, *metas), field)() == expected


def test_fields_empty_when_not_applicable():
    p = page(("og:type", "article"), ("og:title", "News"), ("video:director", "A B"), ("og:description", LONG))
    assert p.fields() == {}


@pytest.mark.parametrize(
    "value,expected",
    [
        ("Brad Fraser", "Brad Fraser"),
        ("  Brad   Fraser ", "Brad Fraser"),
        ("/person/brad-fraser", "Brad Fraser"),
        ("https://site.com/people/brad_fraser.html", "Brad Fraser"),
        ("https://site.com/person/brad-fraser/", "Brad Fraser"),
        ("https://site.com/person/12345", None),
        ("https://site.com/brad-fraser", None),
        ("https://site.com/person/x1-y2", None),
        ("", None),
    ],
)
def test_name_from_ref(value, expected):
    assert name_from_ref(value) == expected
