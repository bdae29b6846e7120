"""Property tests of the store (in-memory SQLite): pages from small pools of titles,
people and providers, so that films merge and names repeat.

* saving the same pages again changes no row and records no change (one page per
  film: pages that disagree about a film are a known issue, see the xfail below);
* the order pages arrive in does not change which films, people, credits, genres and
  offers exist (compared by natural keys);
* every film page points at a film of its title key, and nothing points at nothing.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filmcrawl import store
from filmcrawl.items import Credit, FilmItem, Offer, PageItem

TITLES = ["Heat", "The Heat", "HEAT", "Alien", "Aliens", "Amélie", "Amelie", "Café Society",
          "'); DROP TABLE films; --", "Paris, Texas", "Matrix"]
YEARS = [1979, 1986, 1995, 2001]
NAMES = ["Al Pacino", "Robert De Niro", "Sigourney Weaver", "Audrey Tautou", "Zoë Kravitz",
         'Bobby"); DELETE FROM people; --', "Jean-Pierre Jeunet"]
GENRES = ["Crime", "Drama", "Science Fiction", "Comedy", "Indie & Art House"]
PROVIDERS = ["Netflix", "Apple TV", "Max", "Tubi"]
TYPES = ["subscription", "rent", "buy", "free", "ads"]

PROPS = settings(max_examples=40, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def film_pages(draw):
    pages = []
    for i in range(draw(st.integers(1, 8))):
        url = f"http://s{draw(st.integers(0, 2))}.test/film/{draw(st.integers(0, 5))}"
        roles = draw(st.lists(st.tuples(st.sampled_from(NAMES), st.sampled_from(["director", "writer", "cast"]),
                                        st.one_of(st.none(), st.sampled_from(["Hanna", "Ripley", "Amélie"]))),
                              max_size=5, unique_by=lambda c: (c[0], c[1])))
        positions: dict[str, int] = {}
        credits = []
        for name, role, character in roles:
            credits.append(Credit(name, role, character if role == "cast" else None, positions.get(role, 0)))
            positions[role] = positions.get(role, 0) + 1
        offers = [Offer(p, t, price, "USD" if price is not None else None, q, r)
                  for p, t, price, q, r in draw(st.lists(
                      st.tuples(st.sampled_from(PROVIDERS), st.sampled_from(TYPES),
                                st.one_of(st.none(), st.sampled_from([2.99, 3.99, 14.99])),
                                st.sampled_from([None, "HD", "4K"]), st.sampled_from([None, "US", "GB"])),
                      max_size=3, unique_by=lambda o: (o[0], o[1], o[3], o[4])))]
        film = FilmItem(url=url, title=draw(st.sampled_from(TITLES)), year=draw(st.sampled_from(YEARS)),
                        runtime_minutes=draw(st.one_of(st.none(), st.integers(1, 300))),
                        imdb_rating=draw(st.one_of(st.none(), st.sampled_from([0.0, 7.5, 10.0]))),
                        genres=draw(st.lists(st.sampled_from(GENRES), max_size=3, unique=True)),
                        credits=credits, offers=offers)
        pages.append(PageItem(url=url, kind="film", http_status=200, fetched_at=f"2024-01-01T00:00:{i:02d}+00:00",
                              content_hash=str(i), film=film))
    return pages


def fresh():
    return store.open_db(":memory:")


def save_all(db, pages, run_id=1):
    with db.atomic():
        for page in pages:
            store.save_page(db, page, run_id)


COUNTED = ["films", "people", "credits", "genres", "film_genres", "offers", "pages", "changes"]


def counts(db):
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}


def keys(db):
    q = lambda sql: set(db.execute(sql).fetchall())  # noqa: E731
    return {
        "films": q("SELECT title_key, year FROM films"),
        "people": q("SELECT name FROM people"),
        "credits": q("SELECT f.title_key, f.year, p.name, c.role FROM credits c JOIN films f ON f.id = c.film_id "
                     "JOIN people p ON p.id = c.person_id"),
        "genres": q("SELECT f.title_key, f.year, g.name FROM film_genres x JOIN films f ON f.id = x.film_id "
                    "JOIN genres g ON g.id = x.genre_id"),
    }


def orphans(db):
    checks = [
        "SELECT count(*) FROM pages WHERE film_id IS NOT NULL AND film_id NOT IN (SELECT id FROM films)",
        "SELECT count(*) FROM credits WHERE film_id NOT IN (SELECT id FROM films) OR person_id NOT IN (SELECT id FROM people)",
        "SELECT count(*) FROM film_genres WHERE film_id NOT IN (SELECT id FROM films) OR genre_id NOT IN (SELECT id FROM genres)",
        "SELECT count(*) FROM offers WHERE film_id NOT IN (SELECT id FROM films)",
    ]
    return [db.execute(sql).fetchone()[0] for sql in checks]


@PROPS
@given(film_pages())
def test_saving_the_same_pages_again_changes_nothing(pages):
    # One page per URL (two contents of one URL replay their differences, rightly) and
    # one page per film: two pages that disagree about a film flip it on every run
    # (test_known_issue_two_pages_disagreeing_flip_the_film_every_run).
    pages = list({p.url: p for p in pages}.values())
    pages = list({(store.title_key(p.film.title), p.film.year): p for p in pages}.values())
    db = fresh()
    save_all(db, pages)
    before = counts(db)
    save_all(db, pages, run_id=2)
    assert counts(db) == before


@PROPS
@given(film_pages(), st.randoms(use_true_random=False))
def test_arrival_order_does_not_change_what_exists(pages, rnd):
    a, b = fresh(), fresh()
    save_all(a, pages)
    shuffled = list(pages)
    rnd.shuffle(shuffled)
    save_all(b, shuffled)
    # Pages of one URL: the last one seen wins, so only compare when URLs are distinct.
    if len({p.url for p in pages}) == len(pages):
        assert keys(a) == keys(b)
    for db in (a, b):
        assert orphans(db) == [0, 0, 0, 0]


@PROPS
@given(film_pages())
def test_every_film_page_points_at_a_film_of_its_title(pages):
    db = fresh()
    save_all(db, pages)
    last = {p.url: p for p in pages}
    for url, page in last.items():
        (film_id,) = db.execute("SELECT film_id FROM pages WHERE url = ?", [url]).fetchone()
        key, year = db.execute("SELECT title_key, year FROM films WHERE id = ?", [film_id]).fetchone()
        assert key == store.title_key(page.film.title)
        assert year == page.film.year
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@pytest.mark.xfail(strict=True, reason="reported: last page wins, so two pages that disagree "
                   "about a film (title 'Heat' / 'The Heat', or any field) rewrite it and log a change on every run")
def test_known_issue_two_pages_disagreeing_flip_the_film_every_run():
    def pages():
        return [PageItem(url=f"http://s.test/{i}", kind="film", http_status=200, content_hash=str(i),
                         film=FilmItem(url=f"http://s.test/{i}", title=title, year=1995))
                for i, title in enumerate(["Heat", "The Heat"])]

    db = fresh()
    save_all(db, pages())
    before = counts(db)
    save_all(db, pages(), run_id=2)
    assert counts(db) == before
