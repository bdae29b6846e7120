"""JSON-LD family: repair, object discovery, main-entity choice and every field."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from parsel import Selector

from filmcrawl.extract.jsonld import (
    JsonLdPage,
    jsonld_objects,
    loads_lenient,
    offer_type_hint,
    provider_from_url,
    repair_json,
)

URL = "https://watch.example.com/movie/spider-man"


def page(*blocks, body: str = "", url: str = URL) -> JsonLdPage:
    scripts = "".join(
        f'<script type="application/ld+json">{b if isinstance(b, str) else json.dumps(b)}</script>'
        for b in blocks
    )
    html = f"<html><head>{scripts}</head><body><h1>Page</h1>{body}</body></html>"
    return JsonLdPage(Selector(text=html), url)


def movie(**props) -> dict:
    return {"@context": "https://schema.org", "@type": "Movie", "name": "Spider-Man", **props}


# --------------------------------------------------------------------------------------
# JSON repair
# --------------------------------------------------------------------------------------

REPAIR_CASES = [
    ("valid", '{"a": 1}', {"a": 1}),
    ("bom", '\ufeff{"a": 1}', {"a": 1}),
    ("cdata_js_comment", '/* <![CDATA[ */ {"a": 1} /* ]]> */', {"a": 1}),
    ("cdata_line_comment", '//<![CDATA[\n{"a": 1}\n//]]>', {"a": 1}),
    ("cdata_bare", '<![CDATA[{"a": 1}]]>', {"a": 1}),
    ("html_comment", '<!-- {"a": 1} -->', {"a": 1}),
    ("line_comment", '{\n// the id\n"a": 1 // trailing\n}', {"a": 1}),
    ("block_comment", '{"a": /* one */ 1}', {"a": 1}),
    ("url_keeps_slashes", '{"url": "https://x.com//a/*b*/"} // c', {"url": "https://x.com//a/*b*/"}),
    ("raw_newline_tab", '{"d": "line one\nline\ttwo"}', {"d": "line one\nline\ttwo"}),
    ("raw_cr_ctrl", '{"d": "a\r\x01b"}', {"d": "a\r\x01b"}),
    ("trailing_comma_obj", '{"a": 1, "b": 2,}', {"a": 1, "b": 2}),
    ("trailing_comma_list", '{"a": [1, 2, ], }', {"a": [1, 2]}),
    ("double_comma", '{"a": [1,, 2]}', {"a": [1, 2]}),
    ("trailing_semicolon", '{"a": 1};', {"a": 1}),
    ("bad_escape", r'{"a": "it\'s \d"}', {"a": "it's \\d"}),
    ("single_quotes", "{'a': 'it\\'s \"x\"'}", {"a": 'it\'s "x"'}),
    ("unquoted_key", '{a: 1, "b": true}', {"a": 1, "b": True}),
    ("python_literals", '{"a": True, "b": None}', {"a": True, "b": None}),
    ("concatenated", '{"a": 1}\n{"b": 2}', [{"a": 1}, {"b": 2}]),
    ("escaped_whole_block", "{&quot;a&quot;: 1}", {"a": 1}),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in REPAIR_CASES], ids=[c[0] for c in REPAIR_CASES])
def test_loads_lenient_repairs(text, expected):
    assert loads_lenient(text) == expected


@pytest.mark.parametrize("text", ['{"a": ', '{"a": "unterminated}', "<html>", "", "nonsense text"])
def test_loads_lenient_unrepairable_returns_default(text):
    sentinel = object()
    assert loads_lenient(text, sentinel) is sentinel


def test_repair_keeps_string_contents():
    repaired = repair_json('{"u": "http://a.b/c//d", /* x */ "s": "a, ] // b",}')
    assert json.loads(repaired) == {"u": "http://a.b/c//d", "s": "a, ] // b"}


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_repair_never_raises(text):
    repair_json(text)
    loads_lenient(text)


@settings(max_examples=300, deadline=None)
@given(json_values, st.booleans())
def test_valid_json_round_trips(value, indent):
    text = json.dumps(value, indent=2 if indent else None, ensure_ascii=indent)
    assert loads_lenient(text) == json.loads(text)
    # The repair itself is the identity on valid JSON's meaning.
    assert json.loads(repair_json(text)) == json.loads(text)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(), st.text() | st.integers(), max_size=5))
def test_dirty_wrappers_round_trip(value):
    text = json.dumps(value)
    dirty = f"/* <![CDATA[ */ <!--\n{text[:-1]}{',' if value else ''} // note\n}};\n--> /* ]]> */"
    assert loads_lenient(dirty) == value


# --------------------------------------------------------------------------------------
# objects on the page
# --------------------------------------------------------------------------------------


def test_objects_flatten_graph_and_lists():
    p = page(
        {"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, {"@type": "Organization"}]},
        [{"@type": "BreadcrumbList"}, movie()],
    )
    assert [o["@type"] for o in jsonld_objects(p.sel)] == ["WebSite", "Organization", "BreadcrumbList", "Movie"]


def test_objects_unescape_entities_in_strings():
    p = page('{"@type": "Movie", "name": "Tom &amp; Jerry &quot;Live&quot; &#39;98"}')
    assert jsonld_objects(p.sel)[0]["name"] == "Tom & Jerry \"Live\" '98"


def test_unrepairable_block_skipped():
    p = page('{"@type": "Movie", "name": ', movie(name="Good"))
    assert p.title() == "Good"


def test_dirty_block_end_to_end():
    dirty = (
        "/* <![CDATA[ */\n<!--\n{\n  // film\n  \"@context\": \"https://schema.org\",\n"
        "  \"@type\": \"Movie\", /* main */\n  \"name\": \"Am&eacute;lie\",\n"
        "  \"description\": \"Line one\n\tline two &amp; more\",\n"
        "  \"url\": \"https://watch.example.com/movie/amelie\",\n"
        "  \"genre\": [\"Comedy\", \"Romance\",],\n}\n;\n-->\n/* ]]> */"
    )
    p = page(dirty)
    assert p.title() == "Amélie"
    assert p.synopsis() == "Line one line two & more"
    assert p.genres() == ["Comedy", "Romance"]


def test_objects_cached_per_selector():
    p = page(movie())
    assert jsonld_objects(p.sel) is jsonld_objects(p.sel)
    assert p.objects is p.objects


def test_script_type_case_and_params():
    html = '<script type="Application/LD+JSON; charset=utf-8">{"@type":"Movie","name":"X"}</script>'
    assert JsonLdPage(Selector(text=html), URL).title() == "X"


# --------------------------------------------------------------------------------------
# kind / applies / main entity
# --------------------------------------------------------------------------------------

KIND_CASES = [
    ("plain_movie", [movie()], "film", True),
    ("type_list", [movie(**{"@type": ["Movie"]})], "film", True),
    ("type_prefixed", [movie(**{"@type": "schema:Movie"})], "film", True),
    ("type_url", [movie(**{"@type": "http://schema.org/Movie"})], "film", True),
    ("type_film", [movie(**{"@type": "Film"})], "film", True),
    ("graph", [{"@context": "https://schema.org", "@graph": [{"@type": "WebSite"}, movie()]}], "film", True),
    ("webpage_main_entity", [{"@type": "WebPage", "mainEntity": movie()}], "film", True),
    ("tvseries", [{"@type": "TVSeries", "name": "Show"}], "series", True),
    ("tvseason", [{"@type": "TVSeason", "name": "S1"}], "series", True),
    ("tvepisode", [{"@type": "TVEpisode", "name": "E1"}], "series", True),
    (
        "itemlist",
        [{"@type": "ItemList", "itemListElement": [
            {"@type": "ListItem", "position": i, "item": movie(name=f"M{i}")} for i in range(1, 5)]}],
        "listing",
        False,
    ),
    (
        "collectionpage",
        [{"@type": "CollectionPage", "mainEntity": {"@type": "ItemList", "itemListElement": [
            movie(name="A"), movie(name="B")]}}],
        "listing",
        False,
    ),
    (
        "itemlist_plus_unanchored_movie",
        [movie(name="Card"), {"@type": "ItemList", "itemListElement": [movie(name="A"), movie(name="B")]}],
        "listing",
        False,
    ),
    (
        "itemlist_plus_main_movie_by_url",
        [movie(name="Main", url=URL), {"@type": "ItemList", "itemListElement": [movie(name="A"), movie(name="B")]}],
        "film",
        True,
    ),
    (
        "itemlist_plus_main_entity",
        [{"@type": "WebPage", "mainEntity": movie(name="Main")},
         {"@type": "ItemList", "itemListElement": [movie(name="A"), movie(name="B")]}],
        "film",
        True,
    ),
    ("many_standalone_movies", [movie(name=n) for n in "ABC"], "listing", False),
    ("no_movie", [{"@type": "Organization", "name": "Site"}], None, False),
    ("nothing", [], None, False),
]


@pytest.mark.parametrize("blocks,kind,applies", [c[1:] for c in KIND_CASES], ids=[c[0] for c in KIND_CASES])
def test_kind_and_applies(blocks, kind, applies):
    p = page(*blocks)
    assert p.kind() == kind
    assert p.applies() is applies


def test_main_movie_by_url_match():
    p = page(movie(name="Other", url="https://watch.example.com/movie/other"), movie(name="Mine", url=URL + "/"))
    assert p.title() == "Mine"


def test_main_movie_by_id_with_fragment():
    p = page(movie(name="Other"), movie(name="Mine", **{"@id": URL + "#movie"}))
    assert p.title() == "Mine"


def test_main_movie_by_relative_url():
    p = page(movie(name="Other"), movie(name="Mine", url="/movie/spider-man"))
    assert p.title() == "Mine"


def test_main_entity_reference_in_graph():
    graph = {"@graph": [
        {"@type": "Movie", "@id": "#sequel", "name": "Sequel"},
        {"@type": "WebPage", "@id": URL, "mainEntity": {"@id": "#film"}},
        {"@type": "Movie", "@id": "#film", "name": "Mine"},
    ]}
    assert page(graph).title() == "Mine"


def test_first_movie_when_no_anchor():
    assert page(movie(name="First"), movie(name="Second")).title() == "First"


def test_listing_has_no_fields():
    p = page({"@type": "ItemList", "itemListElement": [movie(name="A"), movie(name="B")]})
    assert p.fields() == {}


# --------------------------------------------------------------------------------------
# scalar fields
# --------------------------------------------------------------------------------------

FIELD_CASES = [
    ("title", movie(name="Spider-Man", alternateName="Homem-Aranha"), "title", "Spider-Man"),
    ("title_non_latin_kept", movie(name="千と千尋の神隠し", alternateName="Spirited Away"), "title", "千と千尋の神隠し"),
    ("title_whitespace", movie(name="  Spider-Man \n"), "title", "Spider-Man"),
    ("year_date", movie(datePublished="2002-05-03"), "year", "2002-05-03"),
    ("year_plain", movie(datePublished="2002"), "year", "2002"),
    ("year_int", movie(datePublished=2002), "year", "2002"),
    ("year_released_event", movie(releasedEvent={"@type": "PublicationEvent", "startDate": "2002-04-29"}), "year", "2002-04-29"),
    ("year_release_event_list", movie(releaseEvent=[{"startDate": "2002-04-29"}, {"startDate": "2002-06-01"}]), "year", "2002-04-29"),
    ("year_date_created", movie(dateCreated="2001-11-01"), "year", "2001-11-01"),
    ("year_copyright", movie(copyrightYear=2002), "year", "2002"),
    ("year_published_wins", movie(datePublished="2002-05-03", dateCreated="2001"), "year", "2002-05-03"),
    ("runtime_hm", movie(duration="PT2H2M"), "runtime", "PT2H2M"),
    ("runtime_m", movie(duration="PT136M"), "runtime", "PT136M"),
    ("content_rating_str", movie(contentRating="PG-13"), "content_rating", "PG-13"),
    ("content_rating_obj", movie(contentRating={"@type": "Rating", "name": "R"}), "content_rating", "R"),
    ("synopsis", movie(description="A bitten student becomes a hero."), "synopsis", "A bitten student becomes a hero."),
    ("no_synopsis", movie(), "synopsis", None),
]


@pytest.mark.parametrize("obj,field,expected", [c[1:] for c in FIELD_CASES], ids=[c[0] for c in FIELD_CASES])
def test_scalar_fields(obj, field, expected):
    assert getattr(page(obj), field)() == expected


# --------------------------------------------------------------------------------------
# IMDb rating rule
# --------------------------------------------------------------------------------------


def rating(**props) -> dict:
    return {"@type": "AggregateRating", **props}


IMDB_CASES = [
    ("author_imdb", rating(ratingValue="7.4", ratingCount="900,000", author={"@type": "Organization", "name": "IMDb"}), "", "7.4", "900,000"),
    ("publisher_imdb", rating(ratingValue=7.4, ratingCount=900000, publisher="IMDb"), "", "7.4", "900000"),
    ("name_imdb", rating(ratingValue="7.4", bestRating="10", name="IMDb rating"), "", "7.4", None),
    ("description_imdb", rating(ratingValue="7.4", description="Rating from IMDb users"), "", "7.4", None),
    ("page_text_imdb", rating(ratingValue="7.4", ratingCount="900000"), "<p>IMDb: <b>7.4</b>/10</p>", "7.4", "900000"),
    ("page_text_number_first", rating(ratingValue="7.4"), "<span>7.4</span> <span>on IMDb</span>", "7.4", None),
    ("page_text_trailing_zero", rating(ratingValue="7.40"), "<p>IMDb 7.4</p>", "7.40", None),
    ("no_attribution", rating(ratingValue="7.4", ratingCount="500"), "<p>Our users say 7.4</p>", None, None),
    ("imdb_text_other_number", rating(ratingValue="7.4"), "<p>IMDb: 6.9</p>", None, None),
    ("imdb_only_in_script", rating(ratingValue="7.4"), '<script>var s="IMDb 7.4"</script>', None, None),
    ("scale_5", rating(ratingValue="4.5", bestRating="5", author="IMDb"), "", None, None),
    ("scale_100", rating(ratingValue="74", bestRating=100, author="IMDb"), "", None, None),
    ("value_over_10_no_best", rating(ratingValue="74", author="IMDb"), "<p>IMDb 74</p>", None, None),
    ("zero", rating(ratingValue="0", author="IMDb"), "", None, None),
    ("zero_float", rating(ratingValue="0.0", author="IMDb"), "", None, None),
    ("na", rating(ratingValue="N/A", author="IMDb"), "", None, None),
    ("best_10_string", rating(ratingValue="8.7", bestRating="10.0", author="IMDb"), "", "8.7", None),
]


@pytest.mark.parametrize(
    "agg,body,value,votes", [c[1:] for c in IMDB_CASES], ids=[c[0] for c in IMDB_CASES]
)
def test_imdb_rating_rule(agg, body, value, votes):
    p = page(movie(aggregateRating=agg), body=body)
    assert p.imdb_rating() == value


@pytest.mark.parametrize(
    "agg,body,value,votes", [c[1:] for c in IMDB_CASES], ids=[c[0] for c in IMDB_CASES]
)
def test_imdb_votes_only_with_imdb_rating(agg, body, value, votes):
    p = page(movie(aggregateRating=agg), body=body)
    assert p.imdb_votes() == votes


def test_imdb_rating_picked_from_several():
    aggs = [rating(ratingValue="92", bestRating="100", author="Rotten Tomatoes"),
            rating(ratingValue="7.4", ratingCount="900,000", author="IMDb")]
    assert page(movie(aggregateRating=aggs)).imdb_rating() == "7.4"


# --------------------------------------------------------------------------------------
# list fields
# --------------------------------------------------------------------------------------

PEOPLE = {"@type": "Person"}

LIST_CASES = [
    ("genre_list", movie(genre=["Action", "Adventure"]), "genres", ["Action", "Adventure"]),
    ("genre_string", movie(genre="Action, Adventure ,Sci-Fi"), "genres", ["Action", "Adventure", "Sci-Fi"]),
    ("genre_dedupe", movie(genre=["Action", "action", "Drama"]), "genres", ["Action", "Drama"]),
    ("genre_missing", movie(), "genres", []),
    ("director_obj", movie(director={**PEOPLE, "name": "Sam Raimi"}), "directors", ["Sam Raimi"]),
    ("director_list", movie(director=[{**PEOPLE, "name": "A B"}, {**PEOPLE, "name": "C D"}]), "directors", ["A B", "C D"]),
    ("director_string", movie(director="Sam Raimi"), "directors", ["Sam Raimi"]),
    ("director_string_list", movie(director=["Sam Raimi", "Sam Raimi"]), "directors", ["Sam Raimi"]),
    (
        "director_na_skipped",
        movie(director=[{**PEOPLE, "name": "NA", "sameAs": "https://www.imdb.com/name/nm0000600/"},
                        {**PEOPLE, "name": "N/A"}, {**PEOPLE, "name": ""}, {**PEOPLE, "sameAs": "x"}]),
        "directors",
        [],
    ),
    ("directors_plural", movie(directors=[{"name": "Sam Raimi"}]), "directors", ["Sam Raimi"]),
    ("director_given_family", movie(director={**PEOPLE, "givenName": "Sam", "familyName": "Raimi"}), "directors", ["Sam Raimi"]),
    (
        "writers_author_creator",
        movie(author=[{**PEOPLE, "name": "David Koepp"}], creator=[{**PEOPLE, "name": "Stan Lee"}, {**PEOPLE, "name": "David Koepp"}]),
        "writers",
        ["David Koepp", "Stan Lee"],
    ),
    (
        "writers_skip_organization",
        movie(creator=[{"@type": "Organization", "name": "Columbia Pictures"}, {**PEOPLE, "name": "Stan Lee"}]),
        "writers",
        ["Stan Lee"],
    ),
    ("writers_untyped_ok", movie(author={"name": "David Koepp"}), "writers", ["David Koepp"]),
    ("writers_string", movie(author="David Koepp"), "writers", ["David Koepp"]),
    ("writers_corporation", movie(author={"@type": "Corporation", "name": "Marvel"}), "writers", []),
]


@pytest.mark.parametrize("obj,field,expected", [c[1:] for c in LIST_CASES], ids=[c[0] for c in LIST_CASES])
def test_list_fields(obj, field, expected):
    assert getattr(page(obj), field)() == expected


def cast_of(**props):
    return page(movie(**props)).cast()


CAST_CASES = [
    ("objects", {"actor": [{**PEOPLE, "name": "Tobey Maguire"}, {**PEOPLE, "name": "Kirsten Dunst"}]},
     [{"name": "Tobey Maguire", "character": None}, {"name": "Kirsten Dunst", "character": None}]),
    ("strings", {"actor": ["Tobey Maguire", "Kirsten Dunst"]},
     [{"name": "Tobey Maguire", "character": None}, {"name": "Kirsten Dunst", "character": None}]),
    ("single_object", {"actor": {**PEOPLE, "name": "Tobey Maguire"}}, [{"name": "Tobey Maguire", "character": None}]),
    ("actors_plural", {"actors": [{**PEOPLE, "name": "Willem Dafoe"}]}, [{"name": "Willem Dafoe", "character": None}]),
    ("actor_then_actors", {"actor": ["A B"], "actors": ["C D", "A B"]},
     [{"name": "A B", "character": None}, {"name": "C D", "character": None}]),
    ("character_name", {"actor": [{**PEOPLE, "name": "Tobey Maguire", "characterName": "Peter Parker"}]},
     [{"name": "Tobey Maguire", "character": "Peter Parker"}]),
    (
        "performance_role",
        {"actor": [{"@type": "PerformanceRole", "actor": {**PEOPLE, "name": "Tobey Maguire"}, "characterName": "Peter Parker"},
                   {"@type": "PerformanceRole", "actor": [{**PEOPLE, "name": "Willem Dafoe"}], "characterName": ["Norman Osborn", "Green Goblin"]}]},
        [{"name": "Tobey Maguire", "character": "Peter Parker"},
         {"name": "Willem Dafoe", "character": "Norman Osborn / Green Goblin"}],
    ),
    ("role_untyped", {"actor": [{"actor": {"name": "Tobey Maguire"}, "roleName": "Spidey"}]},
     [{"name": "Tobey Maguire", "character": "Spidey"}]),
    ("na_skipped", {"actor": [{**PEOPLE, "name": "N/A"}, "Tobey Maguire"]}, [{"name": "Tobey Maguire", "character": None}]),
    ("dupe_fills_character", {"actor": ["Tobey Maguire"], "actors": [{"name": "Tobey Maguire", "characterName": "Peter"}]},
     [{"name": "Tobey Maguire", "character": "Peter"}]),
]


@pytest.mark.parametrize("props,expected", [c[1:] for c in CAST_CASES], ids=[c[0] for c in CAST_CASES])
def test_cast(props, expected):
    assert cast_of(**props) == expected


# --------------------------------------------------------------------------------------
# offers
# --------------------------------------------------------------------------------------


def offer_row(**kw):
    row = dict(provider=None, offer_type=None, price=None, currency=None, quality=None, region=None, url=None)
    row.update(kw)
    return row


OFFER_CASES = [
    (
        "offer_seller_category",
        {"offers": {"@type": "Offer", "seller": {"@type": "Organization", "name": "Apple TV"}, "category": "rent",
                    "price": "3.99", "priceCurrency": "USD", "videoQuality": "HD", "url": "https://tv.apple.com/x",
                    "eligibleRegion": {"@type": "Country", "name": "US"}}},
        [offer_row(provider="Apple TV", offer_type="rent", price="3.99", currency="USD", quality="HD", region="US",
                   url="https://tv.apple.com/x")],
    ),
    (
        "offer_offered_by_business_function",
        {"offers": [{"@type": "Offer", "offeredBy": {"name": "Vudu"}, "price": 14.99, "priceCurrency": "USD",
                     "businessFunction": "http://purl.org/goodrelations/v1#Sell"}]},
        [offer_row(provider="Vudu", offer_type="buy", price="14.99", currency="USD")],
    ),
    (
        "offer_name_provider",
        {"offers": [{"@type": "Offer", "name": "Netflix", "category": "subscription"}]},
        [offer_row(provider="Netflix", offer_type="subscription")],
    ),
    (
        "offer_name_type_and_quality",
        {"offers": [{"@type": "Offer", "name": "Rent 4K", "seller": {"name": "Prime Video"}, "price": "5.99"}]},
        [offer_row(provider="Prime Video", offer_type="rent", price="5.99", quality="4K")],
    ),
    (
        "offer_free_availability",
        {"offers": [{"@type": "Offer", "seller": {"name": "Tubi"}, "category": "Free with ads", "price": "0"}]},
        [offer_row(provider="Tubi", offer_type="ads", price="0")],
    ),
    (
        "aggregate_offer_sub_offers",
        {"offers": {"@type": "AggregateOffer", "priceCurrency": "GBP", "offers": [
            {"@type": "Offer", "seller": {"name": "Sky Store"}, "category": "buy", "price": "9.99"},
            {"@type": "Offer", "seller": {"name": "Rakuten"}, "category": "rent", "price": "3.49"}]}},
        [offer_row(provider="Sky Store", offer_type="buy", price="9.99", currency="GBP"),
         offer_row(provider="Rakuten", offer_type="rent", price="3.49", currency="GBP")],
    ),
    (
        "aggregate_offer_low_price",
        {"offers": {"@type": "AggregateOffer", "lowPrice": "2.99", "highPrice": "19.99", "priceCurrency": "EUR"}},
        [offer_row(price="2.99", currency="EUR")],
    ),
    (
        "watch_action_subscription_regions",
        {"potentialAction": {"@type": "WatchAction",
                             "target": {"@type": "EntryPoint", "urlTemplate": "https://www.netflix.com/title/60004481"},
                             "actionAccessibilityRequirement": {"@type": "ActionAccessSpecification",
                                                                "category": "subscription",
                                                                "eligibleRegion": [{"@type": "Country", "name": "US"},
                                                                                   {"@type": "Country", "name": "CA"}]}}},
        [offer_row(provider="netflix", offer_type="subscription", region="US", url="https://www.netflix.com/title/60004481"),
         offer_row(provider="netflix", offer_type="subscription", region="CA", url="https://www.netflix.com/title/60004481")],
    ),
    (
        "watch_action_free_nologin",
        {"potentialAction": [{"@type": "WatchAction", "target": "https://tubitv.com/movies/1",
                              "actionAccessibilityRequirement": {"category": "nologinrequired"}}]},
        [offer_row(provider="tubitv", offer_type="free", url="https://tubitv.com/movies/1")],
    ),
    (
        "watch_action_external_subscription",
        {"potentialAction": {"@type": "WatchAction", "target": {"urlTemplate": "https://www.max.com/movies/x"},
                             "actionAccessibilityRequirement": {"category": "externalsubscription",
                                                                "eligibleRegion": "US"}}},
        [offer_row(provider="max", offer_type="subscription", region="US", url="https://www.max.com/movies/x")],
    ),
    (
        "watch_action_expects_offer",
        {"potentialAction": {"@type": "WatchAction", "target": {"urlTemplate": "https://tv.apple.com/movie/x"},
                             "actionAccessibilityRequirement": {
                                 "category": "purchase",
                                 "expectsAcceptanceOf": {"@type": "Offer", "category": "rent", "price": 3.99,
                                                         "priceCurrency": "USD",
                                                         "seller": {"@type": "Organization", "name": "Apple TV"},
                                                         "eligibleRegion": {"@type": "Country", "name": "US"}}}}},
        [offer_row(provider="Apple TV", offer_type="rent", price="3.99", currency="USD", region="US",
                   url="https://tv.apple.com/movie/x")],
    ),
    (
        # a WatchAction pointing at the site's own where-to-watch anchor names no provider
        # (a row without provider is dropped by the pipeline)
        "watch_action_own_site",
        {"potentialAction": {"@type": "WatchAction", "target": "https://www.filmsift.test/m/heat/#where-to-watch"}},
        [offer_row(url="https://www.filmsift.test/m/heat/#where-to-watch")],
    ),
    (
        "offer_video_format_quality",
        {"offers": {"@type": "Offer", "category": "subscription", "videoFormat": "HD",
                    "seller": {"@type": "Organization", "name": "Hulu"}}},
        [offer_row(provider="Hulu", offer_type="subscription", quality="HD")],
    ),
    (
        "not_a_watch_action",
        {"potentialAction": {"@type": "SearchAction", "target": "https://x.com/?q={q}"}},
        [],
    ),
]


@pytest.mark.parametrize("props,expected", [c[1:] for c in OFFER_CASES], ids=[c[0] for c in OFFER_CASES])
def test_offers(props, expected):
    assert page(movie(**props)).offers() == expected


def test_offers_deduplicated():
    o = {"@type": "Offer", "seller": {"name": "Vudu"}, "category": "rent", "price": "3.99"}
    assert len(page(movie(offers=[o, dict(o)])).offers()) == 1


@pytest.mark.parametrize(
    "value,expected",
    [("rent", "rent"), ("Rental", "rent"), ("http://purl.org/goodrelations/v1#LeaseOut", "rent"),
     ("purchase", "buy"), ("http://purl.org/goodrelations/v1#Sell", "buy"), ("Subscription", "subscription"),
     ("externalsubscription", "subscription"), ("nologinrequired", "free"), ("free", "free"),
     ("Free with ads", "ads"), ("https://schema.org/InStock", None), ("current", None), ("free trial", None)],
)
def test_offer_type_hint(value, expected):
    assert offer_type_hint(value) == expected


@pytest.mark.parametrize(
    "url,expected",
    [("https://www.netflix.com/title/1", "netflix"), ("https://tv.apple.com/us/movie/x", "Apple TV"),
     ("https://www.primevideo.com/detail/x", "primevideo"), ("https://www.amazon.co.uk/dp/x", "amazon"),
     ("not a url", None), (None, None)],
)
def test_provider_from_url(url, expected):
    assert provider_from_url(url) == expected


# --------------------------------------------------------------------------------------
# whole page
# --------------------------------------------------------------------------------------


def test_fields_whole_page():
    p = page(
        {"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": "Watch"},
            {"@type": "WebPage", "@id": URL, "mainEntity": {"@id": URL + "#movie"}},
            movie(**{"@id": URL + "#movie"}, datePublished="2002-05-03", duration="PT2H1M", genre="Action",
                  director={"@type": "Person", "name": "Sam Raimi"}, actor=["Tobey Maguire"],
                  aggregateRating=rating(ratingValue="7.4", ratingCount="900,000", author="IMDb")),
        ]}
    )
    assert p.fields() == {
        "title": "Spider-Man",
        "year": "2002-05-03",
        "runtime": "PT2H1M",
        "imdb_rating": "7.4",
        "imdb_votes": "900,000",
        "genres": ["Action"],
        "directors": ["Sam Raimi"],
        "cast": [{"name": "Tobey Maguire", "character": None}],
    }


def test_series_fields_from_series_object():
    p = page({"@type": "TVSeries", "name": "The Show", "startDate": "2019-01-01"})
    assert (p.kind(), p.title(), p.year()) == ("series", "The Show", "2019-01-01")


def test_rich_movie_among_card_movies_is_film():
    cards = [movie(name=f"Card {i}", url=f"/movie/card-{i}") for i in range(4)]
    main = movie(name="Main", director="Sam Raimi", actor=["A B"], duration="PT2H")
    p = page(*cards[:2], main, *cards[2:])
    assert (p.kind(), p.title()) == ("film", "Main")


def test_richest_movie_chosen_when_unanchored():
    p = page(movie(name="Sequel stub"), movie(name="Main", director="Sam Raimi", duration="PT2H"))
    assert p.title() == "Main"


def test_rich_standalone_movie_next_to_related_itemlist_is_film():
    related = {"@type": "ItemList", "name": "You may also like",
               "itemListElement": [movie(name="A"), movie(name="B"), movie(name="C")]}
    main = movie(name="Main", director="Sam Raimi", actor=["A B"], duration="PT2H")
    p = page(main, related)
    assert (p.kind(), p.applies(), p.title()) == ("film", True, "Main")


def test_series_with_seasons_and_episodes_is_series():
    show = {"@type": "TVSeries", "name": "Show"}
    eps = [{"@type": "TVEpisode", "name": f"E{i}"} for i in range(3)]
    assert page(show, *eps).kind() == "series"
    listed = {"@type": "ItemList", "itemListElement": eps}
    p = page(show, listed)
    assert (p.kind(), p.title()) == ("series", "Show")


SCHEMA_KEYS = st.sampled_from([
    "@type", "@id", "name", "ratingValue", "bestRating", "ratingCount", "author", "publisher", "actor",
    "characterName", "roleName", "seller", "offeredBy", "category", "price", "priceCurrency", "offers",
    "eligibleRegion", "target", "urlTemplate", "actionAccessibilityRequirement", "expectsAcceptanceOf",
    "startDate", "itemListElement", "item", "givenName", "priceSpecification", "lowPrice", "url",
])
schema_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10)
    | st.sampled_from(["Person", "Organization", "PerformanceRole", "WatchAction", "Offer", "AggregateOffer",
                       "IMDb", "10", "8.7", "0", "N/A", "rent", "subscription", "Movie"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(SCHEMA_KEYS, children, max_size=5),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["name", "datePublished", "releasedEvent", "duration", "aggregateRating", "genre",
                         "director", "author", "creator", "actor", "actors", "offers", "potentialAction",
                         "contentRating", "description", "url", "@id", "mainEntity", "copyrightYear"]),
        schema_values,
    ),
    st.sampled_from(["Movie", ["Movie"], "TVSeries", "ItemList", "WebPage", None, 5]),
)
def test_field_methods_never_raise_on_odd_shapes(props, type_):
    obj = {**props, "@type": type_}
    obj["mainEntity"] = props.get("mainEntity")
    p = page(obj, {"@type": "WebPage", "mainEntity": obj})
    p.applies()
    p.kind()
    for name in ("title", "year", "runtime", "imdb_rating", "imdb_votes", "content_rating", "synopsis",
                 "genres", "directors", "writers", "cast", "offers"):
        getattr(p, name)()


@pytest.mark.parametrize(
    "function, expected",
    [
        ("http://purl.org/goodrelations/v1#ProvideService", "subscription"),
        ("http://purl.org/goodrelations/v1#LeaseOut", "rent"),
        ("http://purl.org/goodrelations/v1#Sell", "buy"),
    ],
)
def test_goodrelations_business_function(function, expected):
    offer = {"@type": "Offer", "seller": {"@type": "Organization", "name": "Hulu"}, "businessFunction": function}
    assert [o["offer_type"] for o in page(movie(offers=[offer])).offers()] == [expected]
