"""LabelledPage: label -> value pairs in dl / tables / "Label: value" lines / badges."""

from __future__ import annotations

import pytest
from parsel import Selector

from filmcrawl.extract.labelled import LabelledPage, earliest_year, label_field, parse_imdb


def page(body: str, head: str = "", url: str = "https://films.test/film/x") -> LabelledPage:
    return LabelledPage(Selector(text=f"<html><head>{head}</head><body>{body}</body></html>"), url)


def names(people):
    return [p["name"] for p in people]


# ---------------------------------------------------------------------------
# label forms
# ---------------------------------------------------------------------------
DL = """<h1>Amélie</h1><dl class="facts">
<dt>Director</dt><dd><a href="/p/1">Jean-Pierre Jeunet</a></dd>
<dt>Writers</dt><dd>Guillaume Laurant</dd><dd>Jean-Pierre Jeunet</dd>
<dt>Genres</dt><dd><a>Comedy</a><a>Romance</a></dd>
<dt>Runtime</dt><dd>2 hr 2 min</dd>
<dt>Release date</dt><dd>25 April 2001</dd>
<dt>Music by</dt><dd>Yann Tiersen</dd>
</dl>"""

INFOBOX = """<h1>Forrest Gump</h1><aside class="infobox"><table>
<tr><th colspan="2">Forrest Gump</th></tr>
<tr><th>Directed by</th><td><a>Robert Zemeckis</a></td></tr>
<tr><th>Screenplay by</th><td>Eric Roth</td></tr>
<tr><th>Based on</th><td><i>Forrest Gump</i><br>by Winston Groom</td></tr>
<tr><th>Produced by</th><td>Wendy Finerman<br>Steve Tisch</td></tr>
<tr><th>Starring</th><td><div class="plainlist"><ul><li>Tom Hanks</li><li>Robin Wright</li><li>Gary Sinise</li></ul></div></td></tr>
<tr><th>Music by</th><td>Alan Silvestri</td></tr>
<tr><th>Cinematography</th><td>Don Burgess</td></tr>
<tr><th>Distributed by</th><td>Paramount Pictures</td></tr>
<tr><th>Release dates</th><td>June 23, 1994 (Los Angeles)<br>July 6, 1994 (United States)</td></tr>
<tr><th>Running time</th><td>142 minutes<sup>[1]</sup></td></tr>
<tr><th>Country</th><td>United States</td></tr>
<tr><th>Budget</th><td>$55 million</td></tr>
<tr><th>Box office</th><td>$678.2 million</td></tr>
</table></aside>"""

TD_TD = """<h1>Heat</h1><table class="details">
<tr><td>Director:</td><td>Michael Mann</td></tr>
<tr><td>Cast</td><td>Al Pacino, Robert De Niro and Val Kilmer</td></tr>
<tr><td>Length:</td><td>170 min</td></tr>
<tr><td>Year</td><td>1995</td></tr>
<tr><td>Something else</td><td>Not a label</td></tr>
</table>"""

LINES = """<h1>Sleepless in Seattle</h1><ul class="info">
<li><strong>Directed by:</strong> <a>Nora Ephron</a></li>
<li><b>Starring:</b> <a href="/a/1">Tom Hanks</a><a href="/a/2">Meg Ryan</a><a href="/a/3">Bill Pullman</a></li>
<li><span class="label">Genre:</span> Romance / Comedy</li>
<li>Running time: 105 minutes</li>
<li><span class="label">Rated</span> <span>PG</span></li>
<li><b>Produced by:</b> Gary Foster</li>
</ul>"""

BR_LINES = """<h1>Alien</h1><div class="movie-meta"><p>
<b>Director:</b> Ridley Scott<br>
<b>Writers:</b> Dan O'Bannon · Ronald Shusett<br>
<b>Stars:</b> Sigourney Weaver | Tom Skerritt | John Hurt<br>
<b>Released:</b> 1979<br>
<b>Duration:</b> 1h 57m
</p></div>"""

DIV_ROWS = """<h1>Up</h1><div class="specs">
<div class="row"><div class="key">Direction</div><div class="val"><span>Pete Docter</span><span>Bob Peterson</span></div></div>
<div class="row"><div class="key">Main cast</div><div class="val">Ed Asner (Carl Fredricksen), Jordan Nagai (Russell)</div></div>
<div class="row"><div class="key">Length</div><div class="val">96 min</div></div>
</div>"""


@pytest.mark.parametrize(
    "body, field, expected",
    [
        # dl
        (DL, "directors", ["Jean-Pierre Jeunet"]),
        (DL, "writers", ["Guillaume Laurant", "Jean-Pierre Jeunet"]),
        (DL, "genres", ["Comedy", "Romance"]),
        (DL, "runtime", "2 hr 2 min"),
        (DL, "year", "2001"),
        (DL, "title", "Amélie"),
        # th/td infobox
        (INFOBOX, "directors", ["Robert Zemeckis"]),
        (INFOBOX, "writers", ["Eric Roth"]),
        (INFOBOX, "year", "1994"),
        (INFOBOX, "runtime", "142 minutes"),
        # td/td rows
        (TD_TD, "directors", ["Michael Mann"]),
        (TD_TD, "runtime", "170 min"),
        (TD_TD, "year", "1995"),
        # "Label: value" lines
        (LINES, "directors", ["Nora Ephron"]),
        (LINES, "genres", ["Romance", "Comedy"]),
        (LINES, "runtime", "105 minutes"),
        (LINES, "content_rating", "PG"),
        # <br> separated lines in one paragraph
        (BR_LINES, "directors", ["Ridley Scott"]),
        (BR_LINES, "writers", ["Dan O'Bannon", "Ronald Shusett"]),
        (BR_LINES, "year", "1979"),
        (BR_LINES, "runtime", "1h 57m"),
        # div key/value rows
        (DIV_ROWS, "directors", ["Pete Docter", "Bob Peterson"]),
        (DIV_ROWS, "runtime", "96 min"),
    ],
)
def test_label_forms(body, field, expected):
    assert getattr(page(body), field)() == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        (INFOBOX, ["Tom Hanks", "Robin Wright", "Gary Sinise"]),
        (TD_TD, ["Al Pacino", "Robert De Niro", "Val Kilmer"]),
        (LINES, ["Tom Hanks", "Meg Ryan", "Bill Pullman"]),  # comma-less links
        (BR_LINES, ["Sigourney Weaver", "Tom Skerritt", "John Hurt"]),
        (DIV_ROWS, ["Ed Asner", "Jordan Nagai"]),
    ],
)
def test_cast_names(body, expected):
    assert names(page(body).cast()) == expected


def test_cast_characters_in_parentheses():
    assert page(DIV_ROWS).cast()[0] == {"name": "Ed Asner", "character": "Carl Fredricksen"}


@pytest.mark.parametrize(
    "body, expected",
    [
        ("<li><b>Cast:</b> Tom Hanks as Forrest Gump, Robin Wright as Jenny Curran</li>",
         [("Tom Hanks", "Forrest Gump"), ("Robin Wright", "Jenny Curran")]),
        ("<li><b>Starring:</b> <a>Tom Hanks</a> as Forrest, <a>Sally Field</a> as Mrs. Gump</li>",
         [("Tom Hanks", "Forrest"), ("Sally Field", "Mrs. Gump")]),
        ("<table><tr><th>Cast</th><td>Tom Hanks</td><td>Forrest Gump</td></tr></table>",
         [("Tom Hanks", "Forrest Gump")]),
        ("<table><tr><th rowspan='2'>Starring</th><td>Tom Hanks</td><td>Forrest</td></tr>"
         "<tr><td>Robin Wright</td><td>Jenny</td></tr></table>",
         [("Tom Hanks", "Forrest"), ("Robin Wright", "Jenny")]),
        ("<h2>Cast</h2><ul><li><a>Tom Hanks</a> <span class='character'>Forrest Gump</span></li>"
         "<li><a>Gary Sinise</a> <span class='character'>Lt. Dan</span></li></ul>",
         [("Tom Hanks", "Forrest Gump"), ("Gary Sinise", "Lt. Dan")]),
        ("<h3>Cast</h3><table><tr><td>Tom Hanks</td><td>...</td><td>Forrest Gump</td></tr>"
         "<tr><td>Mykelti Williamson</td><td>...</td><td>Bubba</td></tr></table>",
         [("Tom Hanks", "Forrest Gump"), ("Mykelti Williamson", "Bubba")]),
        ("<p>Actors: Robert Downey, Jr., Gwyneth Paltrow</p>",
         [("Robert Downey, Jr.", None), ("Gwyneth Paltrow", None)]),
    ],
)
def test_cast_characters(body, expected):
    got = [(c["name"], c["character"]) for c in page("<h1>X</h1>" + body).cast()]
    assert got == expected


# ---------------------------------------------------------------------------
# aliases
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "label, field",
    [
        ("Directed by", "directors"), ("Director(s):", "directors"), ("Directors", "directors"),
        ("Direction", "directors"), ("Written by", "writers"), ("Writer(s)", "writers"),
        ("Screenplay", "writers"), ("Screenplay by", "writers"), ("Story by", "writers"),
        ("Teleplay by", "writers"), ("Starring", "cast"), ("Cast:", "cast"), ("Stars", "cast"),
        ("Actors", "cast"), ("Main cast", "cast"), ("Running time", "runtime"), ("Runtime", "runtime"),
        ("Duration", "runtime"), ("Length", "runtime"), ("Release date(s)", "year"),
        ("Release dates", "year"), ("Released", "year"), ("Release year", "year"), ("Year", "year"),
        ("Premiere", "year"), ("Genre(s)", "genres"), ("Genres", "genres"), ("Rated", "content_rating"),
        ("Rating", "content_rating"), ("IMDb", "imdb"), ("IMDb rating", "imdb"), ("IMDb Score:", "imdb"),
        ("Title", "title"), ("Original title", "title"), ("Synopsis", "synopsis"), ("Plot", "synopsis"),
        ("Overview", "synopsis"), ("Storyline", "synopsis"), ("Based on", "ignore"),
        ("Novel by", "ignore"), ("Source material", "ignore"), ("Produced by", "ignore"),
        ("Music by", "ignore"), ("Cinematography", "ignore"), ("Edited by", "ignore"),
        ("Production company", "ignore"), ("Distributed by", "ignore"), ("Budget", "ignore"),
        ("Box office", "ignore"), ("Country", "ignore"), ("Language", "ignore"),
        ("DVD release date", "ignore"), ("Digital release", "ignore"), ("Number of seasons", "series"),
        ("Created by", "series"), ("Network", "series"), ("Episodes", "series"),
        ("User score", "score"), ("Our rating", "score"), ("Tagline", "ignore"), ("Favourite colour", None),
    ],
)
def test_label_aliases(label, field):
    assert label_field(label) == field


@pytest.mark.parametrize(
    "line, field, expected",
    [
        ("Director(s): Sofia Coppola", "directors", ["Sofia Coppola"]),
        ("Screenplay: Sofia Coppola", "writers", ["Sofia Coppola"]),
        ("Teleplay by: Rod Serling", "writers", ["Rod Serling"]),
        ("Story by: John Lasseter and Pete Docter", "writers", ["John Lasseter", "Pete Docter"]),
        ("Stars: Bill Murray, Scarlett Johansson", "cast", ["Bill Murray", "Scarlett Johansson"]),
        ("Duration: 102 min", "runtime", "102 min"),
        ("Release year: 2003", "year", "2003"),
        ("Premiere: 29 August 2003 (Telluride)", "year", "2003"),
        ("Genre(s): Drama | Romance", "genres", ["Drama", "Romance"]),
        ("Rating: R", "content_rating", "R"),
        ("Rated: PG-13 for some sexual content", "content_rating", "PG-13"),
        ("Certificate: Not Rated", "content_rating", "Not Rated"),
        ("IMDb rating: 7.7/10 from 1.2M votes", "imdb_rating", "7.7"),
        ("IMDb rating: 7.7/10 from 1.2M votes", "imdb_votes", "1.2M"),
        ("IMDb: 7.7 (450,000)", "imdb_votes", "450,000"),
        ("Plot: A faded movie star and a neglected young woman form an unlikely bond.", "synopsis",
         "A faded movie star and a neglected young woman form an unlikely bond."),
    ],
)
def test_alias_lines(line, field, expected):
    p = page(f"<h1>Lost in Translation</h1><div><p>{line}</p><p>Country: USA</p></div>")
    got = getattr(p, field)()
    if field == "cast":
        got = names(got)
    assert got == expected


def test_title_label_only_without_h1():
    p = page("<dl><dt>Title</dt><dd>Metropolis</dd><dt>Year</dt><dd>1927</dd><dt>Director</dt><dd>Fritz Lang</dd></dl>",
             head="<title>Metropolis | Site</title>")
    assert p.title() == "Metropolis"
    p = page("<h1>Metropolis (1927)</h1><dl><dt>Original title</dt><dd>Metropolis</dd></dl>")
    assert p.title() == "Metropolis (1927)"
    p = page("<p>nothing</p>", head="<title>Where to Watch Metropolis</title>")
    assert p.title() == "Where to Watch Metropolis"


def test_synopsis_heading():
    p = page("<h1>Up</h1><h2>Storyline</h2><p>An old man ties balloons to his house and flies away.</p>")
    assert p.synopsis() == "An old man ties balloons to his house and flies away."


# ---------------------------------------------------------------------------
# traps
# ---------------------------------------------------------------------------
def test_release_date_earliest_and_dvd_trap():
    p = page(
        "<h1>Blade Runner</h1><dl><dt>Release dates</dt><dd>June 25, 1982 (United States)</dd>"
        "<dd>2007 (Final Cut, restoration)</dd><dt>DVD release</dt><dd>1997</dd>"
        "<dt>Re-release</dt><dd>1992</dd><dt>Director</dt><dd>Ridley Scott</dd></dl>"
    )
    assert p.year() == "1982"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("7 December 2001 (Venice); 2021 (4K restoration)", "2001"),
        ("May 25, 1979, (US) 1979 (UK)", "1979"),
        ("Blu-ray: 2008, Theatrical: 1999", "1999"),
        ("2019 (re-release), 1977 (original)", "1977"),
        ("Streaming date: 2020", None),
        ("1999 (digital release 2012)", "1999"),
    ],
)
def test_earliest_year(text, expected):
    assert earliest_year(text) == expected


def test_release_value_mentioning_dvd_ignored():
    p = page("<h1>X</h1><ul><li>Released: 2005 (DVD)</li><li>Release date: 2003 (festival)</li>"
             "<li>Director: A B</li></ul>")
    assert p.year() == "2003"


def test_based_on_producer_composer_traps():
    p = page(INFOBOX)
    people = set(p.directors()) | set(p.writers()) | set(names(p.cast()))
    for trap in ("Winston Groom", "Wendy Finerman", "Steve Tisch", "Alan Silvestri", "Don Burgess"):
        assert trap not in people


def test_novel_credit_in_writers_value_dropped():
    p = page("<h1>X</h1><p><b>Writers:</b> Winston Groom (novel) · Eric Roth (screenplay)</p>")
    assert p.writers() == ["Eric Roth"]


@pytest.mark.parametrize(
    "body",
    [
        "<li>Rating: 8.6</li>",
        "<li>Rating: 4.5/5</li>",
        "<li>User score: 86%</li>",
        "<li>Our rating: ★★★★☆</li>",
        "<li>Critics: 8.1/10</li>",
        "<li>Stars: ★★★★</li>",
    ],
)
def test_site_score_is_not_imdb(body):
    p = page(f"<h1>X</h1><ul>{body}<li>Director: Jane Doe</li><li>Year: 2001</li></ul>")
    assert p.imdb_rating() is None
    assert p.content_rating() is None
    assert p.cast() == []


def test_rating_that_says_imdb_counts():
    p = page("<h1>X</h1><ul><li>Ratings: IMDb 8.1/10 · Rotten Tomatoes 91%</li><li>Director: A B</li></ul>")
    assert p.imdb_rating() == "8.1"


def test_imdb_logo_label():
    p = page("<h1>X</h1><dl><dt><img src='imdb.png' alt='IMDb'></dt><dd>7.9 (12,345)</dd>"
             "<dt>Director</dt><dd>A B</dd></dl>")
    assert (p.imdb_rating(), p.imdb_votes()) == ("7.9", "12,345")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("8.6 (900,000)", ("8.6", "900,000")),
        ("IMDb 8.6/10 from 1.2M votes", ("8.6", "1.2M")),
        ("8.6/10 (1,234,567 votes)", ("8.6", "1,234,567")),
        ("IMDb: 7", ("7", None)),
        ("no number", (None, None)),
    ],
)
def test_parse_imdb(text, expected):
    assert parse_imdb(text) == expected


# ---------------------------------------------------------------------------
# badges near the h1
# ---------------------------------------------------------------------------
BADGES = """<header><h1>Spirited Away</h1>
<ul class="badges"><li>PG</li><li>2001</li><li>2 hr 5 min</li><li>IMDb 8.6 (900,000)</li><li>Drama</li></ul>
</header><p>Some text</p>"""

BADGES_LOGO = """<div class="title"><h1>Heat</h1></div>
<div class="meta"><span>R</span> <span>1995</span> <span>170 min</span>
<span class="rating"><img src="/i/imdb.svg" alt="IMDb"> 8.3</span></div>"""

BADGES_SCORE = """<h1>Heat</h1><div class="meta"><span>1995</span><span>2h 50m</span><span>★ 8.3</span></div>"""

BADGES_DOTS = """<h1>Heat</h1><p class="sub">TV-MA · 2019 · 45m · TV Series</p>"""


@pytest.mark.parametrize(
    "body, field, expected",
    [
        (BADGES, "content_rating", "PG"),
        (BADGES, "year", "2001"),
        (BADGES, "runtime", "2 hr 5 min"),
        (BADGES, "imdb_rating", "8.6"),
        (BADGES, "imdb_votes", "900,000"),
        (BADGES, "genres", ["Drama"]),
        (BADGES_LOGO, "content_rating", "R"),
        (BADGES_LOGO, "year", "1995"),
        (BADGES_LOGO, "runtime", "170 min"),
        (BADGES_LOGO, "imdb_rating", "8.3"),
        (BADGES_SCORE, "imdb_rating", None),  # a plain star score is not IMDb
        (BADGES_SCORE, "runtime", "2h 50m"),
        (BADGES_DOTS, "content_rating", "TV-MA"),
        (BADGES_DOTS, "year", "2019"),
    ],
)
def test_badges(body, field, expected):
    assert getattr(page(body), field)() == expected


def test_badges_make_the_family_apply():
    assert page(BADGES).applies()
    assert page(BADGES).kind() == "film"


# ---------------------------------------------------------------------------
# applies / kind
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, applies, kind",
    [
        (INFOBOX, True, "film"),
        (DL, True, "film"),
        ("<h1>Breaking Bad</h1><dl><dt>Created by</dt><dd>Vince Gilligan</dd><dt>Starring</dt>"
         "<dd>Bryan Cranston</dd><dt>Number of seasons</dt><dd>5</dd><dt>Genre</dt><dd>Crime drama</dd></dl>",
         True, "series"),
        (BADGES_DOTS + "<ul><li>Genre: Drama</li></ul>", True, "series"),
        ("<h1>Blog</h1><p>Director: Someone</p><p>A post about films.</p>", False, None),
        ("<h1>Shop</h1><dl><dt>Price</dt><dd>$9</dd><dt>Country</dt><dd>US</dd><dt>Language</dt>"
         "<dd>English</dd></dl>", False, None),
        ("<h1>X</h1><ul><li>Synopsis: A long enough plot summary goes here.</li><li>Rating: PG</li></ul>",
         True, None),
    ],
)
def test_applies_and_kind(body, applies, kind):
    p = page(body)
    assert p.applies() is applies
    assert p.kind() == kind


def test_noise_blocks_ignored():
    p = page(
        "<h1>Heat</h1><ul><li>Director: Michael Mann</li><li>Year: 1995</li></ul>"
        "<section class='related'><h2>Related</h2><ul><li>Director: Other Person</li></ul></section>"
        "<footer><p>Director: Footer Person</p></footer>"
    )
    assert p.directors() == ["Michael Mann"]


def test_fields_shape():
    f = page(INFOBOX).fields()
    assert f["title"] == "Forrest Gump"
    assert all(isinstance(x, str) for x in f["directors"])
    assert all(set(c) == {"name", "character"} for c in f["cast"])


# ---------------------------------------------------------------------------
# site chrome: genre menus, "similar" blocks with styled-div headings
# ---------------------------------------------------------------------------
GENRE_WORDS = ["Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Family",
               "Fantasy", "Horror", "Western"]
MENU_LIST = "".join(f"<li><a href='/g/{g.lower()}'>{g}</a></li>" for g in GENRE_WORDS)
MENU_BR = "<br>".join(f"<a href='/g/{g.lower()}'>{g}</a>" for g in GENRE_WORDS)


@pytest.mark.parametrize(
    "body, expected",
    [
        # a "Genres" menu bar above the title, then the film's own genre label
        (f"<div class='bar'><span>Genres</span><ul>{MENU_LIST}</ul></div><h1>Paddington</h1>"
         "<dl><dt>Genre</dt><dd>Family, Comedy</dd></dl>", ["Family", "Comedy"]),
        # an old-style left column: "Genres" heading, then one link per line
        (f"<table><tr><td><div>Genres</div>{MENU_BR}</td><td><h1>Paddington</h1>"
         "<table><tr><th>Genre</th><td>Family</td></tr><tr><th>Running time</th><td>95 minutes</td></tr></table>"
         "</td></tr></table>", ["Family"]),
        # the menu alone gives no genres
        (f"<div class='bar'><span>Genres:</span><ul>{MENU_LIST}</ul></div><h1>Paddington</h1>"
         "<p>Director: Paul King</p><p>Runtime: 95 min</p>", []),
        # a genre word that is also a label word ("Music by") is still a genre in a Genre value
        ("<h1>Sing Street</h1><dl><dt>Genre</dt><dd><a href='/g/d'>Drama</a> <a href='/g/m'>Music</a></dd></dl>",
         ["Drama", "Music"]),
    ],
    ids=["menu-bar", "menu-left-column", "menu-only", "music-genre"],
)
def test_genre_menus_are_not_genres(body, expected):
    assert page(body).genres() == expected


@pytest.mark.parametrize(
    "body, field, expected",
    [
        ("<h1>Paddington</h1><div class='meta'>PG · 2014 · 1h 35m · Comedy, Family, Adventure</div>",
         "genres", ["Comedy", "Family", "Adventure"]),
        ("<h1>Amour</h1><div class='meta'><span>2012</span> | <span>2h 7m</span> | Drama / Romance | France</div>",
         "genres", ["Drama", "Romance"]),
        ("<h1>Amour</h1><div class='meta'><span class='age-rating'>12</span> | <span>2h 7m</span> | 2012</div>",
         "content_rating", "12"),
        ("<h1>Amour</h1><ul class='meta'><li>2012</li><li>2 h 7 min</li><li class='cert'>FSK 12</li></ul>",
         "content_rating", "FSK 12"),
        # a bare number without a rating class is no certificate
        ("<h1>Amour</h1><div class='meta'><span>12</span> | <span>2h 7m</span> | 2012</div>",
         "content_rating", None),
        (f"<h1>Amour</h1><div class='meta'>2012 · {' · '.join(GENRE_WORDS)}</div>", "genres", []),
    ],
    ids=["genre-commas", "genre-slashes", "age-class", "fsk-class", "bare-number", "badge-menu"],
)
def test_badge_lists(body, field, expected):
    assert getattr(page(body), field)() == expected


def test_styled_div_heading_drops_a_similar_block():
    p = page(
        "<h1>Gravity</h1><ul><li>Director: Alfonso Cuarón</li><li>Year: 2013</li></ul>"
        "<div class='box'><div class='box-title'>Similar movies</div><div class='cards'>"
        "<div class='card'><a>Apollo 13</a><div class='card-cast'>Cast: Tom Hanks, Kevin Bacon</div></div>"
        "</div></div>"
    )
    assert p.cast() == []
    assert p.directors() == ["Alfonso Cuarón"]


# ---------------------------------------------------------------------------
# credits
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "label",
    ["Written & Directed by", "Written and directed by", "Writer/Director", "Directed & written by",
     "Writer-director"],
)
def test_writer_director_label_is_both(label):
    p = page(f"<h1>Primer</h1><dl><dt>{label}</dt><dd>Shane Carruth</dd><dt>Runtime</dt><dd>77 min</dd></dl>")
    assert p.directors() == ["Shane Carruth"]
    assert p.writers() == ["Shane Carruth"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Frank Darabont & Stephen King", ["Frank Darabont", "Stephen King"]),
        ("Joel & Ethan Coen", ["Joel & Ethan Coen"]),
    ],
)
def test_writers_joined_by_ampersand(value, expected):
    assert page(f"<h1>X</h1><ul><li>Screenplay: {value}</li><li>Year: 1994</li></ul>").writers() == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # photo cards: a name block and a role block per person
        ("<h2>Cast</h2><div class='grid'>"
         "<div><img src='a.jpg' alt=''><div class='n'>Sandra Bullock</div><div class='r'>Ryan Stone</div></div>"
         "<div><img src='b.jpg' alt=''><div class='n'>George Clooney</div><div class='r'>Matt Kowalski</div></div>"
         "</div>",
         [("Sandra Bullock", "Ryan Stone"), ("George Clooney", "Matt Kowalski")]),
        # list items with a link card and a trailing "full cast" link
        ("<h2>Top cast</h2><ul><li><a href='/p/1'><img alt='Sandra Bullock'></a><div>Sandra Bullock</div>"
         "<div>as Ryan Stone</div></li><li><a href='/p/2'><img alt='Ed Harris'></a><div>Ed Harris</div>"
         "<div>as Mission Control</div></li></ul><a href='/full'>Full cast &amp; crew</a>",
         [("Sandra Bullock", "Ryan Stone"), ("Ed Harris", "Mission Control")]),
        # a cast list known by its class under a heading that is no label
        ("<section><h2>Cast &amp; crew</h2><div><span>Director</span> Alfonso Cuarón</div>"
         "<ul class='credits__cast'><li>Sandra Bullock <span class='credits__role'>Ryan Stone</span></li>"
         "<li>George Clooney <span class='credits__role'>Matt Kowalski</span></li></ul></section>",
         [("Sandra Bullock", "Ryan Stone"), ("George Clooney", "Matt Kowalski")]),
        # a role element is one character, slashes and all
        ("<h2>Cast</h2><ul><li><a>Doug Walker</a> <span class='role'>Ghost / Narrator</span></li>"
         "<li><a>Ann Lee</a> <span class='role'>Mara</span></li></ul>",
         [("Doug Walker", "Ghost / Narrator"), ("Ann Lee", "Mara")]),
        # "Starring:" on its own line, one "Name – Character" per line below it
        ("<div class='crew'><b>Director:</b> Alfonso Cuarón<br><b>Starring:</b><br>Sandra Bullock – Ryan Stone"
         "<br>George Clooney – Matt Kowalski<br><b>Music:</b> Steven Price</div>",
         [("Sandra Bullock", "Ryan Stone"), ("George Clooney", "Matt Kowalski")]),
        # links in a row are names, not name + character; the next heading ends the value
        ("<div><h2>Cast</h2><div class='chips'><a>Sandra Bullock</a><a>George Clooney</a><a>Ed Harris</a></div>"
         "<h2>Crew</h2><p>Director &amp; editor: Alfonso Cuarón</p></div>",
         [("Sandra Bullock", None), ("George Clooney", None), ("Ed Harris", None)]),
    ],
    ids=["photo-cards", "li-cards", "cast-class", "role-with-slash", "starring-lines", "link-chips"],
)
def test_cast_layouts(body, expected):
    got = [(c["name"], c["character"]) for c in page("<h1>Gravity</h1>" + body).cast()]
    assert got == expected


def test_a_card_with_one_cast_line_is_no_cast_list():
    body = ("<h1>Gravity</h1><p>Director: Alfonso Cuarón</p><p>Year: 2013</p>"
            "<div class='cards'><div class='card-cast'>Tom Hanks, Kevin Bacon</div></div>")
    assert page(body).cast() == []


def test_two_cell_rows_are_character_hints():
    body = ("<h1>Gravity</h1><p>Starring: Sandra Bullock, George Clooney</p><p>Year: 2013</p>"
            "<h2>Who plays who</h2><table><tr><td>Ryan Stone</td><td>Sandra Bullock</td></tr>"
            "<tr><td>George Clooney</td><td>Matt Kowalski</td></tr>"
            "<tr><th>Runtime</th><td>91 min</td></tr></table>")
    hints = page(body).fields()["character_hints"]
    assert hints == [("Ryan Stone", "Sandra Bullock"), ("George Clooney", "Matt Kowalski")]


# ---------------------------------------------------------------------------
# a lone IMDb badge
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, rating, votes",
    [
        ("<div class='scores'><span class='score imdb'>IMDb 7.7</span><span class='score-votes'>410K</span></div>",
         "7.7", "410K"),
        ("<div><span class='badge'>IMDb 6.9</span> <small>88,000 votes</small> <span>Critics 71%</span></div>",
         "6.9", "88,000"),
        ("<div class='row'><div class='pill'>IMDb 8.0</div><div class='pill2'>Site score 92</div></div>", "8.0", None),
        ("<div><span class='imdb'>IMDb</span> <b>7.2</b> (12,345 voted)</div>", "7.2", "12,345"),
        # the same badge class on several film cards: other films' ratings
        ("<ul><li><span class='card-score'>IMDb 7.1</span></li><li><span class='card-score'>IMDb 6.4</span></li></ul>",
         None, None),
    ],
    ids=["class-votes", "text-votes", "no-votes", "voted", "card-badges"],
)
def test_lone_imdb_badge(body, rating, votes):
    p = page("<h1>Gravity</h1><p>Director: Alfonso Cuarón</p><p>Runtime: 91 min</p><p>An astronaut is stranded.</p>"
             "<p>Her shuttle is destroyed.</p><p>She must find a way home.</p>" + body)
    assert (p.imdb_rating(), p.imdb_votes()) == (rating, votes)


def test_two_cell_rows_with_years_are_no_character_hints():
    body = ("<h1>Gravity</h1><p>Starring: Sandra Bullock</p><p>Year: 2013</p>"
            "<table><tr><td>The Blind Side (2009)</td><td>Sandra Bullock</td></tr></table>")
    assert "character_hints" not in page(body).fields()


# ---------------------------------------------------------------------------
# generalization: qualified release labels, "Name: Role" lines, dl cast lists
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "label, expected",
    [
        ("Swedish release", "year"),
        ("French cinema release", "year"),
        ("Year of production", "year"),
        ("Country / year", "year"),
        ("Production year", "year"),
        ("DVD release", "ignore"),
        ("Years active", None),
        ("Restoration in cinemas", None),
    ],
)
def test_qualified_year_labels(label, expected):
    assert label_field(label) == expected


def test_earliest_of_several_release_labels_wins():
    body = ("<h1>Fargo</h1><p><b>Country / year:</b> USA, 1996<br><b>UK release:</b> 31 May 1996<br>"
            "<b>Anniversary re-release:</b> 2021<br><b>Director:</b> Joel Coen</p>")
    assert page(body).year() == "1996"


@pytest.mark.parametrize(
    "body, expected",
    [
        # "Name: Role" lines under a Cast heading
        ("<h1>Fargo</h1><h2>Cast</h2><p><b>Frances McDormand:</b> Marge Gunderson<br>"
         "<b>William H. Macy:</b> Jerry Lundegaard</p>",
         [("Frances McDormand", "Marge Gunderson"), ("William H. Macy", "Jerry Lundegaard")]),
        # a dl of person -> role pairs
        ("<h1>Fargo</h1><h2>Cast</h2><dl><dt>Frances McDormand</dt><dd>Marge Gunderson</dd>"
         "<dt>Steve Buscemi</dt><dd>Carl Showalter</dd></dl>",
         [("Frances McDormand", "Marge Gunderson"), ("Steve Buscemi", "Carl Showalter")]),
        # a dl of role -> linked person pairs
        ("<h1>Fargo</h1><h2>Cast</h2><dl><dt>Marge Gunderson</dt><dd><a href='/p/1'>Frances McDormand</a></dd>"
         "<dt>Carl Showalter</dt><dd><a href='/p/2'>Steve Buscemi</a></dd></dl>",
         [("Frances McDormand", "Marge Gunderson"), ("Steve Buscemi", "Carl Showalter")]),
    ],
    ids=["name-colon-role", "dl-person-role", "dl-role-linked-person"],
)
def test_cast_pairs(body, expected):
    assert [(c["name"], c["character"]) for c in page(body).cast()] == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a blog headline about the film beside a "Film: X" card line
        ("<h1>the conversation, on a wet sunday</h1><p>Film: The Conversation<br>Year: 1974<br>"
         "Director: Francis Ford Coppola<br>Runtime: 113 min</p>", "The Conversation"),
        ("<h1>why i love metropolis</h1><p>Movie: Metropolis<br>Year: 1927<br>Director: Fritz Lang</p>", "Metropolis"),
        # a headline that does not name the labelled title stays
        ("<h1>Nosferatu</h1><p>Film: Eine Symphonie des Grauens<br>Year: 1922<br>Director: F. W. Murnau</p>",
         "Nosferatu"),
        # an original title inside the heading does not replace it
        ("<h1>The Hunt (Jagten)</h1><dl><dt>Original title</dt><dd>Jagten</dd><dt>Year</dt><dd>2012</dd></dl>",
         "The Hunt (Jagten)"),
    ],
    ids=["film-label", "movie-label", "unrelated-h1", "original-title"],
)
def test_title_label_beats_a_headline_naming_it(body, expected):
    assert page(body).title() == expected


@pytest.mark.parametrize(
    "meta, expected",
    [
        ("3 march 2022 · filed under: <a href='/t/horror'>horror</a>, <a href='/t/mystery'>mystery</a>",
         ["horror", "mystery"]),
        ("by Sam · Tagged: <a>Western</a>, <a>Drama</a> · 4 min read", ["Western", "Drama"]),
        ("Filed under: <a>Comedy</a>", ["Comedy"]),
        ("3 march 2022 · 5 min read", []),
    ],
    ids=["after-date", "tagged-with-reading-time", "line-start", "no-label"],
)
def test_tag_line_genres(meta, expected):
    assert page(f"<h1>Kestrel Bay</h1><p class='meta'>{meta}</p><p>Some words.</p>").genres() == expected
