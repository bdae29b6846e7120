"""The prose ("Where to Watch <Film>" review) family: one table per fact.

Every page here is built in the test from a heading and a few paragraphs, so each row
shows the one phrasing it checks.
"""

from __future__ import annotations

import html
import os
import sys
import types

import pytest
from parsel import Selector

try:
    from filmcrawl.extract.prose import ProsePage
except ImportError:  # the dispatcher package may import families not written yet
    _pkg = types.ModuleType("filmcrawl.extract")
    _pkg.__path__ = [os.path.join(os.path.dirname(__file__), "..", "filmcrawl", "extract")]
    sys.modules["filmcrawl.extract"] = _pkg
    from filmcrawl.extract.prose import ProsePage

SEED = os.path.join(os.path.dirname(__file__), "data", "seed_leaving_metropolis.txt")
FILLER = (
    "The story unfolds with patience, giving its characters room to breathe while the "
    "camera lingers on faces, streets and the small silences between people."
)


def page(*paras: str, h1: str | None = "Where to Watch Heat", title: str | None = None, extra: str = "") -> ProsePage:
    head = f"<title>{html.escape(title)}</title>" if title else ""
    body = "<header><div class='site'>FilmSite</div></header>"
    if h1 is not None:
        body += f"<h1>{html.escape(h1)}</h1>"
    body += "".join(f"<p>{html.escape(p)}</p>" for p in paras) + extra
    return ProsePage(Selector(text=f"<html><head>{head}</head><body>{body}</body></html>"), "https://example.org/p")


def facts(sentence: str, h1: str = "Where to Watch Heat") -> ProsePage:
    return page(FILLER, sentence, h1=h1)


def seed_page() -> ProsePage:
    with open(SEED, encoding="utf-8") as fh:
        lines = [line.strip() for line in fh if line.strip()]
    body = (
        f"<header><div class='site-name'>{html.escape(lines[0])}</div></header>"
        f"<h1>{html.escape(lines[1])}</h1>" + "".join(f"<p>{html.escape(p)}</p>" for p in lines[2:])
    )
    return ProsePage(Selector(text=f"<html><body>{body}</body></html>"), "https://example.org/seed"), lines[2:]


# ---------------------------------------------------------------------------
# Seed page, end to end
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return seed_page()


def test_seed_title(seed):
    assert seed[0].title() == "Leaving Metropolis"


def test_seed_year(seed):
    assert seed[0].year() == "2002"


def test_seed_runtime(seed):
    assert seed[0].runtime() == "89 minutes"


def test_seed_imdb_rating(seed):
    assert seed[0].imdb_rating() == "6.2"


def test_seed_genres(seed):
    assert seed[0].genres() == ["Romance", "Comedy", "Drama"]


def test_seed_directors(seed):
    assert seed[0].directors() == ["Brad Fraser"]


def test_seed_writers(seed):
    assert seed[0].writers() == ["Brad Fraser"]


def test_seed_cast(seed):
    assert seed[0].cast() == [
        {"name": "Troy Ruptash", "character": "David"},
        {"name": "Vince Corazza", "character": "Matt"},
        {"name": "Lynda Boyd", "character": "Violet"},
    ]


def test_seed_synopsis(seed):
    assert seed[0].synopsis() == "\n\n".join(seed[1])


def test_seed_no_votes_or_content_rating(seed):
    assert seed[0].imdb_votes() is None
    assert seed[0].content_rating() is None


def test_seed_kind_and_applies(seed):
    assert seed[0].applies() is True
    assert seed[0].kind() == "film"


# ---------------------------------------------------------------------------
# Directors and writers
# ---------------------------------------------------------------------------

CREW = [
    ("Heat is a 1995 crime thriller directed and written by Michael Mann.", ["Michael Mann"], ["Michael Mann"]),
    ("Heat was written and directed by Michael Mann.", ["Michael Mann"], ["Michael Mann"]),
    ("Heat is a crime drama directed by Michael Mann.", ["Michael Mann"], []),
    ("Michael Mann directs with icy precision.", ["Michael Mann"], []),
    ("Heat comes from director Michael Mann.", ["Michael Mann"], []),
    ("Heat is Michael Mann's 1995 thriller about a heist crew.", ["Michael Mann"], []),
    (
        "Heat was directed by Michael Mann from a screenplay by Eric Roth and Frank Pierson.",
        ["Michael Mann"],
        ["Eric Roth", "Frank Pierson"],
    ),
    ("The screenplay by Eric Roth is sharp.", [], ["Eric Roth"]),
    ("It was written by Eric Roth and Frank Pierson.", [], ["Eric Roth", "Frank Pierson"]),
    ("The script was penned by Eric Roth.", [], ["Eric Roth"]),
    ("The Michael Mann-directed Heat remains a landmark.", ["Michael Mann"], []),
    ("Heat was helmed by Kathryn Bigelow.", ["Kathryn Bigelow"], []),
    ("Michael Mann wrote and directed the film in the mid-nineties.", ["Michael Mann"], ["Michael Mann"]),
    ("Heat was directed by Joel Coen and Ethan Coen.", ["Joel Coen", "Ethan Coen"], []),
    (
        "Heat was directed by Anna Boden, Ryan Fleck and Jane Doe.",
        ["Anna Boden", "Ryan Fleck", "Jane Doe"],
        [],
    ),
    ("Writer-director Greta Gerwig keeps the pace lively.", ["Greta Gerwig"], ["Greta Gerwig"]),
    ("Heat was co-directed by Phil Lord and Chris Miller.", ["Phil Lord", "Chris Miller"], []),
    ("Under the direction of Jean-Pierre Jeunet, Heat finds its own rhythm.", ["Jean-Pierre Jeunet"], []),
    ("Heat is scripted by Charlie Kaufman.", [], ["Charlie Kaufman"]),
    (
        "Guillermo del Toro directs from a script by Matthew Robbins.",
        ["Guillermo del Toro"],
        ["Matthew Robbins"],
    ),
    ("Heat was directed by J. J. Abrams.", ["J. J. Abrams"], []),
    ("Written by Brad Fraser, Heat unfolds slowly.", [], ["Brad Fraser"]),
    ("Heat features Brad Fraser's sharp screenplay.", [], ["Brad Fraser"]),
    ("The film's director, Pedro Almodóvar, keeps it warm.", ["Pedro Almodóvar"], []),
    ("Michael Mann's Heat is a 1995 crime film.", ["Michael Mann"], []),
    ("Sofia Coppola, who wrote and directed the film, keeps it light.", ["Sofia Coppola"], ["Sofia Coppola"]),
    (
        "Stéphanie Joalland, who also co-wrote the script with Jayson Rothwell, keeps it tense.",
        [],
        ["Stéphanie Joalland", "Jayson Rothwell"],
    ),
    (  # a surname alone resolves to the full name given elsewhere
        "Heat is directed by Jean-Pierre Jeunet from a screenplay by Jeunet and Guillaume Laurant.",
        ["Jean-Pierre Jeunet"],
        ["Jean-Pierre Jeunet", "Guillaume Laurant"],
    ),
]


@pytest.mark.parametrize("sentence,directors,writers", CREW)
def test_crew_phrasings(sentence, directors, writers):
    p = facts(sentence)
    assert p.directors() == directors
    assert p.writers() == writers


CREW_TRAPS = [
    "Heat is based on the novel by Stephen King.",
    "Heat is based on the novel written by Stephen King.",
    "Heat was produced by Art Linson.",
    "Music by Elliot Goldenthal sets the tone.",
    "The score by Elliot Goldenthal is moody.",
    "Cinematography by Dante Spinotti is cool and blue.",
    "Shot by Dante Spinotti, the film glows.",
    "Like Jaws (1975), directed by Steven Spielberg, Heat builds tension slowly.",
    "Michael Mann previously directed Thief (1981).",
    "The music director A. R. Rahman adds colour.",
    "Stephen King wrote the novel it is based on.",
]


@pytest.mark.parametrize("sentence", CREW_TRAPS)
def test_crew_traps(sentence):
    p = facts(sentence)
    assert p.directors() == []
    assert p.writers() == []


# ---------------------------------------------------------------------------
# Cast
# ---------------------------------------------------------------------------

CAST = [
    ("Al Pacino plays Vincent Hanna, a driven detective.", [("Al Pacino", "Vincent Hanna")]),
    ("Al Pacino stars as Vincent Hanna.", [("Al Pacino", "Vincent Hanna")]),
    ("Al Pacino portrays Lt. Vincent Hanna.", [("Al Pacino", "Lt. Vincent Hanna")]),
    (
        "The film stars Al Pacino as Vincent Hanna and Robert De Niro as Neil McCauley.",
        [("Al Pacino", "Vincent Hanna"), ("Robert De Niro", "Neil McCauley")],
    ),
    (
        "The film stars Al Pacino (Vincent Hanna) and Robert De Niro (Neil McCauley).",
        [("Al Pacino", "Vincent Hanna"), ("Robert De Niro", "Neil McCauley")],
    ),
    (
        "It opens with Al Pacino as Vincent Hanna and Robert De Niro as Neil McCauley.",
        [("Al Pacino", "Vincent Hanna"), ("Robert De Niro", "Neil McCauley")],
    ),
    ("Woody, voiced by Tom Hanks, leads the toys.", [("Tom Hanks", "Woody")]),
    ("Woody (voiced by Tom Hanks) leads the toys.", [("Tom Hanks", "Woody")]),
    (
        "The rivals, Hanna and McCauley, played by Al Pacino and Robert De Niro, circle each other.",
        [("Al Pacino", "Hanna"), ("Robert De Niro", "McCauley")],
    ),
    ("Robert De Niro, playing Neil McCauley, is magnetic.", [("Robert De Niro", "Neil McCauley")]),
    ("Al Pacino in the role of Vincent Hanna is ferocious.", [("Al Pacino", "Vincent Hanna")]),
    ("Val Kilmer takes on the role of Chris Shiherlis.", [("Val Kilmer", "Chris Shiherlis")]),
    ("Vincent Hanna is played by Al Pacino.", [("Al Pacino", "Vincent Hanna")]),
    (
        "Heat is starring Al Pacino, Robert De Niro and Val Kilmer.",
        [("Al Pacino", None), ("Robert De Niro", None), ("Val Kilmer", None)],
    ),
    (
        "Heat features a cast including Al Pacino, Robert De Niro, and Val Kilmer.",
        [("Al Pacino", None), ("Robert De Niro", None), ("Val Kilmer", None)],
    ),
    (
        "The ensemble shines, notable among them Al Pacino, Robert De Niro, and Val Kilmer.",
        [("Al Pacino", None), ("Robert De Niro", None), ("Val Kilmer", None)],
    ),
    ("The film stars Al Pacino and Robert De Niro.", [("Al Pacino", None), ("Robert De Niro", None)]),
    ("Al Pacino plays the lead, Vincent Hanna, a workaholic cop.", [("Al Pacino", "Vincent Hanna")]),
    ("Starring Zendaya and Tom Holland, the film moves fast.", [("Zendaya", None), ("Tom Holland", None)]),
    ("Penélope Cruz plays Raimunda with warmth.", [("Penélope Cruz", "Raimunda")]),
    ("Lupita Nyong'o plays Adelaide.", [("Lupita Nyong'o", "Adelaide")]),
    ("Dwayne Johnson voices Maui.", [("Dwayne Johnson", "Maui")]),
    ("Jodie Foster plays a young FBI trainee named Clarice Starling.", [("Jodie Foster", "Clarice Starling")]),
    ("Lynda Boyd as Violet brings an intricate character.", [("Lynda Boyd", "Violet")]),
    ("Al Pacino plays a relentless detective.", [("Al Pacino", None)]),
    ("J. K. Simmons plays Fletcher, a ruthless instructor.", [("J. K. Simmons", "Fletcher")]),
    (
        "The film stars Catherine O'Hara, Gael García Bernal and Ludwig van Beethoven.",
        [("Catherine O'Hara", None), ("Gael García Bernal", None), ("Ludwig van Beethoven", None)],
    ),
    (
        "Starring Robert Downey Jr. and Gwyneth Paltrow, the film soars.",
        [("Robert Downey Jr.", None), ("Gwyneth Paltrow", None)],
    ),
    ("Al Pacino, who plays Vincent Hanna, is ferocious.", [("Al Pacino", "Vincent Hanna")]),
    ("Robert De Niro, as the meticulous thief Neil McCauley, is cool.", [("Robert De Niro", "Neil McCauley")]),
    ("When Buzz Lightyear, voiced by Tim Allen, arrives, Woody panics.", [("Tim Allen", "Buzz Lightyear")]),
    ("Karlina Grace-Paseda rounds out the cast as Kara.", [("Karlina Grace-Paseda", "Kara")]),
]


def _pairs(p: ProsePage):
    return [(c["name"], c["character"]) for c in p.cast()]


@pytest.mark.parametrize("sentence,expected", CAST)
def test_cast_phrasings(sentence, expected):
    assert _pairs(facts(sentence)) == expected


def test_cast_billing_order_and_late_characters():
    p = page(
        "Heat features a cast including Al Pacino, Robert De Niro, and Val Kilmer.",
        "Val Kilmer plays Chris Shiherlis, a gambler. Later, Al Pacino plays Vincent Hanna.",
        "De Niro is as cool as ever.",
    )
    assert _pairs(p) == [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", None),
        ("Val Kilmer", "Chris Shiherlis"),
    ]


def test_supporting_cast_list_does_not_set_billing():
    p = page(
        "Audrey Tautou stars as Amélie Poulain, a shy waitress.",
        "Mathieu Kassovitz plays Nino. The supporting cast includes Rufus, Yolande Moreau and Jamel Debbouze.",
    )
    assert [n for n, _ in _pairs(p)] == [
        "Audrey Tautou", "Mathieu Kassovitz", "Rufus", "Yolande Moreau", "Jamel Debbouze",
    ]


CAST_TRAPS = [
    "The fictitious Metropolis plays a significant role in the narrative.",
    "The film's setting, the fictitious Metropolis, plays a significant role in the narrative.",
    "Heat plays like a novel.",
    "He plays Vincent Hanna with fury.",
    "Michael Mann plays with genre conventions.",
    "It recalls classics such as Jaws and Alien.",
    "Brad Fraser as director keeps things tight.",
    "As David, Matt, and Violet interact more, emotions rise.",
]


@pytest.mark.parametrize("sentence", CAST_TRAPS)
def test_cast_traps(sentence):
    assert facts(sentence).cast() == []


# ---------------------------------------------------------------------------
# Year
# ---------------------------------------------------------------------------

YEARS = [
    "Heat is a 1995 crime thriller.",
    "Heat was released in 1995.",
    "Heat (1995) is a crime thriller.",
    "In 1995's Heat, Michael Mann stages a duel.",
    "Heat is a 1995 film by Michael Mann.",
    "Heat premiered in 1995 to acclaim.",
    "Heat came out in 1995.",
    "Heat was first released in 1995.",
    "Heat, released on December 15, 1995, was a hit.",
    "Heat debuted in theaters in 1995.",
    "Heat hit theaters in 1995.",
    "This stirring 1995 drama remains a benchmark.",
    "Heat is a 1995 crime thriller. It was released on DVD in 2005 and re-released in 2010.",
    "Like Jaws (1975), Heat was released in 1995.",
    "His 1999 film The Insider is also great, but Heat is a 1995 crime thriller.",
]


@pytest.mark.parametrize("sentence", YEARS)
def test_year_phrasings(sentence):
    assert facts(sentence).year() == "1995"


def test_year_from_heading():
    assert page(FILLER, FILLER, h1="Watch Heat (1995) Online").year() == "1995"


YEAR_TRAPS = [
    "Heat was released on DVD in 2005.",
    "Heat was re-released in 2010.",
    "A 4K restoration in 2019 sharpened its look.",
    "A remake in 2010 flopped.",
    "A 2010 remake flopped.",
    "It is often compared to Jaws (1975).",
    "His 1999 film The Insider is also great.",
    "The story is set in 1985.",
    "It won an Oscar in 1996.",
    "Crime films of the 1990s were darker.",
]


@pytest.mark.parametrize("sentence", YEAR_TRAPS)
def test_year_traps(sentence):
    assert facts(sentence).year() is None


# ---------------------------------------------------------------------------
# Runtime
# ---------------------------------------------------------------------------

RUNTIMES = [
    ("It has a runtime of 89 minutes.", "89 minutes"),
    ("Heat runs 170 minutes.", "170 minutes"),
    ("The 89-minute drama flies by.", "89 minutes"),
    ("It clocks in at 1 hr 29 min.", "1 hr 29 min"),
    ("It has a running time of 1h 29m.", "1h 29m"),
    ("It lasts 2 hours and 5 minutes.", "2 hours and 5 minutes"),
    ("It is a brisk 94 min.", "94 min"),
    ("At 94 minutes, it never drags.", "94 minutes"),
    ("The film is 94 minutes long.", "94 minutes"),
    ("Runtime: 94 minutes.", "94 minutes"),
    ("It runs for about 2 hrs.", "2 hrs"),
    ("Heat (1995, 170 min) is long.", "170 min"),
    ("It runs an hour and 45 minutes.", "1 hour and 45 minutes"),
    ("The film's length of 101 minutes feels right.", "101 minutes"),
    ("Its run time is 2h 50m.", "2h 50m"),
]


@pytest.mark.parametrize("sentence,expected", RUNTIMES)
def test_runtime_phrasings(sentence, expected):
    assert facts(sentence).runtime() == expected


RUNTIME_TRAPS = [
    "The first 20 minutes are slow.",
    "About 30 minutes into the film, the heist begins.",
    "It runs 20 minutes too long.",
    "The heist takes 5 minutes of screen chaos.",
    "A 20-minute sequence in the bank is the highlight.",
]


@pytest.mark.parametrize("sentence", RUNTIME_TRAPS)
def test_runtime_traps(sentence):
    assert facts(sentence).runtime() is None


# ---------------------------------------------------------------------------
# IMDb rating and votes
# ---------------------------------------------------------------------------

RATINGS = [
    ("It holds an IMDb score of 6.2.", "6.2"),
    ("It has an IMDb rating of 7.1/10.", "7.1"),
    ("It is rated 8.3 on IMDb.", "8.3"),
    ("Viewers give it 8.3/10 on IMDb.", "8.3"),
    ("IMDb: 6.9", "6.9"),
    ("It holds a 7.4 IMDb rating.", "7.4"),
    ("On IMDb, it scores 7.8.", "7.8"),
    ("IMDb users rate it 7.2 out of 10.", "7.2"),
    ("It sits at 6.8 on IMDb.", "6.8"),
    ("The IMDb rating is 7.0.", "7.0"),
    ("With 93% on Rotten Tomatoes and a 7.4 on IMDb, it is loved.", "7.4"),
    ("Its IMDb rating stands at 8.1.", "8.1"),
    ("It earned a solid 7.5 rating from IMDb users.", "7.5"),
    ("It is rated 8/10 on IMDb.", "8"),
]


@pytest.mark.parametrize("sentence,expected", RATINGS)
def test_imdb_rating_phrasings(sentence, expected):
    assert facts(sentence).imdb_rating() == expected


RATING_TRAPS = [
    "We rate it 4/5 stars.",
    "It is rated 3.5 out of 5.",
    "It scored 93% on Rotten Tomatoes.",
    "Metacritic gives it 78.",
    "Our rating: 8.5/10.",
    "Critics gave it 4.5 stars, and it is on IMDb too.",
]


@pytest.mark.parametrize("sentence", RATING_TRAPS)
def test_imdb_rating_traps(sentence):
    assert facts(sentence).imdb_rating() is None


VOTES = [
    ("It holds an IMDb score of 6.2 from 12,345 votes.", "12,345"),
    ("IMDb rating: 7.3 (18,057 voted).", "18,057"),
    ("It holds an 8.3 on IMDb with 930K ratings.", "930K"),
    ("It has an IMDb rating of 7.9, based on 1.2 million user ratings.", "1.2 million"),
]


@pytest.mark.parametrize("sentence,expected", VOTES)
def test_imdb_votes(sentence, expected):
    assert facts(sentence).imdb_votes() == expected


def test_votes_need_imdb():
    assert facts("Rotten Tomatoes counts 250 reviews.").imdb_votes() is None


# ---------------------------------------------------------------------------
# Genres
# ---------------------------------------------------------------------------

GENRES = [
    ("Heat is a Romance, Comedy, Drama movie.", ["Romance", "Comedy", "Drama"]),
    ("Heat is a Crime/Thriller film.", ["Crime", "Thriller"]),
    ("Genres: Crime, Drama, Thriller.", ["Crime", "Drama", "Thriller"]),
    ("It falls under the crime and thriller genres.", ["crime", "thriller"]),
    ("It blends comedy and drama.", ["comedy", "drama"]),
    ("Heat is a stirring 1995 drama film.", ["drama"]),
    ("Heat is a 1995 crime thriller.", ["crime", "thriller"]),
    ("The genre is Horror.", ["Horror"]),
    ("It's a mix of action, comedy and romance.", ["action", "comedy", "romance"]),
    ("It is categorized as a science fiction thriller.", ["science fiction"]),
    ("Part comedy, part horror, it keeps you guessing.", ["comedy", "horror"]),
    ("It is a horror-comedy movie.", ["horror", "comedy"]),
    ("Heat is a Sci-Fi, Action movie.", ["Sci-Fi", "Action"]),
    ("The film is a romantic comedy.", ["romantic comedy"]),
    ("Heat is a stirring drama film. Heat is a Crime, Thriller movie.", ["Crime", "Thriller"]),
]


@pytest.mark.parametrize("sentence,expected", GENRES)
def test_genre_phrasings(sentence, expected):
    assert facts(sentence).genres() == expected


GENRE_TRAPS = [
    "Heat is an action-packed film.",
    "It plays like a short story.",
    "Heat is a film about obsession.",
]


@pytest.mark.parametrize("sentence", GENRE_TRAPS)
def test_genre_traps(sentence):
    assert facts(sentence).genres() == []


# ---------------------------------------------------------------------------
# Content rating
# ---------------------------------------------------------------------------

CERTS = [
    ("It is rated PG-13.", "PG-13"),
    ("Rated R for violence and language.", "R"),
    ("The film carries an R rating.", "R"),
    ("It has an MPAA rating of PG.", "PG"),
    ("MPAA: NC-17", "NC-17"),
    ("It earned a PG-13 rating for intense sequences.", "PG-13"),
    ("Rated: TV-MA", "TV-MA"),
    ("The film is Rated PG.", "PG"),
    ("It is an R-rated thriller.", "R"),
    ("Content rating: PG-13", "PG-13"),
    ("It was rated G by the MPAA.", "G"),
    ("The PG rating keeps it family-friendly.", "PG"),
]


@pytest.mark.parametrize("sentence,expected", CERTS)
def test_content_rating_phrasings(sentence, expected):
    assert facts(sentence).content_rating() == expected


CERT_TRAPS = [
    "It is rated 8.3 on IMDb.",
    "We rated it 4/5.",
    "It is rated highly by critics.",
    "Rated among the best of the decade, it endures.",
]


@pytest.mark.parametrize("sentence", CERT_TRAPS)
def test_content_rating_traps(sentence):
    assert facts(sentence).content_rating() is None


# ---------------------------------------------------------------------------
# Title
# ---------------------------------------------------------------------------

TITLES = [
    ("Where to Watch Leaving Metropolis", "Leaving Metropolis"),
    ("Watch Heat (1995) Online", "Heat"),
    ("Heat: Where to Watch & Stream", "Heat"),
    ("Heat - Where to Watch", "Heat"),
    ("Where to Watch Heat | FilmSite", "Heat"),
    ("Where to Stream Heat Online", "Heat"),
    ("Heat (1995) - Where to Watch Online", "Heat"),
    ("Where can I watch Heat?", "Heat"),
    ("Is Heat on Netflix?", "Heat"),
    ("Watch Heat Online Free | StreamSite", "Heat"),
    ("Heat Streaming: Where to Watch Online", "Heat"),
    ("How to Watch Mission: Impossible", "Mission: Impossible"),
    ("Where to Watch Spider-Man: No Way Home (2021)", "Spider-Man: No Way Home"),
    ("where to watch heat", "Heat"),  # casing taken from the prose
]


@pytest.mark.parametrize("h1,expected", TITLES)
def test_title_phrasings(h1, expected):
    p = page(f"{expected} is a gripping film that rewards patience.", FILLER, h1=h1)
    assert p.title() == expected


def test_title_from_title_tag():
    p = page("Heat is a gripping film.", FILLER, h1=None, title="Where to Watch Heat | FilmSite")
    assert p.title() == "Heat"


def test_title_from_prose_when_no_heading():
    p = page("Heat is a 1995 crime thriller directed by Michael Mann.", FILLER, h1=None)
    assert p.title() == "Heat"


# ---------------------------------------------------------------------------
# Page kind
# ---------------------------------------------------------------------------


def test_listing_article_is_not_a_film():
    p = page(
        "Heat (1995) is a crime thriller directed by Michael Mann.",
        "Jaws (1975) is a thriller directed by Steven Spielberg.",
        "Alien (1979) is a horror film directed by Ridley Scott.",
        "Fargo (1996) is a crime comedy directed by Joel Coen.",
        "Se7en (1995) is a thriller directed by David Fincher.",
        h1="The 10 Best Thriller Films of the Decade",
    )
    assert p.applies() is False
    assert p.kind() is None


def test_listing_by_numbered_headings():
    extra = "".join(f"<h2>{i}. Film Number {i} ({1990 + i})</h2><p>{FILLER}</p>" for i in range(1, 6))
    p = page(FILLER, h1="Films we love", extra=extra)
    assert p.applies() is False
    assert p.kind() is None


def test_series_page():
    p = page(
        "Breaking Bad is a TV series created by Vince Gilligan, starring Bryan Cranston and Aaron Paul.",
        "Over five seasons and 62 episodes, Bryan Cranston plays Walter White, a chemistry teacher.",
        h1="Where to Watch Breaking Bad",
    )
    assert p.kind() == "series"


def test_film_without_heading():
    p = page("Heat is a 1995 crime thriller directed by Michael Mann.", FILLER, h1=None)
    assert p.kind() == "film"
    assert p.applies() is True


def test_thin_page_does_not_apply():
    p = page("Heat is a film.", h1="Where to Watch Heat")
    assert p.applies() is False


def test_prose_without_facts_does_not_apply():
    p = page(FILLER, FILLER, FILLER, h1="About us")
    assert p.applies() is False
    assert p.kind() is None


def test_sidebar_and_related_blocks_are_ignored():
    extra = (
        "<aside><p>Jaws (1975) is directed by Steven Spielberg and stars Roy Scheider.</p></aside>"
        "<div class='related'><p>Alien is a 1979 horror film directed by Ridley Scott.</p></div>"
    )
    p = page("Heat is a 1995 crime thriller directed by Michael Mann.", FILLER, extra=extra)
    assert p.directors() == ["Michael Mann"]
    assert p.year() == "1995"
    assert p.cast() == []


def test_fields_are_raw_shapes():
    f = facts("Heat is a 1995 crime thriller directed by Michael Mann, starring Al Pacino.").fields()
    assert f["year"] == "1995"
    assert f["directors"] == ["Michael Mann"]
    assert f["cast"] == [{"name": "Al Pacino", "character": None}]
    assert isinstance(f["synopsis"], str)


# ---------------------------------------------------------------------------
# Added: review headlines, label-style genres, more cast and crew phrasings
# ---------------------------------------------------------------------------

REVIEW_TITLES = [
    # a review headline around the title
    ("Heat Review: Where to Watch Michael Mann's Crime Epic", None, "Heat"),
    ("Heat (1995): review and where to stream", None, "Heat"),
    # "Here's where to stream it" names no title: the <title> does
    ("Heat Still Burns — Here's Where to Stream It", "Heat: Where to Stream | FilmSite", "Heat"),
    # a tagline after a colon; the <title> agrees on the short form
    ("Heat: still the best heist movie", "Heat review | FilmSite", "Heat"),
    # a colon inside the title stays when both headings have it
    ("Mission: Impossible review", "Mission: Impossible review | FilmSite", "Mission: Impossible"),
]


@pytest.mark.parametrize("h1,title,expected", REVIEW_TITLES)
def test_review_headline_titles(h1, title, expected):
    extra = "<h2>Watch it now</h2><p>It is streaming with a subscription.</p>"
    p = page(f"{expected} is a gripping film that rewards patience.", FILLER, h1=h1, title=title, extra=extra)
    assert p.title() == expected


LABEL_GENRES = [
    ("With a 170-minute runtime, it is a Crime, Drama that never sags.", ["Crime", "Drama"]),
    ("A Romance and Drama of rare tenderness.", ["Romance", "Drama"]),
    ("Review · Crime, Thriller", ["Crime", "Thriller"]),
    # lower-case words in running prose are no genre labels
    ("It was a 1995 satire that now reads as prophecy. It is a Comedy, Drama that rewards rewatching.",
     ["Comedy", "Drama"]),
]


@pytest.mark.parametrize("sentence,expected", LABEL_GENRES)
def test_capitalised_genre_labels(sentence, expected):
    assert facts(sentence).genres() == expected


MORE_CAST = [
    # "Actor (Character)" twice in a paragraph, no cast word
    ("The two robbers — Tom Sizemore (Michael Cheritto) and Danny Trejo (Trejo) — argue constantly.",
     [("Tom Sizemore", "Michael Cheritto"), ("Danny Trejo", "Trejo")]),
    # paired names and characters
    ("Ashley Judd and Amy Brenneman are superb as Charlene Shiherlis and Eady.",
     [("Ashley Judd", "Charlene Shiherlis"), ("Amy Brenneman", "Eady")]),
    # the actor opens the sentence, the role comes after a verb phrase
    ("Jon Voight steals every scene he is in as Nate, the fixer.", [("Jon Voight", "Nate")]),
    # an appositive between the character and "is voiced by"
    ("Baloo, the lazy bear of the jungle, is voiced by Phil Harris.", [("Phil Harris", "Baloo")]),
    # a quoted nickname inside the character's name
    ('Ted Nugent plays Jame "Buffalo Bill" Gumb.', [("Ted Nugent", 'Jame "Buffalo Bill" Gumb')]),
]


@pytest.mark.parametrize("sentence,expected", MORE_CAST)
def test_more_cast_phrasings(sentence, expected):
    assert _pairs(facts(sentence)) == expected


MORE_CAST_TRAPS = [
    # another film's cast
    "Mann's later Collateral (2004), starring Tom Cruise and Jamie Foxx, moved the story to Los Angeles.",
    # a single "Name (Title)" mention is no cast pattern
    "Director Kathryn Bigelow (Point Break) once called it a model.",
]


@pytest.mark.parametrize("sentence", MORE_CAST_TRAPS)
def test_more_cast_traps(sentence):
    assert facts(sentence).cast() == []


def test_story_credited_to_names_writers():
    p = facts("The story is credited to Frank Pierson, Ann Marie Hayes and Leo Tolstoy.")
    assert p.writers() == ["Frank Pierson", "Ann Marie Hayes", "Leo Tolstoy"]


@pytest.mark.parametrize(
    "meta, expected",
    [
        ("By Kim Lee · 6 min read · R", "R"),
        ("By Kim Lee · 6 min read · PG-13", "PG-13"),
        ("By Kim Lee · 6 min read", None),
        ("R", None),  # a lone letter is no meta line
    ],
)
def test_content_rating_from_the_byline(meta, expected):
    extra = ""
    p = ProsePage(Selector(text=(
        f"<html><body><h1>Heat review</h1><div class='meta'>{html.escape(meta)}</div>"
        f"<p>Heat is a gripping film that rewards patience.</p><p>{FILLER}</p>{extra}</body></html>")),
        "https://example.org/p")
    assert p.content_rating() == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Dante Spinotti shot the film as Los Angeles slept.",
        "Michael Mann wrote the script as Heat Treatment in the eighties.",
    ],
)
def test_subject_as_needs_acting(sentence):
    assert facts(sentence).cast() == []


# ---------------------------------------------------------------------------
# generalization: the italicised title a headline names; romanised hyphenated names
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "h1, title, expected",
    [
        ("Why Fargo Snow is the winter film you need", None, "Fargo Snow"),
        ("Fargo Snow is the best crime film you missed", "Fargo Snow (1996): where to stream it", "Fargo Snow"),
    ],
)
def test_title_from_emphasized_work_named_by_the_headline(h1, title, expected):
    extra = ("<p><em>Fargo Snow</em> (1996) was directed by Joel Coen. It runs 98 minutes and "
             "compares well with <em>Blood Simple</em> (1984), <em>Miller's Crossing</em> (1990), "
             "<em>Barton Fink</em> (1991) and <em>Raising Arizona</em> (1987).</p>")
    p = page(FILLER, h1=h1, title=title, extra=extra)
    assert p.title() == expected
    assert p.kind() == "film"  # four films named for comparison do not make a list article


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Helmed by Bong Joon-ho, it is a tense film.", ["Bong Joon-ho"]),
        ("The film was directed by Hirokazu Kore-eda in 2018.", ["Hirokazu Kore-eda"]),
    ],
)
def test_hyphenated_romanised_names(sentence, expected):
    assert page(sentence, FILLER).directors() == expected


# ---------------------------------------------------------------------------
# generalization: headlines that are not the film's name
# ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "h1, paras, expected",
    [
        # a where-to-watch wrapper with the country after the film, and an aside after that
        ("Where to stream Paper Orchards in Norway right now",
         ["Paper Orchards is a quiet drama about two sisters.", FILLER], "Paper Orchards"),
        ("Where to watch Grey Meridian in the UK (and is it still the best?)",
         ["Grey Meridian is a 2011 thriller.", FILLER], "Grey Meridian"),
        # a place that is part of the title stays: the text never says the shorter name alone
        ("Where to watch Midnight in Japan",
         ["Midnight in Japan is a 2019 drama set in Osaka.", FILLER], "Midnight in Japan"),
    ],
    ids=["region-tail", "aside", "region-in-title"],
)
def test_wrapped_title_without_region_or_aside(h1, paras, expected):
    assert page(*paras, h1=h1).title() == expected


@pytest.mark.parametrize(
    "h1, extra, expected",
    [
        # a blog headline that never names the film: the bold name in the first paragraph
        ("a long drive i keep repeating",
         "<p>That is the whole idea of <b>Kestrel Bay</b>, which I rewatch every summer. " + FILLER + "</p>",
         "Kestrel Bay"),
        # the film bold with its year; a later sub-heading "where i'd watch it" is no wrapper
        ("kestrel bay is a ghost story",
         "<p>Nobody warned me that <strong>Kestrel Bay</strong> (2019) is a ghost story. " + FILLER + "</p>"
         "<h2>where i'd watch it</h2><p>It is streaming on Netflix in HD.</p>",
         "Kestrel Bay"),
    ],
    ids=["bold-lead", "bold-with-year"],
)
def test_title_from_the_lead_emphasis_when_the_headline_is_no_name(h1, extra, expected):
    assert page(h1=h1, extra=extra).title() == expected


# ---------------------------------------------------------------------------
# More cast and crew phrasings: copular roles, asides between subject and verb,
# pronoun and surname subjects, story co-writers, score credits
# ---------------------------------------------------------------------------

MORE_CAST_2 = [
    # "X is Y" in a paragraph that talks about the cast
    ("Nora Vale plays Ida, the baker. Tomas Reyes is Felix Grant, her brother.",
     [("Nora Vale", "Ida"), ("Tomas Reyes", "Felix Grant")]),
    ("The cast is small. Nora Vale is Ida Marsh and was nominated for it.", [("Nora Vale", "Ida Marsh")]),
    ("Nora Vale plays Ida. Tomas Reyes is Felix, who never speaks.", [("Nora Vale", "Ida"), ("Tomas Reyes", "Felix")]),
    # a gapped pair after "X is Y,"
    ("Nora Vale is Ida Marsh, Tomas Reyes a gloriously vain Count Orlo, and Lea Kim plays Ana.",
     [("Nora Vale", "Ida Marsh"), ("Tomas Reyes", "Count Orlo"), ("Lea Kim", "Ana")]),
    # an aside between the actor and the verb
    ("Lea Kim, a studio animator, voices Pip; Tomas Reyes voices Bolt.", [("Lea Kim", "Pip"), ("Tomas Reyes", "Bolt")]),
    ("Lea Kim (who played the part on stage) turns up as the tailor Otto Brand.", [("Lea Kim", "Otto Brand")]),
    ("Nora Vale plays Ida, and Tomas Reyes, fresh from television, plays Felix, the cook.",
     [("Nora Vale", "Ida"), ("Tomas Reyes", "Felix")]),
    # a clause after ";" with a verb phrase before "as"
    ("Lea Kim voices Pip; Tomas Reyes appears in live action as Dale Orbin.", [("Lea Kim", "Pip"), ("Tomas Reyes", "Dale Orbin")]),
    # "is <adjective> as" after a clause boundary
    ("The cast is strong, and Nora Vale is lovely as Ida Marsh.", [("Nora Vale", "Ida Marsh")]),
    # a descriptor between "played by" and the name
    ("Ida Marsh is played by first-time actor Nora Vale.", [("Nora Vale", "Ida Marsh")]),
    # "of the ..." after a whole name is where the character is from
    ("Tomas Reyes voices Major K. Dunn of the Skylark.", [("Tomas Reyes", "Major K. Dunn")]),
    ("Tomas Reyes plays the Duke of Arden.", [("Tomas Reyes", "Duke of Arden")]),
    # a possessive inside the character's name
    ("Nora Vale voices the Ship's Computer.", [("Nora Vale", "Ship's Computer")]),
    # voiced by a list with roles
    ("The toys are voiced by Lea Kim as Pip and Tomas Reyes as Bolt Danner.",
     [("Lea Kim", "Pip"), ("Tomas Reyes", "Bolt Danner")]),
]


@pytest.mark.parametrize("sentence,expected", MORE_CAST_2)
def test_more_cast_phrasings_2(sentence, expected):
    assert _pairs(facts(sentence)) == expected


MORE_CAST_TRAPS_2 = [
    # "X is Y" outside a paragraph about the cast
    ("Nora Vale is Ida Marsh's best friend from school.", []),
    ("Ida Marsh is Felix Grant, a baker.", []),
    # a nationality is no role
    ("Nora Vale plays Ida. Tomas Reyes is Canadian, and it shows.", [("Nora Vale", "Ida")]),
    ("Nora Vale plays Ida. Tomas Reyes is Jewish, and Ana Lund is French.", [("Nora Vale", "Ida")]),
    # a crew noun before "is" names no actor
    ("Nora Vale plays Ida. The director is Ana Lund, a veteran.", [("Nora Vale", "Ida")]),
    # an aside before a verb that is no acting
    ("Lea Kim, a studio animator, voices her concerns about the ending.", []),
]


@pytest.mark.parametrize("sentence,expected", MORE_CAST_TRAPS_2)
def test_more_cast_traps_2(sentence, expected):
    assert _pairs(facts(sentence)) == expected


MORE_CREW = [
    # "A and B, who ..., directed it": an aside between the subjects and the verb
    ("Ana Lund and Piet Moor, who met at film school and made adverts for years, directed it together.",
     ["Ana Lund", "Piet Moor"], []),
    ("Ana Lund and Piet Moor directed the film.", ["Ana Lund", "Piet Moor"], []),
    # a pronoun subject: the one person the sentence before credits
    ("Ana Lund directed. She wrote the screenplay with Piet Moor, from a story she developed with Cal Roe.",
     ["Ana Lund"], ["Ana Lund", "Piet Moor", "Cal Roe"]),
    # a surname alone resolves to the full name given elsewhere
    ("Heat is Ana Lund's film. Lund wrote the screenplay with Piet Moor.", ["Ana Lund"], ["Ana Lund", "Piet Moor"]),
    ("Piet Moor adapted the screenplay from his own stage play.", [], ["Piet Moor"]),
    ("Heat was written by the film's co-writers Ana Lund and Piet Moor.", [], ["Ana Lund", "Piet Moor"]),
    # the score is no writing credit
    ("Ana Lund directed. Piet Moor wrote the plinky, banjo-ish score.", ["Ana Lund"], []),
    ("Piet Moor wrote the music for it.", [], []),
]


@pytest.mark.parametrize("sentence,directors,writers", MORE_CREW)
def test_more_crew_phrasings(sentence, directors, writers):
    p = facts(sentence)
    assert p.directors() == directors
    assert p.writers() == writers


def test_lone_surname_without_full_name_is_no_writer():
    assert facts("Lund wrote the screenplay over a long winter.").writers() == []


def test_cast_hits_with_and_without_character_sort():
    # the same actor at the same place with and without a character must not crash
    p = facts("The toys are voiced by Lea Kim as Pip and Tomas Reyes as Bolt.")
    assert [n for n, _ in _pairs(p)] == ["Lea Kim", "Tomas Reyes"]


IMDB_AMONG_OTHER_NUMBERS = [
    # another site's score in the clause before the IMDb one
    ("Our 418 members rate it 8.2, while IMDb users give it 6.8 (230K votes).", "6.8", "230K"),
    ("Site members give it 8.2 but IMDb has it at 6.8.", "6.8", None),
    # a bare count in brackets right after the IMDb rating
    ("IMDb 6.8 (230K) · Members 8.2 (418)", "6.8", "230K"),
    # another site's voters are no IMDb votes
    ("It has 6.8 on IMDb and 8.2 from 418 member ratings here.", "6.8", None),
    ("It holds 6.8 on IMDb, and 418 ratings from our members give it 8.2.", "6.8", None),
]


@pytest.mark.parametrize("sentence,rating,votes", IMDB_AMONG_OTHER_NUMBERS)
def test_imdb_among_other_numbers(sentence, rating, votes):
    p = facts(sentence)
    assert (p.imdb_rating(), p.imdb_votes()) == (rating, votes)


MORE_CAST_3 = [
    # an aside before "is Y"
    ("Nora Vale plays Ida. Lea Kim, in a fine debut, is Pia Holm, the neighbour.",
     [("Nora Vale", "Ida"), ("Lea Kim", "Pia Holm")]),
    # an aside before a verb phrase and "as"
    ("Nora Vale plays Ida. Tomas Reyes, barely ten at the time, is a delight as Pip.",
     [("Nora Vale", "Ida"), ("Tomas Reyes", "Pip")]),
    ("Nora Vale plays Ida. And Tomas Reyes — long before his later fame — gives the film its menace as Dole.",
     [("Nora Vale", "Ida"), ("Tomas Reyes", "Dole")]),
    # after ", and" any verb phrase may come before "as"
    ("Nora Vale plays Ida, and Lea Kim steals every scene as Pia.", [("Nora Vale", "Ida"), ("Lea Kim", "Pia")]),
    # "played with <manner> by", the character before an appositive
    ("The heroine is Ida, a quiet seamstress, played with great restraint by newcomer Nora Vale.",
     [("Nora Vale", "Ida")]),
]


@pytest.mark.parametrize("sentence,expected", MORE_CAST_3)
def test_more_cast_phrasings_3(sentence, expected):
    assert _pairs(facts(sentence)) == expected


MORE_CREW_2 = [
    # a chain of verbs after one subject
    ("Ana Lund wrote, directed and edited the film.", ["Ana Lund"], ["Ana Lund"]),
    # a descriptor before the co-writer's name
    ("Heat was directed by Ana Lund, who co-wrote the script with her longtime collaborator Piet Moor.",
     ["Ana Lund"], ["Ana Lund", "Piet Moor"]),
]


@pytest.mark.parametrize("sentence,directors,writers", MORE_CREW_2)
def test_more_crew_phrasings_2(sentence, directors, writers):
    p = facts(sentence)
    assert p.directors() == directors
    assert p.writers() == writers


def test_content_rating_classified():
    assert facts("It runs 98 minutes and is classified G in most countries.").content_rating() == "G"
