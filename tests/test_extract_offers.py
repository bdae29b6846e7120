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
