"""The query commands (search, film, films, person, stats, query) on a database built by the store."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from filmcrawl import store
from filmcrawl.cli import main
from filmcrawl.commands.query import fts_query
from filmcrawl.items import Credit, FilmItem, Offer, PageItem

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OLD = "2024-03-01T10:00:00+00:00"  # run 1; run 2 happens "now"


def _film(url, title, year, rating, votes, genres, credits, offers, **kw):
    return FilmItem(url=url, title=title, year=year, imdb_rating=rating, imdb_votes=votes, genres=genres,
                    credits=credits, offers=offers, **kw)


def heat(offers=None):
    return _film(
        "http://a.test/heat", "Heat", 1995, 8.3, 712000, ["Crime", "Drama"],
        [Credit("Michael Mann", "director", position=0), Credit("Michael Mann", "writer", position=0),
         Credit("Al Pacino", "cast", "Vincent Hanna", 0), Credit("Robert De Niro", "cast", "Neil McCauley", 1),
         Credit("Val Kilmer", "cast", "Chris Shiherlis", 2)],
        offers if offers is not None else [Offer("Netflix", "subscription"),
                                           Offer("Apple TV", "rent", 3.99, "USD", "HD")],
        runtime_minutes=170, content_rating="R",
        synopsis="A group of high-end professional thieves start to feel the heat from the LAPD when "
                 "they unknowingly leave a clue at their latest heist. Los Angeles detective Vincent "
                 "Hanna pursues career criminal Neil McCauley across the city.",
        sources={"title": "jsonld", "year": "jsonld", "imdb_rating": "labelled", "cast": "jsonld"},
    )


FILMS = [
    _film("http://a.test/heat-1986", "Heat", 1986, 5.0, 4000, ["Action"],
          [Credit("Dick Richards", "director", position=0), Credit("Burt Reynolds", "cast", "Nick Escalante", 0)],
          [Offer("Tubi", "ads")], runtime_minutes=101),
    _film("http://a.test/amelie", "Amélie", 2001, 8.3, 780000, ["Comedy", "Romance"],
          [Credit("Jean-Pierre Jeunet", "director", position=0),
           Credit("Audrey Tautou", "cast", "Amélie Poulain", 0), Credit("Mathieu Kassovitz", "cast", "Nino Quincampoix", 1)],
          [Offer("Kanopy", "free"), Offer("Netflix", "subscription")], runtime_minutes=122,
          synopsis="A shy waitress in Montmartre decides to change the lives of those around her."),
    _film("http://a.test/fargo", "Fargo", 1996, 8.1, 720000, ["Crime", "Thriller"],
          [Credit("Joel Coen", "director", position=0), Credit("Ethan Coen", "writer", position=1),
           Credit("Frances McDormand", "cast", "Marge Gunderson", 0), Credit("William H. Macy", "cast", "Jerry Lundegaard", 1)],
          [Offer("Pluto TV", "ads"), Offer("Prime Video", "rent", 3.99, "USD", "HD")], runtime_minutes=98,
          synopsis="A car salesman hires two criminals to kidnap his wife; a pregnant police chief investigates."),
    _film("http://a.test/big-lebowski", "The Big Lebowski", 1998, 8.1, 850000, ["Comedy", "Crime"],
          [Credit("Joel Coen", "director", position=0), Credit("Jeff Bridges", "cast", "The Dude", 0)],
          [Offer("Peacock", "subscription")], runtime_minutes=117,
          synopsis="Jeff 'The Dude' Lebowski is mistaken for a millionaire of the same name."),
]


def build_db(path: str) -> str:
    """Six films over two runs: run 1 (old) stores five; run 2 (now) closes Heat's Apple TV
    offer, changes Fargo's rating and adds Clueless."""
    db = store.open_db(path)
    run1 = store.start_run(db, "watchpages")
    with db.atomic():
        store.save_page(db, PageItem(url="http://a.test/heat", kind="film", http_status=200,
                                     fetched_at=OLD, film=heat()), run1)
        for item in FILMS:
            store.save_page(db, PageItem(url=item.url, kind="film", http_status=200, fetched_at=OLD,
                                         film=item), run1)
        store.save_page(db, PageItem(url="http://a.test/", kind="listing", http_status=200, fetched_at=OLD), run1)
    store.finish_run(db, run1, "finished")
    run2 = store.start_run(db, "watchpages")
    with db.atomic():
        store.save_page(db, PageItem(url="http://a.test/heat", kind="film", http_status=200,
                                     film=heat([Offer("Netflix", "subscription")])), run2)
        fargo = FILMS[2]
        store.save_page(db, PageItem(url=fargo.url, kind="film", http_status=200,
                                     film=FilmItem(**{**fargo.__dict__, "imdb_rating": 8.2})), run2)
        store.save_page(db, PageItem(url="http://b.test/clueless", kind="film", http_status=200, film=_film(
            "http://b.test/clueless", "Clueless", 1995, None, None, ["Comedy", "Romance"],
            [Credit("Amy Heckerling", "director", position=0), Credit("Amy Heckerling", "writer", position=0),
             Credit("Alicia Silverstone", "cast", "Cher Horowitz", 0)],
            [Offer("Paramount+", "subscription"), Offer("Tubi", "free")], runtime_minutes=97)), run2)
    store.finish_run(db, run2, "finished")
    db.close()
    return path


@pytest.fixture
def films_db(tmp_path):
    return build_db(str(tmp_path / "films.db"))


@pytest.fixture
def empty_db(tmp_path):
    path = str(tmp_path / "empty.db")
    store.open_db(path).close()
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def as_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


# -- search --------------------------------------------------------------------


def test_search_ranks_titles_first_and_matches_people_and_synopsis(capsys, films_db):
    rows = as_json(capsys, "search", "heat", "--db", films_db)
    assert sorted((r["title"], r["year"]) for r in rows) == [("Heat", 1986), ("Heat", 1995)]
    assert {"title": "Heat", "year": 1995, "imdb_rating": 8.3, "genres": "Crime, Drama"} in rows
    # a title match outranks a synopsis match
    assert [r["title"] for r in as_json(capsys, "search", "city", "--db", films_db)] == ["Heat"]
    assert [r["title"] for r in as_json(capsys, "search", "dude", "--db", films_db)] == ["The Big Lebowski"]
    assert [r["title"] for r in as_json(capsys, "search", "pacino", "--db", films_db)] == ["Heat"]
    assert [r["title"] for r in as_json(capsys, "search", "waitress", "--db", films_db)] == ["Amélie"]
    # accents do not matter, and the last word is a prefix
    assert [r["title"] for r in as_json(capsys, "search", "amelie", "--db", films_db)] == ["Amélie"]
    assert [r["title"] for r in as_json(capsys, "search", "lebow", "--db", films_db)] == ["The Big Lebowski"]


def test_search_table_mode_is_aligned(capsys, films_db):
    code, out, _ = run(capsys, "search", "coen", "--db", films_db)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["title", "year", "imdb_rating", "genres"]
    assert set(lines[1]) <= {"-", " "}
    # every column starts where its header starts
    start = lines[0].index("genres")
    assert all(line[start - 2:start] == "  " for line in lines[2:])
    assert {line.split("  ")[0] for line in lines[2:]} == {"Fargo", "The Big Lebowski"}


@pytest.mark.parametrize("text", ['"', "AND (", "heat OR", "NEAR(", "*", "title:heat", "-heat", "'", "a\"b\"c", "^"])
def test_search_survives_fts_syntax(capsys, films_db, text):
    code, out, err = run(capsys, "search", "--db", films_db, "--", text)
    assert "Traceback" not in out + err
    if code:
        assert len(err.strip().splitlines()) == 1 and err.startswith("filmcrawl: ")
    else:
        assert err == ""


def test_fts_query_quotes_every_term():
    assert fts_query("heat pacino") == '"heat" "pacino" *'
    assert fts_query('"the dude" lebowski') == '"the dude" "lebowski" *'
    assert fts_query('AND (') == '"AND" *'
    assert fts_query('heat (') == '"heat" *'
    assert fts_query('" ( *') is None
    assert fts_query('title:heat') == '"title:heat" *'


def test_search_no_match_and_nothing_to_search(capsys, films_db):
    assert run(capsys, "search", "zzzzqqq", "--db", films_db) == (0, "no films match 'zzzzqqq'\n", "")
    code, out, err = run(capsys, "search", "zzzzqqq", "--db", films_db, "--json")
    assert (code, json.loads(out)) == (0, [])
    code, _, err = run(capsys, "search", '"', "--db", films_db)
    assert code == 2 and err.startswith("filmcrawl: nothing to search for")


# -- film ----------------------------------------------------------------------


def test_film_json_is_the_whole_record(capsys, films_db):
    rec = as_json(capsys, "film", "heat", "--year", "1995", "--db", films_db)
    assert {k: rec[k] for k in ("title", "year", "runtime_minutes", "imdb_rating", "imdb_votes",
                                 "content_rating")} == {
        "title": "Heat", "year": 1995, "runtime_minutes": 170, "imdb_rating": 8.3, "imdb_votes": 712000,
        "content_rating": "R"}
    assert rec["genres"] == ["Crime", "Drama"]
    assert rec["directors"] == ["Michael Mann"] and rec["writers"] == ["Michael Mann"]
    assert rec["cast"] == [
        {"position": 0, "name": "Al Pacino", "character": "Vincent Hanna"},
        {"position": 1, "name": "Robert De Niro", "character": "Neil McCauley"},
        {"position": 2, "name": "Val Kilmer", "character": "Chris Shiherlis"},
    ]
    offers = [(o["provider"], o["offer_type"], o["price"], o["status"], o["current"]) for o in rec["offers"]]
    assert offers == [("Apple TV", "rent", 3.99, "closed", False), ("Netflix", "subscription", None, "current", True)]
    assert [(p["url"], p["kind"], p["first_seen"]) for p in rec["pages"]] == [("http://a.test/heat", "film", OLD)]
    assert rec["pages"][0]["last_seen"] > OLD and rec["pages"][0]["fetched_at"] == rec["pages"][0]["last_seen"]
    assert rec["sources"] == {"title": "jsonld", "year": "jsonld", "imdb_rating": "labelled", "cast": "jsonld"}
    assert rec["first_seen"] == OLD


def test_film_table_mode(capsys, films_db):
    code, out, err = run(capsys, "film", "AMELIE", "--db", films_db)  # case and accents aside
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Amélie (2001)"
    assert lines[1:5] == ["  runtime      122 min", "  IMDb rating  8.3 (780,000 votes)",
                          "  genres       Comedy, Romance", "  directors    Jean-Pierre Jeunet"]
    for heading in ("Synopsis", "Cast", "Offers", "Pages", "Sources"):
        assert heading in lines
    cast = lines.index("Cast")
    assert lines[cast + 1].split() == ["position", "name", "character"]
    assert lines[cast + 3].split(None, 1) == ["0", "Audrey Tautou      Amélie Poulain"]
    code, out, _ = run(capsys, "film", "heat", "--year", "1995", "--db", films_db)
    offers = out.splitlines()[out.splitlines().index("Offers") + 3]
    assert offers.split()[:3] == ["Apple", "TV", "rent"] and "closed" in offers
    assert all(len(line) <= 200 for line in out.splitlines())


def test_film_offer_on_a_gone_page_is_closed(capsys, films_db):
    db = store.open_db(films_db)
    with db.atomic():
        store.save_page(db, PageItem(url="http://a.test/heat-1986", kind="film", http_status=404), 3)
    assert [r[0] for r in db.execute("SELECT change FROM changes WHERE run_id = 3 ORDER BY id")] == [
        "page_gone", "offer_removed"]
    db.close()
    rec = as_json(capsys, "film", "heat", "--year", "1986", "--db", films_db)
    assert [(o["provider"], o["status"], o["current"]) for o in rec["offers"]] == [("Tubi", "closed", False)]
    assert as_json(capsys, "films", "--provider", "tubi", "--offer-type", "ads", "--db", films_db) == []


def test_film_leading_article_and_csv(capsys, films_db):
    code, out, _ = run(capsys, "film", "big lebowski", "--db", films_db, "--csv")
    assert code == 0
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["title"] == "The Big Lebowski" and row["cast"] == "Jeff Bridges as The Dude"
    assert row["providers"] == "Peacock (subscription)"


def test_film_several_matches_ask_for_year(capsys, films_db):
    code, out, err = run(capsys, "film", "Heat", "--db", films_db)
    assert code == 1 and out == ""
    assert err == "filmcrawl: 2 films titled 'Heat': Heat (1986), Heat (1995); pass --year to choose\n"
    code, _, err = run(capsys, "film", "Heat", "--year", "2020", "--db", films_db)
    assert code == 1 and err == "filmcrawl: no film titled 'Heat' from 2020; there is: Heat (1986), Heat (1995)\n"


def test_film_unknown_title_suggests(capsys, films_db):
    code, out, err = run(capsys, "film", "Heet", "--db", films_db)
    assert (code, out) == (1, "")
    assert err == "filmcrawl: no film titled 'Heet'; did you mean: Heat (1986), Heat (1995)?\n"
    code, _, err = run(capsys, "film", "Fargoo", "--db", films_db)
    assert err == "filmcrawl: no film titled 'Fargoo'; did you mean: Fargo (1996)?\n"
    code, _, err = run(capsys, "film", "Xyzzy Plugh", "--db", films_db)
    assert code == 1 and err == "filmcrawl: no film titled 'Xyzzy Plugh'\n"


# -- films ---------------------------------------------------------------------


def titles(rows):
    return [(r["title"], r["year"]) for r in rows]


def test_films_filters(capsys, films_db):
    db = ["--db", films_db]
    everything = as_json(capsys, "films", *db)
    assert titles(everything) == [("Amélie", 2001), ("Heat", 1995), ("Fargo", 1996), ("The Big Lebowski", 1998),
                                  ("Heat", 1986), ("Clueless", 1995)]  # rating, then votes; unrated last
    assert everything[2] == {"title": "Fargo", "year": 1996, "imdb_rating": 8.2, "runtime_minutes": 98,
                             "genres": "Crime, Thriller", "providers": "Pluto TV, Prime Video"}
    assert titles(as_json(capsys, "films", "--genre", "crime", "--sort", "year", *db)) == [
        ("The Big Lebowski", 1998), ("Fargo", 1996), ("Heat", 1995)]
    assert titles(as_json(capsys, "films", "--genre", "Romantic", "--sort", "title", *db)) == [
        ("Amélie", 2001), ("Clueless", 1995)]  # alias; sorted by title key
    # Heat (1995)'s Apple TV offer was closed in run 2: not current
    assert as_json(capsys, "films", "--provider", "apple tv", *db) == []
    assert titles(as_json(capsys, "films", "--provider", "NETFLIX", *db)) == [("Amélie", 2001), ("Heat", 1995)]
    assert titles(as_json(capsys, "films", "--offer-type", "free", *db)) == [("Amélie", 2001), ("Clueless", 1995)]
    assert titles(as_json(capsys, "films", "--provider", "tubi", "--offer-type", "ads", *db)) == [("Heat", 1986)]
    assert titles(as_json(capsys, "films", "--year-from", "1995", "--year-to", "1996", "--min-rating", "8", *db)) == [
        ("Heat", 1995), ("Fargo", 1996)]
    assert titles(as_json(capsys, "films", "--person", "coen", "--sort", "year", *db)) == [
        ("The Big Lebowski", 1998), ("Fargo", 1996)]
    assert titles(as_json(capsys, "films", "--person", "al pacino", *db)) == [("Heat", 1995)]
    assert titles(as_json(capsys, "films", "--limit", "2", *db)) == [("Amélie", 2001), ("Heat", 1995)]


def test_films_csv_and_table(capsys, films_db):
    code, out, _ = run(capsys, "films", "--genre", "comedy", "--sort", "title", "--db", films_db, "--csv")
    assert code == 0
    assert out.splitlines()[0] == "title,year,imdb_rating,runtime_minutes,genres,providers"
    assert out.splitlines()[1] == 'Amélie,2001,8.3,122,"Comedy, Romance","Kanopy, Netflix"'
    code, out, _ = run(capsys, "films", "--genre", "comedy", "--sort", "title", "--db", films_db)
    lines = out.splitlines()
    assert lines[0] == "title             year  imdb_rating  runtime_minutes  genres           providers"
    assert lines[1] == "----------------  ----  -----------  ---------------  ---------------  ----------------"
    assert lines[2] == "Amélie            2001          8.3              122  Comedy, Romance  Kanopy, Netflix"
    assert lines[3] == "The Big Lebowski  1998          8.1              117  Comedy, Crime    Peacock"
    assert lines[4] == "Clueless          1995                            97  Comedy, Romance  Paramount+, Tubi"


def test_films_bad_values(capsys, films_db):
    db = ["--db", films_db]
    for argv, needle in [
        (["--sort", "popularity"], "invalid choice: 'popularity'"),
        (["--offer-type", "stream"], "invalid choice: 'stream'"),
        (["--limit", "0"], "must be 1 or more"),
        (["--min-rating", "11"], "0 to 10"),
        (["--year-from", "nineteen"], "invalid int value"),
    ]:
        with pytest.raises(SystemExit) as exc:
            main(["films", *argv, *db])
        err = capsys.readouterr().err
        assert exc.value.code == 2 and needle in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "films", "--year-from", "2000", "--year-to", "1990", *db)
    assert code == 2 and err == "filmcrawl: --year-from 2000 is after --year-to 1990\n"
    code, _, err = run(capsys, "films", "--genre", "Indie Wibble", *db)
    assert code == 2 and err.startswith("filmcrawl: unknown genre 'Indie Wibble' (genres in the database: Action,")
    code, _, err = run(capsys, "films", "--provider", "Netflx", *db)
    assert code == 2 and err == "filmcrawl: no offers from provider 'Netflx'; did you mean: Netflix?\n"
    code, _, err = run(capsys, "films", "--person", "Nobody Atall", *db)
    assert code == 1 and err.startswith("filmcrawl: no person named 'Nobody Atall'")
    # a canonical genre with no films is a valid, empty filter
    assert run(capsys, "films", "--genre", "Western", *db) == (0, "no films match these filters\n", "")


# -- person --------------------------------------------------------------------


def test_person(capsys, films_db):
    rows = as_json(capsys, "person", "joel coen", "--db", films_db)
    assert rows == [
        {"person": "Joel Coen", "year": 1998, "title": "The Big Lebowski", "role": "director", "character": None,
         "imdb_rating": 8.1},
        {"person": "Joel Coen", "year": 1996, "title": "Fargo", "role": "director", "character": None,
         "imdb_rating": 8.2},
    ]
    code, out, _ = run(capsys, "person", "Michael Mann", "--db", films_db)
    assert out.splitlines()[0] == "Michael Mann: 2 credits in 1 film"
    assert out.splitlines()[1].split() == ["year", "title", "role", "character", "imdb_rating"]
    assert [line.split()[2] for line in out.splitlines()[3:]] == ["director", "writer"]
    code, out, _ = run(capsys, "person", "AUDREY TAUTOU", "--db", films_db)
    assert "2001  Amélie  cast  Amélie Poulain" in out


def test_person_near_miss(capsys, films_db):
    code, out, err = run(capsys, "person", "Pacino", "--db", films_db)
    assert (code, out, err) == (1, "", "filmcrawl: no person named 'Pacino'; did you mean: Al Pacino?\n")
    code, _, err = run(capsys, "person", "Jef Bridges", "--db", films_db)
    assert err == "filmcrawl: no person named 'Jef Bridges'; did you mean: Jeff Bridges?\n"


# -- stats ---------------------------------------------------------------------


def test_stats(capsys, films_db):
    data = as_json(capsys, "stats", "--db", films_db)
    assert data["counts"]["films"] == 6 and data["counts"]["offers"] == 10
    assert data["counts"]["offers_current"] == 9 and data["counts"]["crawl_runs"] == 2
    assert data["counts"]["pages"] == 7
    assert data["genres"][:2] == [{"genre": "Comedy", "films": 3}, {"genre": "Crime", "films": 3}]
    assert {"provider": "Netflix", "films": 2, "offers": 2} in data["providers"]
    assert data["decades"] == [{"decade": "1980s", "films": 1}, {"decade": "1990s", "films": 4},
                               {"decade": "2000s", "films": 1}]
    assert data["ratings"] == [{"rating": "0-5", "films": 0}, {"rating": "5-6", "films": 1},
                               {"rating": "6-7", "films": 0}, {"rating": "7-8", "films": 0},
                               {"rating": "8-9", "films": 4}, {"rating": "9-10", "films": 0},
                               {"rating": "none", "films": 1}]
    assert [r["id"] for r in data["runs"]] == [2, 1]
    code, out, _ = run(capsys, "stats", "--db", films_db)
    for heading in ("Rows per table", "Films per genre", "Films per provider (current offers)",
                    "Films per decade", "IMDb ratings", "Last runs"):
        assert heading in out.splitlines()
    code, out, _ = run(capsys, "stats", "--db", films_db, "--csv")
    assert out.splitlines()[0] == "section,name,count" and "decade,1990s,4" in out.splitlines()


# -- query ---------------------------------------------------------------------


def test_query_reads(capsys, films_db):
    rows = as_json(capsys, "query", "SELECT title, year FROM films WHERE year < :y ORDER BY year",
                   "--param", "y=1996", "--db", films_db)
    assert rows == [{"title": "Heat", "year": 1986}, {"title": "Heat", "year": 1995},
                    {"title": "Clueless", "year": 1995}]
    code, out, _ = run(capsys, "query", "SELECT provider, offer_type FROM offers_current WHERE title = 'Fargo' "
                       "ORDER BY provider", "--db", films_db, "--csv")
    assert out == "provider,offer_type\nPluto TV,ads\nPrime Video,rent\n"
    code, out, _ = run(capsys, "query", "SELECT title FROM films WHERE 0", "--db", films_db, "--csv")
    assert (code, out) == (0, "title\n")


@pytest.mark.parametrize("sql", ["DELETE FROM films", "UPDATE films SET title = 'x'",
                                 "DROP TABLE films", "CREATE TABLE t (x)", "PRAGMA user_version = 9"])
def test_query_refuses_writes(capsys, films_db, sql):
    code, out, err = run(capsys, "query", sql, "--db", films_db)
    assert code == 3 and out == ""
    assert err.startswith("filmcrawl: query refused: ") and len(err.splitlines()) == 1
    conn = sqlite3.connect(films_db)
    assert conn.execute("SELECT count(*) FROM films").fetchone()[0] == 6
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION


def test_query_refuses_delete_exactly(capsys, films_db):
    code, _, err = run(capsys, "query", "DELETE FROM films", "--db", films_db)
    assert (code, err) == (3, "filmcrawl: query refused: attempt to write a readonly database\n")


def test_query_refuses_attach(capsys, films_db, tmp_path):
    other = tmp_path / "other.db"
    code, _, err = run(capsys, "query", f"ATTACH DATABASE '{other}' AS o", "--db", films_db)
    assert code == 3 and err.startswith("filmcrawl: query refused:") and not other.exists()


@pytest.mark.parametrize("sql", ["SELEC title FROM films", "SELECT nope FROM films", "SELECT 1; SELECT 2", ""])
def test_query_malformed(capsys, films_db, sql):
    code, out, err = run(capsys, "query", sql, "--db", films_db)
    assert code == 2 and out == ""
    assert err.startswith("filmcrawl: query failed: ") and len(err.splitlines()) == 1


# -- bad databases -------------------------------------------------------------

LOOKUPS = [["film", "Heat"], ["person", "Al Pacino"]]
LISTINGS = [["search", "heat"], ["films"], ["films", "--genre", "Drama"], ["stats"], ["query", "SELECT * FROM films"]]


@pytest.mark.parametrize("argv", LISTINGS)
def test_empty_database_listings(capsys, empty_db, argv):
    code, out, err = run(capsys, *argv, "--db", empty_db)
    assert code == 0 and err == ""
    if argv[0] in ("search", "films"):
        assert out == f"no films yet in {empty_db} (crawl first)\n"
    code, out, err = run(capsys, *argv, "--db", empty_db, "--json")
    assert code == 0 and json.loads(out) is not None


@pytest.mark.parametrize("argv", LOOKUPS)
def test_empty_database_lookups(capsys, empty_db, argv):
    code, out, err = run(capsys, *argv, "--db", empty_db)
    assert code == 1 and out == "" and "yet in" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("argv", LOOKUPS + LISTINGS)
def test_missing_and_broken_files(capsys, tmp_path, argv):
    missing = str(tmp_path / "nope.db")
    code, out, err = run(capsys, *argv, "--db", missing)
    assert code == 2 and out == "" and err == f"filmcrawl: no database at {missing} (crawl first, or pass --db PATH)\n"
    junk = tmp_path / "junk.db"
    junk.write_text("this is not a database\n" * 100)
    code, out, err = run(capsys, *argv, "--db", str(junk))
    assert code == 2 and out == "" and err.startswith(f"filmcrawl: {junk} is not a filmcrawl database")
    assert len(err.splitlines()) == 1
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    code, _, err = run(capsys, *argv, "--db", str(other))
    assert code == 2 and "is not a filmcrawl database" in err


# -- a real process --------------------------------------------------------------


def test_real_subprocess(films_db):
    def cli(*argv):
        return subprocess.run([sys.executable, "-m", "filmcrawl", *argv], cwd=ROOT, capture_output=True,
                              text=True, timeout=60)

    done = cli("films", "--provider", "pluto", "--db", films_db, "--json")
    assert done.returncode == 0, done.stderr
    assert titles(json.loads(done.stdout)) == [("Fargo", 1996)]
    done = cli("film", "Heet", "--db", films_db)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == "filmcrawl: no film titled 'Heet'; did you mean: Heat (1986), Heat (1995)?\n"
    done = cli("query", "DELETE FROM films", "--db", films_db)
    assert done.returncode == 3 and done.stderr == "filmcrawl: query refused: attempt to write a readonly database\n"
    done = cli("--help")
    assert done.returncode == 0
    for name in ("search", "film", "films", "person", "stats", "query"):
        assert f"    {name} " in done.stdout
    assert sqlite3.connect(films_db).execute("SELECT count(*) FROM films").fetchone()[0] == 6
