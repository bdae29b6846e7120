"""The store on a fresh SQLite file: schema, merging, idempotence, history, rejects."""

from __future__ import annotations

import sqlite3

import pytest

from filmcrawl import store
from filmcrawl.items import Credit, FilmItem, Offer, PageItem


@pytest.fixture
def db(db_path):
    db = store.open_db(db_path)
    yield db
    db.close()


def film(url="http://s.test/heat", **kw):
    base = dict(
        url=url,
        title="Heat",
        year=1995,
        runtime_minutes=170,
        imdb_rating=8.3,
        genres=["Crime", "Drama"],
        credits=[
            Credit("Michael Mann", "director", position=0),
            Credit("Michael Mann", "writer", position=0),
            Credit("Al Pacino", "cast", "Vincent Hanna", 0),
            Credit("Robert De Niro", "cast", "Neil McCauley", 1),
        ],
        offers=[Offer("Netflix", "subscription"), Offer("Apple TV", "rent", 3.99, "USD", "HD")],
    )
    base.update(kw)
    return FilmItem(**base)


def save(db, item: FilmItem, run_id=1, **page):
    with db.atomic():
        return store.save_page(db, PageItem(url=item.url, kind="film", film=item, **page), run_id)


def counts(db):
    tables = ["films", "people", "credits", "genres", "film_genres", "offers", "pages"]
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_ensure_schema_is_safe_to_run_again(db):
    save(db, film())
    before = counts(db)
    store.ensure_schema(db)
    store.ensure_schema(db)
    assert counts(db) == before
    assert set(store.TABLES) <= set(db.table_names())
    assert {"film_overview", "offers_current"} <= set(db.view_names())


def test_ensure_schema_adds_missing_columns_to_an_old_database(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE films (id INTEGER PRIMARY KEY, title TEXT NOT NULL, year INTEGER)")
    conn.execute("INSERT INTO films (title, year) VALUES ('Heat', 1995)")
    conn.commit()
    conn.close()
    db = store.open_db(db_path)
    cols = {c.name for c in db["films"].columns}
    assert {"runtime_minutes", "imdb_rating", "first_seen", "sources"} <= cols
    assert db.execute("SELECT title, year FROM films").fetchall() == [("Heat", 1995)]


def test_saving_the_same_page_twice_changes_no_counts(db):
    save(db, film())
    first = counts(db)
    save(db, film(), run_id=2)
    assert counts(db) == first
    assert first == {"films": 1, "people": 3, "credits": 4, "genres": 2, "film_genres": 2,
                     "offers": 2, "pages": 1}


def test_exact_rows(db):
    film_id = save(db, film())
    row = db.execute("SELECT title, year, runtime_minutes, imdb_rating FROM films").fetchone()
    assert row == ("Heat", 1995, 170, 8.3)
    credits = db.execute(
        "SELECT p.name, c.role, c.character, c.position FROM credits c JOIN people p ON p.id = c.person_id "
        "WHERE film_id = ? ORDER BY c.role, c.position", [film_id]).fetchall()
    assert credits == [
        ("Al Pacino", "cast", "Vincent Hanna", 0),
        ("Robert De Niro", "cast", "Neil McCauley", 1),
        ("Michael Mann", "director", None, 0),
        ("Michael Mann", "writer", None, 0),
    ]
    offers = db.execute("SELECT provider, offer_type, price, currency, quality FROM offers ORDER BY id").fetchall()
    assert offers == [("Netflix", "subscription", None, None, None), ("Apple TV", "rent", 3.99, "USD", "HD")]


def test_one_film_from_several_pages_and_sites(db):
    a = save(db, film("http://a.test/heat"))
    b = save(db, film("http://b.test/films/heat-1995", title="HEAT", imdb_rating=None,
                      credits=[Credit("Val Kilmer", "cast", "Chris Shiherlis", 0)], offers=[]))
    assert a == b
    assert counts(db)["films"] == 1
    assert counts(db)["pages"] == 2
    assert db.execute("SELECT imdb_rating FROM films").fetchone() == (8.3,)
    assert counts(db)["credits"] == 5


def test_same_title_other_year_is_another_film(db):
    save(db, film("http://a.test/1", title="Solaris", year=1972))
    save(db, film("http://a.test/2", title="Solaris", year=2002))
    assert counts(db)["films"] == 2


def test_offer_history_added_changed_removed(db):
    save(db, film(), run_id=1)
    save(db, film(offers=[Offer("Apple TV", "rent", 2.99, "USD", "HD"), Offer("Max", "subscription")]), run_id=2)
    changes = db.execute(
        "SELECT change, provider, old_value, new_value FROM changes WHERE run_id = 2 ORDER BY id").fetchall()
    assert ("offer_changed", "Apple TV", "3.99", "2.99") in changes
    assert ("offer_added", "Max", None, None) in changes
    assert ("offer_removed", "Netflix", None, None) in changes
    assert len(changes) == 3
    # closed, never deleted
    rows = db.execute("SELECT provider, active, last_run_id FROM offers ORDER BY id").fetchall()
    assert rows == [("Netflix", 0, 1), ("Apple TV", 1, 2), ("Max", 1, 2)]
    current = db.execute("SELECT provider FROM offers_current ORDER BY provider").fetchall()
    assert current == [("Apple TV",), ("Max",)]


def test_rating_change_is_recorded(db):
    save(db, film(), run_id=1)
    save(db, film(imdb_rating=8.4), run_id=2)
    assert db.execute("SELECT change, old_value, new_value FROM changes WHERE run_id = 2").fetchall() == [
        ("rating_changed", "8.3", "8.4")]


def test_reject_is_stored_and_film_is_not(db):
    with db.atomic():
        store.save_page(db, PageItem(url="http://a.test/x", kind="film", film=film(title=None),
                                     reject_reason="missing_title", reject_detail="no title"), 1)
    assert counts(db)["films"] == 0
    assert db.execute("SELECT url, run_id, reason FROM rejects").fetchall() == [
        ("http://a.test/x", 1, "missing_title")]
    assert db.execute("SELECT kind, film_id FROM pages").fetchall() == [("film", None)]


@pytest.mark.parametrize("text", [
    "'); DROP TABLE films; --",
    'Robert"); DELETE FROM people; --',
    "Bobby Tables' OR '1'='1",
])
def test_hostile_text_is_stored_verbatim(db, text):
    save(db, film(title=text, credits=[Credit(text, "cast", text, 0)], genres=[text]))
    assert db.execute("SELECT title FROM films").fetchone() == (text,)
    assert db.execute("SELECT name FROM people").fetchone() == (text,)
    assert db.execute("SELECT character FROM credits").fetchone() == (text,)
    assert db.execute("SELECT name FROM genres WHERE name = ?", [text]).fetchone() == (text,)
    assert set(store.TABLES) <= set(db.table_names())


def test_full_text_search_finds_title_synopsis_and_people(db):
    save(db, film(synopsis="A detective hunts a crew of professional thieves in Los Angeles."))
    hits = lambda q: db.execute(  # noqa: E731
        "SELECT film_id FROM film_search WHERE film_search MATCH ?", [q]).fetchall()
    assert hits("pacino") == [(1,)]
    assert hits("thieves") == [(1,)]
    assert hits("heat") == [(1,)]
    assert hits("zombies") == []


def test_runs_left_running_become_aborted(db):
    first = store.start_run(db, "watchpages")
    second = store.start_run(db, "watchpages")
    statuses = dict(db.execute("SELECT id, status FROM crawl_runs").fetchall())
    assert statuses == {first: "aborted", second: "running"}
    store.finish_run(db, second, "finished", {"x": 1})
    assert db.execute("SELECT status, stats FROM crawl_runs WHERE id = ?", [second]).fetchone() == (
        "finished", '{"x": 1}')


@pytest.mark.parametrize("a, b", [
    ("The Matrix", "Matrix"),
    ("Amélie", "Amelie"),
    ("Crouching Tiger, Hidden Dragon", "crouching tiger hidden dragon"),
    ("Fast & Furious", "Fast and Furious"),
])
def test_title_key_matches_spellings_of_one_title(a, b):
    assert store.title_key(a) == store.title_key(b)


@pytest.mark.parametrize("a, b", [("Heat", "Heathers"), ("Alien", "Aliens"), ("A", "An")])
def test_title_key_keeps_other_titles_apart(a, b):
    assert store.title_key(a) != store.title_key(b)


def test_a_search_index_of_an_older_layout_is_rebuilt(db):
    save(db, film())
    save(db, film("http://s.test/x", title="Solaris", year=1972, credits=[], offers=[]))
    # the older layout: index rows with their own rowids, not the film ids
    db.execute("DELETE FROM film_search")
    db.execute("INSERT INTO film_search (rowid, title, synopsis, people, film_id) "
               "SELECT id + 100, title, synopsis, '', id FROM films")
    store.ensure_schema(db)
    assert db.execute("SELECT rowid, film_id FROM film_search ORDER BY rowid").fetchall() == [(1, 1), (2, 2)]
    save(db, film(title="Heat", synopsis="thieves"))
    assert db.execute("SELECT film_id FROM film_search WHERE film_search MATCH 'thieves'").fetchall() == [(1,)]
    assert db.execute("SELECT count(*) FROM film_search").fetchone() == (2,)
