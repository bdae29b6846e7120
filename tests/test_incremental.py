"""Scheduled runs: conditional requests, unchanged pages, offer history and the
changes table, across runs of the real spider against a site that changes."""

from __future__ import annotations

import json

from filmcrawl.cli import main

from .conftest import count
from .faultserver import film_jsonld, film_page

FILMS = {
    "a": film_jsonld("Silent Harbor", 1971, ["Ada Berg"], genres=["Drama"],
                     offers=[("Netflix", "subscription", None), ("Apple TV", "rent", 3.99)]),
    "b": film_jsonld("Copper Tide", 1984, ["Bruno Castillo"], genres=["Western"],
                     offers=[("Tubi", "free", None)]),
    "c": film_jsonld("Glass Orchard", 1990, ["Chiara Dubois"], genres=["Romance"],
                     offers=[("Max", "subscription", None)]),
    "d": film_jsonld("Winter Signal", 2001, ["Dmitri Eriksen"], offers=[("Hulu", "subscription", None)]),
    "e": film_jsonld("Paper Lantern", 2008, ["Eun Fujita"], offers=[("Max", "subscription", None)]),
    "f": film_jsonld("Velvet Hollow", 2015, ["Farid García"], offers=[("Netflix", "subscription", None)]),
}


def write_site(site_dir, films):
    (site_dir / "films").mkdir(exist_ok=True)
    for slug, movie in films.items():
        (site_dir / "films" / f"{slug}.html").write_bytes(film_page(movie))
    links = "".join(f'<li><a href="/films/{slug}.html">{slug}</a></li>' for slug in FILMS)
    (site_dir / "index.html").write_text(f"<html><body><h1>Films</h1><ul>{links}</ul></body></html>")


def changes_of(query, run_id):
    return sorted(query(
        "SELECT f.title, c.change, c.provider, c.old_value, c.new_value FROM changes c "
        "JOIN films f ON f.id = c.film_id WHERE c.run_id = ?", [run_id]))


def test_runs_record_history_and_skip_unchanged_pages(site_dir, site_server, crawl, query, db_path, capsys):
    write_site(site_dir, FILMS)
    crawl(site_server.base_url + "/")
    assert count(query, "films") == 6
    assert count(query, "offers") == 7
    assert {c[1] for c in changes_of(query, 1)} == {"film_added", "offer_added"}

    # The site changes: a price drops and an offer arrives, an offer leaves and
    # another arrives, a page disappears. Three pages stay as they were.
    changed = dict(FILMS)
    changed["a"] = film_jsonld("Silent Harbor", 1971, ["Ada Berg"], genres=["Drama"], offers=[
        ("Netflix", "subscription", None), ("Apple TV", "rent", 2.99), ("Hulu", "subscription", None)])
    changed["b"] = film_jsonld("Copper Tide", 1984, ["Bruno Castillo"], genres=["Western"],
                               offers=[("Netflix", "subscription", None)])
    del changed["c"]
    (site_dir / "films" / "c.html").unlink()
    write_site(site_dir, changed)
    site_server.not_modified = 0
    crawl(site_server.base_url + "/")

    assert changes_of(query, 2) == sorted([
        ("Silent Harbor", "offer_changed", "Apple TV", "3.99", "2.99"),
        ("Silent Harbor", "offer_added", "Hulu", None, None),
        ("Copper Tide", "offer_removed", "Tubi", None, None),
        ("Copper Tide", "offer_added", "Netflix", None, None),
        ("Glass Orchard", "page_gone", None, None, None),
        ("Glass Orchard", "offer_removed", "Max", None, None),
    ])
    # nothing lost or duplicated; closed offers stay with the run that last saw them
    assert count(query, "films") == 6
    assert count(query, "offers") == 9
    assert query("SELECT o.provider, o.active, o.last_run_id FROM offers o JOIN films f ON f.id = o.film_id "
                 "WHERE f.title IN ('Copper Tide', 'Glass Orchard') ORDER BY o.provider") == [
        ("Max", 0, 1), ("Netflix", 1, 2), ("Tubi", 0, 1)]
    assert query("SELECT count(*) FROM offers_current")[0][0] == 7
    # the three untouched film pages answered 304: no re-extraction, last_seen moved
    assert site_server.not_modified == 3
    run = query("SELECT status, pages_crawled, pages_unchanged FROM crawl_runs WHERE id = 2")[0]
    assert run[0] == "finished" and run[2] >= 3
    assert query("SELECT count(*) FROM films WHERE last_run_id = 2")[0][0] == 5
    assert query("SELECT http_status FROM pages WHERE url LIKE '%/films/c.html'") == [(404,)]

    # "new on Netflix since run 1"
    assert main(["changes", "--provider", "netflix", "--since", "1", "--db", db_path, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["title"], r["change"], r["provider"]) for r in rows] == [("Copper Tide", "offer_added", "Netflix")]

    # a third run of the unchanged site changes nothing
    site_server.not_modified = 0
    crawl(site_server.base_url + "/")
    assert changes_of(query, 3) == []
    assert site_server.not_modified == 5
    assert main(["runs", "--db", db_path, "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in runs] == [3, 2, 1]
    assert all(r["status"] == "finished" for r in runs)


def test_jobdir_requests_are_persisted_and_resume_finishes(site_dir, site_server, crawl, query, tmp_path):
    write_site(site_dir, FILMS)
    jobdir = tmp_path / "job"
    crawl(site_server.base_url + "/", JOBDIR=str(jobdir))
    assert (jobdir / "requests.seen").exists()
    stats = json.loads(query("SELECT stats FROM crawl_runs")[0][0])
    assert stats.get("scheduler/unserializable", 0) == 0
    assert stats["scheduler/enqueued/disk"] > 0
    crawl(site_server.base_url + "/", JOBDIR=str(jobdir))  # resuming a finished job
    assert count(query, "films") == 6
    assert [r[0] for r in query("SELECT status FROM crawl_runs ORDER BY id")] == ["finished", "finished"]
