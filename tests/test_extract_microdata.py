"""Microdata family: item parsing, property ownership and every field."""

from __future__ import annotations

import pytest
from parsel import Selector

from filmcrawl.extract.microdata import MicrodataPage, microdata_items

URL = "https://watch.example.com/movie/spider-man"
S = "https://schema.org/"


def page(inner: str, body_extra: str = "", itemtype: str = "http://schema.org/Movie", url: str = URL) -> MicrodataPage:
    html = (
        f'<html><body><div itemscope itemtype="{itemtype}">{inner}</div>{body_extra}</body></html>'
    )
    return MicrodataPage(Selector(text=html), url)


def person(prop: str, name: str, extra: str = "") -> str:
    return (
        f'<div itemprop="{prop}" itemscope itemtype="{S}Person">'
        f'<a href="/person/x" itemprop="url"><span itemprop="name">{name}</span></a>{extra}</div>'
    )


FULL = (
    '<h1 itemprop="name">Spider-Man</h1>'
    '<meta itemprop="datePublished" content="2002-05-03">'
    '<time itemprop="duration" datetime="PT2H1M">2h 1m</time>'
    '<span itemprop="genre">Action</span>, <span itemprop="genre">Adventure</span>'
    '<span itemprop="contentRating">PG-13</span>'
    '<p itemprop="description">A bitten   student\n becomes a hero.</p>'
    + person("director", "Sam Raimi")
    + person("author", "David Koepp")
    + f'<div itemprop="creator" itemscope itemtype="{S}Organization"><span itemprop="name">Columbia</span></div>'
    + person("actor", "Tobey Maguire", '<span itemprop="characterName">Peter Parker</span>')
    + person("actor", "Kirsten Dunst")
    + f'<div itemprop="aggregateRating" itemscope itemtype="{S}AggregateRating">IMDb '
    '<span itemprop="ratingValue">7.4</span>/<span itemprop="bestRating">10</span> '
    '(<span itemprop="ratingCount">900,000</span>)</div>'
)

FIELD_CASES = [
    ("title", "title", "Spider-Man"),
    ("year", "year", "2002-05-03"),
    ("runtime", "runtime", "PT2H1M"),
    ("genres", "genres", ["Action", "Adventure"]),
    ("content_rating", "content_rating", "PG-13"),
    ("synopsis", "synopsis", "A bitten student becomes a hero."),
    ("directors", "directors", ["Sam Raimi"]),
    ("writers", "writers", ["David Koepp"]),
    ("cast", "cast", [{"name": "Tobey Maguire", "character": "Peter Parker"},
                      {"name": "Kirsten Dunst", "character": None}]),
    ("imdb_rating", "imdb_rating", "7.4"),
    ("imdb_votes", "imdb_votes", "900,000"),
    ("kind", "kind", "film"),
    ("applies", "applies", True),
]


@pytest.mark.parametrize("field,expected", [c[1:] for c in FIELD_CASES], ids=[c[0] for c in FIELD_CASES])
def test_full_item_fields(field, expected):
    assert getattr(page(FULL), field)() == expected


VARIANT_CASES = [
    ("date_text", '<span itemprop="datePublished">2002</span>', "year", "2002"),
    ("date_time_el", '<time itemprop="datePublished" datetime="2002-05-03">May 3</time>', "year", "2002-05-03"),
    ("duration_content", '<span itemprop="duration" content="PT136M">2h 16m</span>', "runtime", "PT136M"),
    ("duration_text", '<span itemprop="duration">PT2H2M</span>', "runtime", "PT2H2M"),
    ("name_meta", '<meta itemprop="name" content="Spider-Man">', "title", "Spider-Man"),
    ("director_plain_text", '<span itemprop="director">Sam Raimi</span>', "directors", ["Sam Raimi"]),
    ("director_link_text", '<a itemprop="director" href="/p/sam-raimi">Sam Raimi</a>', "directors", ["Sam Raimi"]),
    ("director_na", person("director", "N/A"), "directors", []),
    ("genre_comma_string", '<span itemprop="genre">Action, Drama</span>', "genres", ["Action", "Drama"]),
    ("actor_plain_text", '<span itemprop="actor">Tobey Maguire</span>', "cast", [{"name": "Tobey Maguire", "character": None}]),
    (
        "performance_role",
        f'<div itemprop="actor" itemscope itemtype="{S}PerformanceRole">'
        + person("actor", "Willem Dafoe")
        + '<span itemprop="characterName">Green Goblin</span></div>',
        "cast",
        [{"name": "Willem Dafoe", "character": "Green Goblin"}],
    ),
    ("content_rating_meta", '<meta itemprop="contentRating" content="R">', "content_rating", "R"),
]


@pytest.mark.parametrize("inner,field,expected", [c[1:] for c in VARIANT_CASES], ids=[c[0] for c in VARIANT_CASES])
def test_variants(inner, field, expected):
    assert getattr(page(inner), field)() == expected


def test_nested_item_props_do_not_leak():
    inner = (
        '<span itemprop="name">Spider-Man</span>'
        f'<div itemprop="director" itemscope itemtype="{S}Person"><span itemprop="name">Sam Raimi</span>'
        '<span itemprop="description">Director bio</span><span itemprop="genre">Horror</span></div>'
    )
    p = page(inner)
    assert (p.title(), p.synopsis(), p.genres()) == ("Spider-Man", None, [])


def test_non_item_wrappers_are_transparent():
    inner = '<section><div><p><span itemprop="name">Deep</span></p></div></section>'
    assert page(inner).title() == "Deep"


def test_itemref():
    html = (
        '<div itemscope itemtype="https://schema.org/Movie" itemref="extra"><span itemprop="name">X</span></div>'
        '<div id="extra"><span itemprop="genre">Drama</span></div>'
    )
    assert MicrodataPage(Selector(text=html), URL).genres() == ["Drama"]


# -- IMDb rule ------------------------------------------------------------------------


def agg(inner: str, label: str = "") -> str:
    return f'<div itemprop="aggregateRating" itemscope itemtype="{S}AggregateRating">{label}{inner}</div>'


IMDB_CASES = [
    ("label_near", agg('<span itemprop="ratingValue">8.1</span>', "IMDb rating: "), "8.1"),
    ("author_meta", agg('<meta itemprop="ratingValue" content="8.1"><meta itemprop="author" content="IMDb">'), "8.1"),
    ("no_label", agg('<span itemprop="ratingValue">8.1</span>', "Users: "), None),
    ("scale_5", agg('<span itemprop="ratingValue">4.1</span><meta itemprop="bestRating" content="5">', "IMDb "), None),
    ("scale_100", agg('<span itemprop="ratingValue">81</span><meta itemprop="bestRating" content="100">', "IMDb "), None),
    ("zero", agg('<span itemprop="ratingValue">0</span>', "IMDb "), None),
    ("na", agg('<span itemprop="ratingValue">N/A</span>', "IMDb "), None),
]


@pytest.mark.parametrize("inner,expected", [c[1:] for c in IMDB_CASES], ids=[c[0] for c in IMDB_CASES])
def test_imdb_rule(inner, expected):
    assert page('<span itemprop="name">X</span>' + inner).imdb_rating() == expected


# -- offers -----------------------------------------------------------------------------


def test_offers():
    inner = (
        '<span itemprop="name">X</span>'
        f'<div itemprop="offers" itemscope itemtype="{S}Offer">'
        f'<div itemprop="seller" itemscope itemtype="{S}Organization"><span itemprop="name">Vudu</span></div>'
        '<meta itemprop="category" content="rent"><span itemprop="price">3.99</span>'
        '<meta itemprop="priceCurrency" content="USD"><a itemprop="url" href="https://vudu.com/x">Rent</a>'
        '<link itemprop="availability" href="https://schema.org/InStock"></div>'
    )
    assert page(inner).offers() == [
        {"provider": "Vudu", "offer_type": "rent", "price": "3.99", "currency": "USD", "quality": None,
         "region": None, "url": "https://vudu.com/x"}
    ]


# -- kind -------------------------------------------------------------------------------

KIND_CASES = [
    ("series", f'<div itemscope itemtype="{S}TVSeries"><span itemprop="name">Show</span></div>', "series", True),
    ("episode", f'<div itemscope itemtype="{S}TVEpisode"><span itemprop="name">Ep</span></div>', "series", True),
    (
        "listing",
        f'<ul itemscope itemtype="{S}ItemList">'
        + "".join(
            f'<li itemprop="itemListElement" itemscope itemtype="{S}Movie"><span itemprop="name">M{i}</span></li>'
            for i in range(4)
        )
        + "</ul>",
        "listing",
        False,
    ),
    (
        "webpage_main_entity",
        f'<div itemscope itemtype="{S}WebPage"><div itemprop="mainEntity" itemscope itemtype="{S}Movie">'
        '<span itemprop="name">Main</span></div></div>',
        "film",
        True,
    ),
    ("no_items", "<p>nothing</p>", None, False),
    ("other_item", f'<div itemscope itemtype="{S}Organization"><span itemprop="name">Site</span></div>', None, False),
]


@pytest.mark.parametrize("html,kind,applies", [c[1:] for c in KIND_CASES], ids=[c[0] for c in KIND_CASES])
def test_kind(html, kind, applies):
    p = MicrodataPage(Selector(text=f"<html><body>{html}</body></html>"), URL)
    assert (p.kind(), p.applies()) == (kind, applies)


def test_main_movie_by_url_among_several():
    html = "".join(
        f'<div itemscope itemtype="{S}Movie"><span itemprop="name">{n}</span>'
        f'<link itemprop="url" href="{u}"></div>'
        for n, u in [("Other", "/movie/other"), ("Mine", "/movie/spider-man")]
    )
    assert MicrodataPage(Selector(text=html), URL).title() == "Mine"


def test_items_cached():
    p = page(FULL)
    assert microdata_items(p.sel) is microdata_items(p.sel)
    assert microdata_items(p.sel)[0]["name"] == ["Spider-Man"]


def test_related_cards_do_not_make_a_film_page_a_listing():
    cards = "".join(
        f'<div class="card" itemscope itemtype="{S}Movie"><a itemprop="url" href="/m/{i}">'
        f'<span itemprop="name">Card {i}</span></a></div>'
        for i in range(6)
    )
    p = page(FULL, body_extra=f"<aside>{cards}</aside>")
    assert (p.kind(), p.title()) == ("film", "Spider-Man")


def test_many_card_items_are_a_listing():
    cards = "".join(
        f'<div itemscope itemtype="{S}Movie"><span itemprop="name">Card {i}</span></div>' for i in range(6)
    )
    p = MicrodataPage(Selector(text=f"<html><body>{cards}</body></html>"), URL)
    assert (p.kind(), p.applies()) == ("listing", False)
