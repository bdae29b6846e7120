"""Datasette (optional) on a database built by the store: facets and canned queries from
datasette/metadata.json, and a screenshot of a film's page when Chromium is there.

Skipped unless Datasette is installed (pip install -r requirements-datasette.txt). Everything
stays on 127.0.0.1: the server is started on a free local port, and Chromium runs with its
background networking off.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

pytest.importorskip("datasette", reason="Datasette is optional: pip install -r requirements-datasette.txt")

from tests.test_cli_query import build_db  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
METADATA = os.path.join(ROOT, "datasette", "metadata.json")
CHROMIUM = "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``datasette serve films.db -m datasette/metadata.json`` on a free local port."""
    tmp = tmp_path_factory.mktemp("datasette")
    db = build_db(str(tmp / "films.db"))  # named films.db: the metadata is for database "films"
    port = _free_port()
    log = open(tmp / "datasette.log", "w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", db, "-m", METADATA, "-p", str(port), "-h", "127.0.0.1"],
        stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"datasette exited {proc.returncode}:\n{log.read()[-3000:]}")
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("datasette did not start within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def get(url: str):
    with urllib.request.urlopen(url, timeout=30) as resp:
        assert resp.status == 200
        body = resp.read().decode("utf-8")
    return json.loads(body) if ".json" in url.split("?")[0] else body


def facet(data: dict, name: str) -> dict:
    return {r["value"]: r["count"] for r in data["facet_results"][name]["results"]}


def canned(base: str, name: str, **params) -> list[dict]:
    query = urllib.parse.urlencode({**params, "_shape": "objects"})
    data = get(f"{base}/films/{name}.json?{query}")
    assert data.get("ok", True), data
    return data["rows"]


def test_metadata_is_valid_json_with_the_canned_queries():
    with open(METADATA, encoding="utf-8") as fh:
        meta = json.load(fh)
    db = meta["databases"]["films"]
    assert {"new_this_week", "free_to_watch", "top_rated_by_genre", "new_on_provider"} <= set(db["queries"])
    for table in ("films", "offers", "credits", "people", "pages", "crawl_runs", "changes"):
        assert db["tables"][table]["description"]


def test_metadata_facets_apply(server):
    data = get(f"{server}/films/offers_current.json?_shape=objects")
    assert facet(data, "provider") == {"Netflix": 2, "Tubi": 2, "Kanopy": 1, "Paramount+": 1, "Peacock": 1,
                                       "Pluto TV": 1, "Prime Video": 1}
    assert facet(data, "offer_type") == {"subscription": 4, "ads": 2, "free": 2, "rent": 1}
    assert facet(data, "year")[1995] == 3
    data = get(f"{server}/films/film_overview.json?_shape=objects")
    assert facet(data, "year") == {1986: 1, 1995: 2, 1996: 1, 1998: 1, 2001: 1}
    data = get(f"{server}/films/offers.json?_shape=objects")
    assert facet(data, "active") == {1: 9, 0: 1}
    data = get(f"{server}/films/changes.json?_shape=objects&_facet=change")
    assert facet(data, "change")["film_added"] == 6


def test_canned_queries(server):
    assert [(r["title"], r["year"]) for r in canned(server, "new_this_week")] == [("Clueless", 1995)]
    free = canned(server, "free_to_watch")
    assert [(r["title"], r["provider"], r["offer_type"]) for r in free] == [
        ("Amélie", "Kanopy", "free"), ("Fargo", "Pluto TV", "ads"), ("Heat", "Tubi", "ads"),
        ("Clueless", "Tubi", "free")]
    assert [(r["title"], r["imdb_rating"]) for r in canned(server, "top_rated_by_genre", genre="crime")] == [
        ("Heat", 8.3), ("Fargo", 8.2), ("The Big Lebowski", 8.1)]
    assert canned(server, "top_rated_by_genre", genre="Western") == []
    rows = canned(server, "new_on_provider", provider="tubi")
    assert [(r["title"], r["year"], r["offer_type"], r["still_offered"]) for r in rows] == [
        ("Clueless", 1995, "free", 1), ("Heat", 1986, "ads", 1)]  # newest first
    rows = canned(server, "new_on_provider", provider="Apple TV")
    assert [(r["title"], r["still_offered"]) for r in rows] == [("Heat", 0)]  # closed in run 2


def test_film_row_page_and_descriptions(server):
    html = get(f"{server}/films/films/1")
    assert "Heat" in html and "712000" in html  # the films row itself
    html = get(f"{server}/films/offers")
    assert "every offer any page showed" in html


def test_screenshot_of_a_film_page(server, tmp_path):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no {CHROMIUM}: screenshot not taken")
    shot = tmp_path / "film.png"
    profile = tmp_path / "profile"
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
         "--disable-extensions", f"--user-data-dir={profile}", "--window-size=1280,900",
         f"--screenshot={shot}", f"{server}/films/films/1"],
        capture_output=True, text=True, timeout=120,
    )
    shutil.rmtree(profile, ignore_errors=True)
    assert shot.exists(), done.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
