"""html_offers: "where to watch" tables, cards, grouped logos, price rows."""

from __future__ import annotations

import pytest
from parsel import Selector

from filmcrawl.extract.base import FamilyPage
from filmcrawl.extract.offers import OffersPage, clean_provider, html_offers

URL = "https://films.test/movie/heat-1995"


def offers(body: str, url: str = URL):
    return html_offers(Selector(text=f"<html><body><h1>Heat (1995)</h1>{body}</body></html>"), url)


def rows(body, keys=("provider", "offer_type", "price", "quality")):
    return [tuple(o[k] for k in keys) for o in offers(body)]


TABLE = """<section class="where-to-watch"><h2>Where to watch</h2>
<table><thead><tr><th>Service</th><th>Type</th><th>Price</th><th>Quality</th><th></th></tr></thead>
<tbody>
<tr><td>Netflix</td><td>Subscription</td><td>—</td><td>HD</td><td><a href="/go/netflix">Watch</a></td></tr>
<tr><td><img src="/l/apple.png" alt="Apple TV logo"></td><td>Rent</td><td>$3.99</td><td>4K</td><td><a href="https://tv.apple.com/heat">Watch</a></td></tr>
<tr><td>Hulu</td><td>Not available</td><td></td><td></td><td></td></tr>
</tbody></table></section>"""

CARDS = """<div class="providers">
<a class="card" href="https://www.netflix.com/title/1"><img src="n.png" alt="Netflix"><span>Stream</span></a>
<a class="card" href="https://www.amazon.com/dp/x"><img src="a.png" alt="Amazon Prime Video"><span>Included with Prime</span></a>
<a class="card" href="https://www.youtube.com/watch?v=1" aria-label="Watch trailer"><img alt="Trailer"></a>
<div class="card ad"><span>Sponsored</span><img alt="Paramount+"><a href="/signup">Sign up</a></div>
</div>"""

GROUPED = """<h2>Where to watch Heat</h2>
<h3>Stream</h3><div class="logos"><a href="/r/max"><img alt="Max"></a><a href="/r/hulu"><img alt="Hulu"></a></div>
<h3>Rent</h3><div class="logos"><a href="/r/apple"><img alt="Apple TV"></a></div>
<h3>Buy</h3><ul><li><a href="/r/vudu"><img alt="Vudu"></a></li><li><a href="/r/gp"><img alt="Google Play Movies"></a></li></ul>"""

MULTI_Q = """<div class="watch-options"><ul>
<li><img alt="Apple TV"> Rent: SD $2.99 HD $3.99 4K $5.99</li>
<li><img alt="Vudu"> Buy <span>HD</span> <span>$9.99</span></li>
</ul></div>"""

EURO = """<h2>Streaming &amp; Kaufen</h2><ul class="offers">
<li><span class="provider-name">Sky Store</span> <span>Rent</span> <span>3,99 €</span></li>
<li><span class="provider-name">Rakuten TV</span> <span>Buy</span> <span>£4.49</span> <span>Ultra HD</span></li>
</ul>"""

DATA_ATTRS = """<div class="streaming">
<div data-provider="Peacock" data-offer-type="Free with ads"><a href="https://peacock.com/heat">Watch now</a></div>
<div data-provider="Tubi"><span>Free</span></div></div>"""

AVAILABLE_ON = """<p>Available on: <a href="https://netflix.com/heat"><img alt="Netflix"></a>
<a href="https://hulu.com/heat"><img alt="Hulu logo"></a></p>"""

TEXT_LIST = """<h2>Watch now</h2><ul><li>Netflix — Stream (HD)</li><li>Amazon Video — Rent from $3.99</li>
<li>Sign up for Paramount+</li></ul>"""

QUALITY_COLUMNS = """<h2>Rent or buy</h2><table>
<tr><th>Store</th><th>SD</th><th>HD</th><th>4K</th></tr>
<tr><td><a href="https://itunes.test/heat">iTunes</a></td><td>$3.99</td><td>$4.99</td><td>—</td></tr>
</table>"""

OPTION_ROWS = """<div id="availability"><table>
<tr><th>Stream</th><td><img alt="Netflix"><img alt="Kanopy"></td></tr>
<tr><th>Ad-supported</th><td><img alt="Pluto TV"></td></tr>
</table></div>"""

ARIA_BUTTONS = """<div class="watch-buttons">
<a href="https://play.max.com/heat" aria-label="Watch Heat on Max"><svg></svg></a>
<a href="https://tv.apple.com/heat" title="Rent on Apple TV for $3.99"><span>Rent $3.99</span></a>
</div>"""

DL_GROUPS = """<section><h2>Streaming options</h2><dl>
<dt>Free</dt><dd><a href="/x/tubi"><img alt="Tubi"></a></dd>
<dt>Buy</dt><dd><a href="/x/ms"><img alt="Microsoft Store"></a> <span>from $9.99</span></dd>
</dl></section>"""


@pytest.mark.parametrize(
    "body, expected",
    [
        (TABLE, [("Netflix", "Subscription", None, "HD"), ("Apple TV", "Rent", "$3.99", "4K")]),
        (CARDS, [("Netflix", "Stream", None, None), ("Amazon Prime Video", "Included with Prime", None, None)]),
        (GROUPED, [("Max", "Stream", None, None), ("Hulu", "Stream", None, None), ("Apple TV", "Rent", None, None),
                   ("Vudu", "Buy", None, None), ("Google Play Movies", "Buy", None, None)]),
        (MULTI_Q, [("Apple TV", "Rent", "$2.99", "SD"), ("Apple TV", "Rent", "$3.99", "HD"),
                   ("Apple TV", "Rent", "$5.99", "4K"), ("Vudu", "Buy", "$9.99", "HD")]),
        (EURO, [("Sky Store", "Rent", "3,99 €", None), ("Rakuten TV", "Buy", "£4.49", "Ultra HD")]),
        (DATA_ATTRS, [("Peacock", "Free with ads", None, None), ("Tubi", "Free", None, None)]),
        (AVAILABLE_ON, [("Netflix", None, None, None), ("Hulu", None, None, None)]),
        (TEXT_LIST, [("Netflix", "Stream", None, "HD"), ("Amazon Video", "Rent", "$3.99", None)]),
        (QUALITY_COLUMNS, [("iTunes", None, "$3.99", "SD"), ("iTunes", None, "$4.99", "HD")]),
        (OPTION_ROWS, [("Netflix", "Stream", None, None), ("Kanopy", "Stream", None, None),
                       ("Pluto TV", "Ad-supported", None, None)]),
        (ARIA_BUTTONS, [("Max", None, None, None), ("Apple TV", "Rent", "$3.99", None)]),
        (DL_GROUPS, [("Tubi", "Free", None, None), ("Microsoft Store", "Buy", "$9.99", None)]),
    ],
    ids=["table", "cards", "grouped", "multi-quality", "euro-pound", "data-attrs", "available-on",
         "text-list", "quality-columns", "option-rows", "aria-buttons", "dl-groups"],
)
def test_markups(body, expected):
    assert rows(body) == expected


@pytest.mark.parametrize(
    "body, index, field, expected",
    [
        (TABLE, 0, "url", "https://films.test/go/netflix"),
        (TABLE, 1, "url", "https://tv.apple.com/heat"),
        (TABLE, 1, "currency", "$"),
        (CARDS, 0, "url", "https://www.netflix.com/title/1"),
        (GROUPED, 0, "url", "https://films.test/r/max"),
        (EURO, 0, "currency", "€"),
        (EURO, 1, "currency", "£"),
        (DATA_ATTRS, 0, "url", "https://peacock.com/heat"),
        (ARIA_BUTTONS, 0, "url", "https://play.max.com/heat"),
        (QUALITY_COLUMNS, 1, "url", "https://itunes.test/heat"),
    ],
)
def test_offer_details(body, index, field, expected):
    assert offers(body)[index][field] == expected


def test_offer_shape():
    for o in offers(TABLE):
        assert set(o) == {"provider", "offer_type", "price", "currency", "quality", "region", "url"}


def test_region_from_heading_and_data():
    assert offers("<h2>Where to watch in the UK</h2><ul><li><img alt='BBC iPlayer'> Free</li></ul>")[0]["region"] == "UK"
    assert offers("<div class='providers' data-region='US'><a href='/n'><img alt='Netflix'></a></div>")[0]["region"] == "US"


@pytest.mark.parametrize(
    "body",
    [
        # no where-to-watch context at all
        "<p>Heat is a 1995 crime film. It was released on VHS and later on Netflix.</p><ul><li>Netflix</li></ul>",
        # provider list inside a related-films block
        "<section class='related'><h2>More like this</h2><div class='providers'><img alt='Netflix'></div></section>",
        "<h2>You may also like</h2><div class='streaming'><a href='/m/2'><img alt='Collateral poster'></a></div>",
        # only negatives in the zone
        "<div class='where-to-watch'><p>Not available to stream in your region.</p></div>",
        "<div class='where-to-watch'><a href='/signup'>Sign up</a> <a href='https://youtube.com/t'>Watch trailer</a></div>",
        "<h2>Where to watch</h2><div class='row'><span class='ad'>Advertisement</span></div>",
    ],
)
def test_negative_pages(body):
    assert offers(body) == []


def test_dedupe_keeps_page_order():
    body = """<div class="providers"><a href="/a"><img alt="Netflix"> Stream HD</a>
    <a href="/b"><img alt="netflix"> Stream HD</a><a href="/c"><img alt="Hulu"> Stream</a></div>"""
    assert [(o["provider"], o["url"]) for o in offers(body)] == [("Netflix", URL.rsplit("/", 2)[0] + "/a"),
                                                                  ("Hulu", URL.rsplit("/", 2)[0] + "/c")]


def test_poster_alt_is_not_a_provider():
    body = """<div class="watch-now"><img alt="Heat (1995) poster" src="/p.jpg">
    <a href="/n"><img alt="Netflix"></a></div>"""
    assert [o["provider"] for o in offers(body)] == ["Netflix"]


def test_accepts_family_page_and_offers_page():
    sel = Selector(text=f"<html><body><h1>Heat</h1>{CARDS}</body></html>")
    assert [o["provider"] for o in html_offers(FamilyPage(sel, URL))] == ["Netflix", "Amazon Prime Video"]
    page = OffersPage(sel, URL)
    assert page.applies()
    assert page.kind() is None
    assert page.fields()["offers"][0]["provider"] == "Netflix"
    assert not OffersPage(Selector(text="<html><body><h1>Heat</h1></body></html>"), URL).applies()


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Netflix logo", "Netflix"),
        ("Watch Heat on Max", "Max"),
        ("Stream on Hulu", "Hulu"),
        ("Rent on Apple TV for $3.99", "Apple TV"),
        ("Logo: Peacock", "Peacock"),
        ("Watch now", None),
        ("HD", None),
        ("Rent", None),
        ("$3.99", None),
        ("Watch trailer", None),
        ("", None),
    ],
)
def test_clean_provider(raw, expected):
    assert clean_provider(raw) == expected


# ---------------------------------------------------------------------------
# site chrome is no where-to-watch block
# ---------------------------------------------------------------------------
def page_offers(body: str):
    return [(o["provider"], o["offer_type"], o["price"], o["quality"])
            for o in html_offers(Selector(text=f"<html><body>{body}</body></html>"), URL)]


BLOG_SHELL = """<header class="masthead"><p class="brand">Reel Notes</p>
<p class="tagline">Film reviews &amp; where to stream them</p></header>
<div class="site"><main><article><header><h1>Where to Watch Gravity (2013)</h1><p>Posted by Kim</p></header>
<figure><img src="/g.jpg" alt="Sandra Bullock in Gravity"></figure>
{article}
</article></main>
<aside class="widgets"><section><h2>Recent posts</h2><ul><li><a href="/a">Where to watch Alien</a></li></ul></section>
<section><h2>Categories</h2><ul><li><a href="/c/drama">Drama</a></li><li><a href="/c/horror">Horror</a></li></ul></section>
</aside></div>"""


@pytest.mark.parametrize(
    "article, expected",
    [
        ("<p>An astronaut is stranded after her shuttle is destroyed.</p>", []),
        ("<h2>Where to stream Gravity</h2><ul><li>Max — Stream (HD)</li><li>Apple TV — Buy $9.99 4K</li></ul>"
         "<h2>Cast</h2><table><tr><td>Ryan Stone</td><td>Sandra Bullock</td></tr></table>",
         [("Max", "Stream", None, "HD"), ("Apple TV", "Buy", "$9.99", "4K")]),
    ],
    ids=["no-offers", "offers-under-heading"],
)
def test_site_tagline_and_title_are_no_zones(article, expected):
    assert page_offers(BLOG_SHELL.format(article=article)) == expected


def test_empty_where_to_watch_section_does_not_reach_the_page_footer():
    body = """<table class="layout"><tr><td><h1>Gravity</h1><p>Director: Alfonso Cuarón</p>
    <h3>Where to watch</h3><h3>Trivia</h3><p>Shot mostly on LED light boxes.</p></td></tr>
    <tr><td class="foot"><a href="/about">About Reel Notes</a> | <a href="/contact">Contact</a></td></tr></table>"""
    assert page_offers(body) == []


def test_a_where_to_watch_table_styled_like_related_tables_is_read():
    body = """<h1>Gravity</h1><h3>Where to watch</h3>
    <table class="related"><tr><th>Service</th><th>How</th><th>Price</th></tr>
    <tr><td>Max</td><td>Stream</td><td></td></tr><tr><td>Apple TV</td><td>Rent</td><td>$3.99</td></tr></table>
    <h3>Related titles</h3><table class="related"><tr><th>Title</th><th>Year</th></tr>
    <tr><td><a href="/m/apollo-13">Apollo 13</a></td><td>1995</td></tr></table>"""
    assert page_offers(body) == [("Max", "Stream", None, None), ("Apple TV", "Rent", "$3.99", None)]


@pytest.mark.parametrize(
    "body, expected",
    [
        # the header row is made of td cells, the label names the film
        ("<div class='box'><div class='box-title'>Watch Gravity online</div><table>"
         "<tr class='hd'><td>Provider</td><td>Type</td><td>Format</td><td>Price</td></tr>"
         "<tr><td><img src='/l/max.svg' alt=''> Max</td><td>Stream</td><td>HD</td><td>&mdash;</td></tr>"
         "<tr><td><img src='/l/atv.svg' alt=''> Apple TV</td><td>Buy</td><td>4K</td><td>$14.99</td></tr>"
         "</table></div>",
         [("Max", "Stream", None, "HD"), ("Apple TV", "Buy", "$14.99", "4K")]),
        # a card headed "Watch <title>"
        ("<div class='card'><div class='card-header'>Watch Gravity</div><div class='card-body'><ul>"
         "<li><img src='/l/max.svg' alt=''> <strong>Max</strong> <span>4K</span> Stream</li>"
         "<li><img src='/l/yt.svg' alt=''> <strong>YouTube</strong> <span>HD</span> Rent $3.99</li></ul></div></div>",
         [("Max", "Stream", None, "4K"), ("YouTube", "Rent", "$3.99", "HD")]),
        # "All offers" over a table with a Service column
        ("<div class='card'><div class='card-header'>All offers</div><table><thead><tr><th>Service</th>"
         "<th>Option</th><th>Quality</th><th>Price</th></tr></thead><tbody>"
         "<tr><td><a href='/go/max'>Max</a></td><td>Stream</td><td>4K</td><td>Included</td></tr></tbody></table></div>",
         [("Max", "Stream", None, "4K")]),
        # a provider table found by its header row alone
        ("<table><tr><th>Platform</th><th>Price</th></tr><tr><td>Google Play Movies</td><td>$3.99</td></tr></table>",
         [("Google Play Movies", None, "$3.99", None)]),
    ],
    ids=["td-header-row", "watch-title-card", "all-offers", "header-row-only"],
)
def test_more_zone_labels(body, expected):
    assert rows(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "<h2>Watch the trailer</h2><div><a href='https://youtube.com/x'><img alt='YouTube'></a></div>",
        "<div class='box-title'>Watch next</div><ul><li><a href='/m/1'>Apollo 13</a></li></ul>",
        "<table><tr><th>Title</th><th>Year</th></tr><tr><td>Apollo 13</td><td>1995</td></tr></table>",
    ],
)
def test_more_negative_zones(body):
    assert offers(body) == []


# ---------------------------------------------------------------------------
# offers written as sentences
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, expected",
    [
        ("<h1>Gravity</h1><p>Gravity is streaming on Max in 4K. You can also rent it on YouTube for $3.99 (HD) "
         "or from Google Play for $4.99 in 4K.</p>",
         [("Max", "subscription", None, "4K"), ("YouTube", "rent", "$3.99", "HD"),
          ("Google Play", "rent", "$4.99", "4K")]),
        # coordinated names share what follows them; a verb after the name gives its option
        ("<h1>Gravity</h1><p>You can rent it on Apple TV or Vudu for $3.99 in HD. To own it, Amazon sells the "
         "4K version for $12.99.</p>",
         [("Apple TV", "rent", "$3.99", "HD"), ("Vudu", "rent", "$3.99", "HD"), ("Amazon", "buy", "$12.99", "4K")]),
        # negated clauses are no offers; a clause without a name passes its option on
        ("<h1>Gravity</h1><p>It is not on Netflix or Hulu right now. If you don't subscribe, Amazon rents it "
         "for $3.99 (HD).</p>",
         [("Amazon", "rent", "$3.99", "HD")]),
        # a paragraph under a where-to-stream heading: names with no option take the heading's
        ("<h1>Gravity</h1><h2>Where to stream it</h2><p>It lives on Max and Hulu (both HD).</p>",
         [("Max", "subscription", None, "HD"), ("Hulu", "subscription", None, "HD")]),
        # the film's own title is no provider ("Mad Max"), nor is a name inside a longer name
        ("<h1>Mad Max</h1><p>You can stream Mad Max on Peacock with a subscription.</p>",
         [("Peacock", "subscription", None, None)]),
        # a provider named without any option, outside a where-to-watch section, is no offer
        ("<h1>Gravity</h1><p>Netflix once considered a sequel, and Hulu produced a documentary about it.</p>", []),
    ],
    ids=["stream-and-rent", "coordinated-and-verb", "negation", "zone-paragraph", "title-is-no-provider",
         "mention-only"],
)
def test_prose_offers(body, expected):
    got = [(o["provider"], o["offer_type"], o["price"], o["quality"])
           for o in html_offers(Selector(text=f"<html><body>{body}</body></html>"), URL)]
    assert got == expected


def test_prose_offers_only_when_the_page_has_no_offer_list():
    body = ("<h1>Gravity</h1><div class='where-to-watch'><ul><li>Max — Stream (HD)</li></ul></div>"
            "<p>Our tip: rent it on YouTube for $3.99 instead.</p>")
    assert rows(body) == [("Max", "Stream", None, "HD")]


@pytest.mark.parametrize(
    "body, expected",
    [
        # a "Watch <title>" label is weak: only known providers count under it
        ("<div class='box'><div class='box-title'>Watch Heat with friends</div>"
         "<ul><li>Popcorn</li><li>Netflix — Stream</li></ul></div>", [("Netflix", "Stream", None, None)]),
        ("<p>Watch Heat tonight</p><ul><li>Snacks ready</li><li>Lights off</li></ul>", []),
        # a where-to-watch heading is strong: any provider name counts
        ("<h2>Where to watch</h2><ul><li>Sky Store — Rent £3.49</li></ul>", [("Sky Store", "Rent", "£3.49", None)]),
        # a weak label around a strong zone is vouched for by it
        ("<div class='card'><div class='card-header'>Watch Heat</div><div class='card-body'><h3>Stream</h3>"
         "<ul><li>Sky Go</li><li>Netflix</li></ul></div></div>",
         [("Sky Go", "Stream", None, None), ("Netflix", "Stream", None, None)]),
    ],
    ids=["weak-label-known-only", "weak-label-nothing", "strong-label-any", "weak-vouched"],
)
def test_weak_labels(body, expected):
    assert rows(body) == expected


# ---------------------------------------------------------------------------
# generalization: labels describing the whole offer, logo attributes, split lines
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Hulu, subscription, HD", "Hulu"),
        ("Vudu, rent, 4K, $5.99", "Vudu"),
        ("Crackle · free with ads", "Crackle"),
        ("Paris, Texas", "Paris, Texas"),  # a comma inside a name stays
        ("Google Play, buy from $9.99", "Google Play"),
    ],
)
def test_clean_provider_strips_offer_descriptors(raw, expected):
    assert clean_provider(raw) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # an icon-only link whose accessible label describes the whole offer
        ("<section class='watch'><h3>Rent</h3><ul><li data-monetization='rent'>"
         "<a href='/go/v' aria-label='Vudu, rent, HD, $4.99'><img src='v.png' alt=''></a>"
         "<span>HD</span><span>$4.99</span></li></ul></section>",
         [("Vudu", "rent", "$4.99", "HD")]),
        # a generic alt ("Logo") with the name in the title attribute
        ("<table><tr><th>Provider</th><th>Offer</th><th>Price</th></tr>"
         "<tr><td><a href='/o/s'><img src='s.png' alt='Logo' title='Starz'></a></td><td>Flatrate</td><td>–</td></tr>"
         "</table>",
         [("Starz", "Flatrate", None, None)]),
        # one plain line holding two priced offers: each part read on its own
        ("<h2>Where to stream it</h2><ul><li><strong>Rent:</strong> Vudu, $2.99 (SD) &middot; "
         "YouTube, $3.99 (HD)</li></ul>",
         [("Vudu", "Rent", "$2.99", "SD"), ("YouTube", "Rent", "$3.99", "HD")]),
    ],
    ids=["aria-label-descriptor", "alt-logo-title-name", "middot-split-line"],
)
def test_generalized_markups(body, expected):
    assert rows(body) == expected


def test_free_heading_with_ads_monetization_is_ads():
    body = ("<section class='watch'><h3>Free</h3><ul><li data-monetization='ads'>"
            "<a href='/go/t' aria-label='Tubi, free'><img alt=''></a></li></ul></section>")
    assert [(o["provider"], o["offer_type"]) for o in offers(body)] == [("Tubi", "ads")]


@pytest.mark.parametrize(
    "body, expected",
    [
        # a negated condition ("if you don't mind") does not negate the offer
        ("<h1>Gravity</h1><p>It is free with ads on Tubi if you don't mind the breaks.</p>",
         [("Tubi", "ads", None, None)]),
        # the quality before the only provider of the clause
        ("<h1>Gravity</h1><p>Or buy it in 4K from Apple TV for $19.99.</p>",
         [("Apple TV", "buy", "$19.99", "4K")]),
    ],
    ids=["conditional-negation", "quality-before-provider"],
)
def test_more_prose_offers(body, expected):
    got = [(o["provider"], o["offer_type"], o["price"], o["quality"])
           for o in html_offers(Selector(text=f"<html><body>{body}</body></html>"), URL)]
    assert got == expected


@pytest.mark.parametrize(
    "body",
    [
        # a site tagline inside the logo link is no label for the menu after it
        "<div class='top'><a href='/' class='logo'><img alt='Reelfinder'><span>What's streaming in Canada</span></a>"
        "<ul class='menu'><li><a href='/latest'>Latest arrivals</a></li><li><a href='/free'>Free (CBC, Tubi)</a></li>"
        "<li><a href='/blog'>Blog</a></li></ul></div>",
        "<nav><a href='/rent'><b>Rent or buy films</b></a><ul class='links'><li><a href='/x'>Top picks</a></li></ul></nav>",
    ],
    ids=["logo-tagline", "link-label"],
)
def test_text_inside_a_link_labels_no_offers_zone(body):
    assert offers(body) == []
