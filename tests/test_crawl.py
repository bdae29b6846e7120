"""End to end: the real watchpages spider against real sites on 127.0.0.1, into a real
SQLite file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from filmcrawl.commands.crawl import crawl_env
from filmcrawl.demo.server import SITE
from filmcrawl.runlock import RunLock

from .conftest import FIXTURES, count

SEED_PAGE = os.path.join(FIXTURES, "prose", "leaving-metropolis.html")


def build_seed_site(site_dir):
    """A small site: the seed review page among pages that are not films."""
    (site_dir / "where-to-watch").mkdir()
    shutil.copy(SEED_PAGE, site_dir / "where-to-watch" / "leaving-metropolis.html")
    others = {}
    for name in sorted(os.listdir(os.path.join(FIXTURES, "nonfilm"))):
        if name.endswith(".html"):
            shutil.copy(os.path.join(FIXTURES, "nonfilm", name), site_dir / name)
            with open(os.path.join(FIXTURES, "nonfilm", name[:-5] + ".json")) as fh:
                others["/" + name] = json.load(fh)["kind"]
    links = "".join(f'<li><a href="{path}">{path}</a></li>' for path in others)
    (site_dir / "index.html").write_text(
        "<html><head><title>Films</title></head><body><h1>Films</h1><ul>"
        '<li><a href="/where-to-watch/leaving-metropolis.html">Leaving Metropolis</a></li>'
        f"{links}</ul></body></html>"
    )
    return others


def test_seed_page_gives_every_fact_and_nothing_else_is_a_film(site_dir, site_server, crawl, query):
    others = build_seed_site(site_dir)
    crawl(site_server.base_url + "/")
    films = query("SELECT id, title, year, runtime_minutes, imdb_rating, synopsis FROM films")
    assert len(films) == 1, films
    film_id, title, year, runtime, rating, synopsis = films[0]
    assert title == "Leaving Metropolis"
    assert year == 2002
    assert runtime == 89
    assert rating == 6.2
    assert "gay playwright who grapples with his creative block" in synopsis
    assert "notable among them Troy Ruptash" in synopsis
    genres = query("SELECT g.name FROM film_genres fg JOIN genres g ON g.id = fg.genre_id")
    assert sorted(g for (g,) in genres) == ["Comedy", "Drama", "Romance"]
    people = lambda role: query(  # noqa: E731
        "SELECT p.name, c.character FROM credits c JOIN people p ON p.id = c.person_id "
        "WHERE c.role = ? ORDER BY c.position", [role])
    assert people("director") == [("Brad Fraser", None)]
    assert people("writer") == [("Brad Fraser", None)]
    assert people("cast") == [("Troy Ruptash", "David"), ("Vince Corazza", "Matt"), ("Lynda Boyd", "Violet")]
    kinds = dict(query("SELECT url, kind FROM pages"))
    for path, kind in others.items():
        assert kinds[site_server.base_url + path] != "film", path
        if kind == "series":
            assert kinds[site_server.base_url + path] == "series", path
    assert kinds[site_server.base_url + "/where-to-watch/leaving-metropolis.html"] == "film"


def test_demo_site_crawl_finds_every_film_once(demo_server, crawl, query):
    with open(os.path.join(SITE, "EXPECTED.json")) as fh:
        expected = json.load(fh)
    crawl(demo_server.base_url + "/")
    stored = set(query("SELECT title, year FROM films"))
    assert stored == {(f["title"], f["year"]) for f in expected["films"]}
    kinds = dict(query("SELECT url, kind FROM pages"))
    for path in expected["sitemap_only"]:
        assert kinds[demo_server.base_url + path] == "film"
    for path in expected["not_films"]:
        assert kinds[demo_server.base_url + path] != "film", path
    for path in expected["disallowed"]:
        assert demo_server.hits[path] == 0, "robots.txt disallowed page was fetched"
    # each page fetched once (robots.txt and the sitemap aside)
    assert max(n for p, n in demo_server.hits.items() if p.endswith(".html")) == 1
    run = query("SELECT status, pages_crawled, items_stored FROM crawl_runs")
    assert run == [("finished", count(query, "pages"), len(expected["films"]))]


def test_second_crawl_changes_no_counts_and_adds_one_run(demo_server, crawl, query):
    tables = ["films", "people", "credits", "genres", "film_genres", "offers", "pages", "rejects", "changes"]
    crawl(demo_server.base_url + "/")
    first = {t: count(query, t) for t in tables}
    crawl(demo_server.base_url + "/")
    assert {t: count(query, t) for t in tables} == first
    runs = query("SELECT status, pages_unchanged FROM crawl_runs ORDER BY id")
    assert [r[0] for r in runs] == ["finished", "finished"]
    assert runs[1][1] >= first["films"]  # every film page answered 304 or unchanged
    assert demo_server.not_modified >= first["films"]


def test_a_second_run_on_the_same_database_exits_at_once(demo_server, crawl, db_path, query):
    with RunLock(db_path):
        done = crawl(demo_server.base_url + "/", check=False)
    assert done.returncode != 0
    assert "another filmcrawl run" in done.stderr
    assert sum(demo_server.hits.values()) == 0


def test_start_urls_are_required_and_the_error_is_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "watchpages", "-s", f"FILMCRAWL_DB={tmp_path}/x.db"],
        env=crawl_env(), capture_output=True, text=True, timeout=120,
    )
    assert done.returncode != 0
    assert "start_urls" in done.stderr
