"""The dispatcher (filmcrawl.extract): how families' values are combined per page."""

from __future__ import annotations

import json

import pytest
from parsel import Selector

from filmcrawl.extract import extract, lead_paragraph, merge_offers
from filmcrawl.items import Offer
from filmcrawl.pipelines import normalize_film


def film_of(body: str, head: str = ""):
    result = extract(Selector(text=f"<html><head>{head}</head><body>{body}</body></html>"), "https://f.test/m/1")
    assert result.kind == "film"
    normalize_film(result.film)
    return result.film


def ld(**movie) -> str:
    data = {"@context": "https://schema.org", "@type": "Movie", **movie}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def cast_of(film):
    return [(c.name, c.character) for c in film.credits if c.role == "cast"]


# ---------------------------------------------------------------------------
# offers: one per thing offered
# ---------------------------------------------------------------------------
def O(provider, offer_type=None, price=None, quality=None, **kw):
    return Offer(provider=provider, offer_type=offer_type, price=price, quality=quality, **kw)


@pytest.mark.parametrize(
    "offers, expected",
    [
        # JSON-LD "Max, subscription" beside the table's "Max, Stream, HD"
        ([O("Max", "subscription"), O("Max", "Stream", quality="HD")], [("Max", "Stream", None, "HD")]),
        # a price-less rent folds into the priced one; two qualities stay two offers
        ([O("Amazon", "rent", "$2.99"), O("Amazon Video", "Rent", "$2.99", "SD"),
          O("Amazon Video", "Rent", "$3.99", "HD")],
         [("Amazon Video", "Rent", "$2.99", "SD"), ("Amazon Video", "Rent", "$3.99", "HD")]),
        # "free" and "free with ads" from one provider are one offer
        ([O("Tubi", "free"), O("Tubi TV", "Free with ads")], [("Tubi TV", "Free with ads", None, None)]),
        # different prices are different offers
        ([O("Apple TV", "rent", "$3.99"), O("Apple TV", "rent", "$4.99", "HD")],
         [("Apple TV", "rent", "$3.99", None), ("Apple TV", "rent", "$4.99", "HD")]),
        # rent and buy are different offers
        ([O("Apple TV", "buy"), O("Apple TV", "rent", quality="HD")],
         [("Apple TV", "buy", None, None), ("Apple TV", "rent", None, "HD")]),
    ],
    ids=["quality", "price-and-qualities", "free-ads", "prices-differ", "types-differ"],
)
def test_merge_offers(offers, expected):
    assert [(o.provider, o.offer_type, o.price, o.quality) for o in merge_offers(offers)] == expected


def test_merge_offers_keeps_the_url_and_region_of_the_folded_offer():
    merged = merge_offers([O("Max", "subscription", url="https://max.test/m", region="US"),
                           O("Max", "Stream", quality="HD")])
    assert [(o.url, o.region, o.quality) for o in merged] == [("https://max.test/m", "US", "HD")]


def test_structured_and_html_offers_give_one_offer_each():
    head = ld(name="Gravity", offers=[
        {"@type": "Offer", "category": "subscription", "seller": {"@type": "Organization", "name": "Max"}},
        {"@type": "Offer", "category": "rent", "price": "3.99", "priceCurrency": "USD",
         "seller": {"@type": "Organization", "name": "Apple TV"}},
    ])
    body = ("<h1>Gravity</h1><h2>Where to watch</h2><ul><li>Max — Stream (HD)</li>"
            "<li>Apple TV — Rent $3.99 (4K)</li></ul>")
    film = film_of(body, head)
    assert [(o.provider, o.offer_type, o.price, o.quality) for o in film.offers] == [
        ("Max", "subscription", None, "HD"), ("Apple TV", "rent", 3.99, "4K")]


# ---------------------------------------------------------------------------
# cast: holes in the structured list, characters from other places
# ---------------------------------------------------------------------------
GRID = ("<h1>Gravity</h1><p>Runtime: 91 min</p><h2>Cast</h2><div class='grid'>" + "".join(
    f"<div><div class='n'>{n}</div><div class='r'>{c}</div></div>" for n, c in [
        ("Sandra Bullock", "Ryan Stone"), ("George Clooney", "Matt Kowalski"), ("Ed Harris", "Mission Control"),
        ("Orto Ignatiussen", "Aningaaq"), ("Phaldut Sharma", "Shariff")]) + "</div>")


def test_a_hole_in_the_jsonld_cast_is_filled_from_the_visible_cast():
    actors = [{"@type": "Person", "name": n} for n in ("Sandra Bullock", "George Clooney", "NA",
                                                         "Orto Ignatiussen", "Phaldut Sharma")]
    film = film_of(GRID, ld(name="Gravity", actor=actors))
    assert [n for n, _ in cast_of(film)] == ["Sandra Bullock", "George Clooney", "Ed Harris",
                                             "Orto Ignatiussen", "Phaldut Sharma"]
    assert cast_of(film)[0] == ("Sandra Bullock", "Ryan Stone")


def test_names_outside_the_structured_list_are_not_added():
    actors = [{"@type": "Person", "name": n} for n in ("Sandra Bullock", "George Clooney", "Ed Harris")]
    body = ("<h1>Gravity</h1><ul><li>Cast: Sandra Bullock, George Clooney, Ed Harris, Producer: David Heyman"
            "</li><li>Year: 2013</li></ul>")
    film = film_of(body, ld(name="Gravity", actor=actors))
    assert [n for n, _ in cast_of(film)] == ["Sandra Bullock", "George Clooney", "Ed Harris"]


def test_characters_from_a_two_cell_table_in_either_order():
    actors = [{"@type": "Person", "name": n} for n in ("Sandra Bullock", "George Clooney")]
    body = ("<h1>Gravity</h1><p>Year: 2013</p><p>Runtime: 91 min</p><h2>Who plays who</h2><table>"
            "<tr><td>Ryan Stone</td><td>Sandra Bullock</td></tr>"
            "<tr><td>George Clooney</td><td class='muted'>Matt Kowalski</td></tr></table>")
    film = film_of(body, ld(name="Gravity", actor=actors))
    assert cast_of(film) == [("Sandra Bullock", "Ryan Stone"), ("George Clooney", "Matt Kowalski")]


# ---------------------------------------------------------------------------
# synopsis: the lead paragraph when no family has one
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, expected",
    [
        ("<h1>Gravity</h1><p class='byline'>Posted on May 2, 2024 by Kim</p>"
         "<p>Two astronauts work together to survive after an accident leaves them stranded in space.</p>"
         "<p>Rent it for $3.99 on Apple TV, or stream it with a subscription.</p>",
         "Two astronauts work together to survive after an accident leaves them stranded in space."),
        ("<h1>Gravity</h1><p>Cuarón's film is a technical marvel that was shot mostly inside light boxes.</p>"
         "<div class='movie-plot'>Two astronauts work together to survive after an accident in orbit.</div>",
         "Two astronauts work together to survive after an accident in orbit."),
        ("<h1>Gravity</h1><p>Prices last checked two hours ago; we may earn a commission.</p>", None),
    ],
    ids=["first-paragraph", "plot-class-wins", "notices-are-no-synopsis"],
)
def test_lead_paragraph(body, expected):
    assert lead_paragraph(Selector(text=f"<html><body>{body}</body></html>")) == expected


def test_lead_paragraph_fills_only_a_missing_synopsis():
    body = ("<h1>Gravity</h1><p>Director: Alfonso Cuarón</p><p>Runtime: 91 min</p>"
            "<p>Two astronauts work together to survive after an accident leaves them stranded in space.</p>")
    assert film_of(body).synopsis.startswith("Two astronauts")
    head = ld(name="Gravity", description="A medical engineer and an astronaut fight to survive in orbit.")
    assert film_of(body, head).synopsis.startswith("A medical engineer")


# ---------------------------------------------------------------------------
# kind: a person's page is no listing
# ---------------------------------------------------------------------------
FILMOGRAPHY = ("<h1>Tilda Swinton</h1><p>Tilda Swinton is a Scottish actress.</p><table>" + "".join(
    f"<tr><td>{y}</td><td><a href='/m/{i}'>{t}</a></td><td>as {c}</td></tr>" for i, (y, t, c) in enumerate([
        (1986, "Caravaggio", "Lena"), (1992, "Orlando", "Orlando"), (2005, "The Chronicles", "Jadis"),
        (2007, "Michael Clayton", "Karen"), (2014, "Snowpiercer", "Mason"), (2019, "The Souvenir", "Rosalind")])
) + "</table>")


def _person(**extra):
    return '<script type="application/ld+json">' + json.dumps(
        {"@context": "https://schema.org", "@type": "Person", "name": "Tilda Swinton", **extra}) + "</script>"


@pytest.mark.parametrize(
    "head, kind",
    [
        (_person(), "other"),
        ('<script type="application/ld+json">' + json.dumps({"@context": "https://schema.org", "@graph": [
            {"@type": "ProfilePage", "mainEntity": {"@type": "Person", "name": "Tilda Swinton"}},
            {"@type": "WebSite", "name": "Films"}]}) + "</script>", "other"),
        ("", "listing"),  # no structured data: the filmography looks like a listing
    ],
    ids=["person", "profile-page", "no-jsonld"],
)
def test_person_pages(head, kind):
    sel = Selector(text=f"<html><head>{head}</head><body>{FILMOGRAPHY}</body></html>")
    assert extract(sel, "https://f.test/p/1").kind == kind


def test_a_review_by_a_person_is_still_a_film():
    head = '<script type="application/ld+json">' + json.dumps({"@context": "https://schema.org", "@graph": [
        {"@type": "BlogPosting", "headline": "Gravity review", "author": {"@id": "#kim"}},
        {"@type": "Person", "@id": "#kim", "name": "Kim Lee"}]}) + "</script>"
    body = ("<h1>Gravity</h1><p>Director: Alfonso Cuarón</p><p>Runtime: 91 min</p><p>Genre: Drama</p>"
            "<p>Gravity (2013) is a space thriller directed by Alfonso Cuarón and starring Sandra Bullock.</p>")
    sel = Selector(text=f"<html><head>{head}</head><body>{body}</body></html>")
    assert extract(sel, "https://f.test/m/1").kind == "film"


# ---------------------------------------------------------------------------
# kind: a listing split into several short alike lists (by day, by letter)
# ---------------------------------------------------------------------------
def _card(i, title, year):
    return (f"<li class='drop-card'><a class='drop-title' href='/film/{i}'>{title}</a> <span>{year}</span>"
            f"<p>Some Director · Drama · 1 h 5{i} min</p><p>Rent on <b>Vudu</b> for $3.99</p></li>")


_SPLIT = [("Kestrel Bay", 2019), ("Ninefold", 2021), ("The Lantern Keeper", 1988),
          ("Saltmarsh", 2022), ("Paper Orchards", 2015), ("Grey Meridian", 2011)]


@pytest.mark.parametrize(
    "groups, kind",
    [
        ([_SPLIT[:2], _SPLIT[2:4], _SPLIT[4:]], "listing"),  # 2 + 2 + 2 cards under day headings
        ([_SPLIT[:3], _SPLIT[3:]], "listing"),
        ([_SPLIT[:2], _SPLIT[2:4]], "film"),  # four cards: a film page's "more like this"-sized block
    ],
    ids=["three-days", "two-days", "too-few"],
)
def test_a_listing_split_into_short_lists(groups, kind):
    body = "<h1>New to rent this week</h1>"
    n = 0
    for g, films in enumerate(groups):
        body += f"<h2>Day {g + 1}</h2><ul class='drop-list'>"
        for title, year in films:
            body += _card(n, title, year)
            n += 1
        body += "</ul>"
    if kind == "film":
        body = ("<h1>Kestrel Bay</h1><p>Director: Ana Ruiz</p><p>Runtime: 101 min</p><p>Year: 2019</p>"
                "<p>Genre: Drama</p>") + body.replace("<h1>New to rent this week</h1>", "")
    sel = Selector(text=f"<html><head><title>x</title></head><body>{body}</body></html>")
    assert extract(sel, "https://f.test/new").kind == kind


# ---------------------------------------------------------------------------
# genres: an explicit tag line beats genres guessed from prose
# ---------------------------------------------------------------------------
_POST = ("<h1>a small film about a big storm</h1><p class='meta'>9 may 2021 · filed under: {tags}</p>"
         "<p>Kestrel Bay (2019) is a heist film directed by Ana Ruiz and starring Tom Vale. It runs 104 minutes "
         "and is streaming on Netflix.</p>")


@pytest.mark.parametrize(
    "tags, expected",
    [
        ("<a>thriller</a>, <a>drama</a>", ["drama", "thriller"]),
        ("", None),  # no tags: whatever prose says
    ],
    ids=["tags", "no-tags"],
)
def test_tag_line_genres_beat_prose(tags, expected):
    film = film_of(_POST.format(tags=tags))
    if expected is not None:
        assert sorted(g.lower() for g in film.genres) == expected
        assert film.sources["genres"] == "labelled"
    else:
        assert film.sources.get("genres") != "labelled"


# ---------------------------------------------------------------------------
# prose is read only when it can still change the film
# ---------------------------------------------------------------------------
PROSE = (
    "<p>Directed by Ann Lee, this quiet drama follows a lighthouse keeper through one long winter on the coast. "
    "Tom Hale plays the keeper and Mia Roth plays his sister in a film that runs 1 hr 52 min.</p>"
    "<p>Ann Lee shot it in 2019 over six weeks; the critics called it patient and tender, a slow film "
    "about grief, weather and the small routines that keep two people going.</p>"
)
FULL_LD = dict(
    name="The Keeper", datePublished="2019", duration="PT112M", contentRating="PG",
    genre=["Drama"], description="A lighthouse keeper and his sister wait out one long winter.",
    director={"@type": "Person", "name": "Ann Lee"}, author={"@type": "Person", "name": "Ann Lee"},
    aggregateRating={"@type": "AggregateRating", "ratingValue": "7.1", "ratingCount": "12000",
                     "author": {"@type": "Organization", "name": "IMDb"}},
)


def _count_prose_reads(monkeypatch):
    from filmcrawl.extract.prose import ProsePage

    calls = []
    applies = ProsePage.applies
    monkeypatch.setattr(ProsePage, "applies", lambda self: calls.append(1) or applies(self))
    return calls


def test_prose_not_read_when_structured_data_gives_everything(monkeypatch):
    calls = _count_prose_reads(monkeypatch)
    actors = [{"@type": "PerformanceRole", "characterName": c, "actor": {"@type": "Person", "name": n}}
              for n, c in (("Tom Hale", "Keeper"), ("Mia Roth", "Sister"))]
    result = extract(Selector(text=f"<html><head>{ld(**FULL_LD, actor=actors)}</head><body>{PROSE}</body></html>"))
    assert calls == [] and "prose" not in result.families
    assert cast_of(result.film) == [("Tom Hale", "Keeper"), ("Mia Roth", "Sister")]


def test_prose_read_when_a_character_is_missing(monkeypatch):
    calls = _count_prose_reads(monkeypatch)
    actors = [{"@type": "Person", "name": "Tom Hale"}, {"@type": "Person", "name": "Mia Roth"}]
    body = PROSE.replace("Tom Hale plays the keeper", "Tom Hale as Keeper")
    result = extract(Selector(text=f"<html><head>{ld(**FULL_LD, actor=actors)}</head><body>{body}</body></html>"))
    assert calls and "prose" in result.families
    assert ("Tom Hale", "Keeper") in cast_of(result.film)


def test_prose_read_when_a_field_is_missing(monkeypatch):
    calls = _count_prose_reads(monkeypatch)
    partial = {k: v for k, v in FULL_LD.items() if k != "duration"}
    actors = [{"@type": "PerformanceRole", "characterName": "Keeper", "actor": {"@type": "Person", "name": "Tom Hale"}}]
    film = film_of(PROSE, head=ld(**partial, actor=actors))
    assert calls and film.runtime_minutes == 112 and film.sources["runtime"] == "prose"


def _corpus():
    from filmcrawl.evaluate import corpus_pages

    from .conftest import FIXTURES

    return [path for _name, path, _truth in corpus_pages(FIXTURES)]


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.rsplit("fixtures/", 1)[-1])
def test_reading_prose_lazily_changes_no_page(path, monkeypatch):
    """Each corpus page gives the same result as when prose is read wherever it applies."""
    import dataclasses

    import filmcrawl.extract as X

    with open(path, "rb") as fh:
        text = fh.read().decode("utf-8", "replace")
    lazy = extract(Selector(text=text), "http://corpus.test/p")
    monkeypatch.setattr(X, "_prose_adds", lambda film, found, decided: True)
    monkeypatch.setattr(X, "_weak_film_decides", lambda kinds: True)
    eager = extract(Selector(text=text), "http://corpus.test/p")
    assert lazy.kind == eager.kind and lazy.reason == eager.reason
    assert set(lazy.families) <= set(eager.families)
    as_dict = (lambda film: dataclasses.asdict(film) if film is not None else None)
    assert as_dict(lazy.film) == as_dict(eager.film)
