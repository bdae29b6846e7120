"""Distributed mode: real redis-server, real workers (scrapy crawl watchpages with
FILMCRAWL_REDIS_URL), the real writer (python -m filmcrawl ingest), a generated site.

Skipped only where redis-server cannot be found (``make redis`` installs it) or the
optional packages of requirements-redis.txt are missing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import pytest

redis = pytest.importorskip("redis", reason="distributed mode needs requirements-redis.txt")
pytest.importorskip("scrapy_redis", reason="distributed mode needs requirements-redis.txt")

from filmcrawl import distributed as D  # noqa: E402
from filmcrawl.commands.crawl import PROJECT_ROOT, crawl_env  # noqa: E402
from filmcrawl.commands.distributed import worker_command  # noqa: E402
from filmcrawl.demo.server import SiteServer  # noqa: E402
from filmcrawl.items import Credit, FilmItem, Offer, PageItem  # noqa: E402

from . import crashkit  # noqa: E402

N_FILMS = 300  # linked from list pages; 5 more only in the sitemap
WORKER_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "FILMCRAWL_REDIS_IDLE": "2",
    "FILMCRAWL_REDIS_WORKER_TTL": "3",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url():
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.skip("redis-server not found (`make redis` installs the Debian package redis-server)")
    port = _free_port()
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("redis-server did not start")
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def rdb(redis_url):
    client = redis.Redis.from_url(redis_url)
    client.flushall()
    yield client
    client.flushall()


# -- the site -------------------------------------------------------------------------

ADJ = "Silent Crimson Hidden Broken Golden Distant Frozen Burning Hollow Quiet Savage Velvet Iron " \
      "Paper Midnight Electric Wild Lonely Bitter Endless Scarlet Northern Sunken Restless Pale".split()
NOUN = "River Harbor Garden Mirror Empire Highway Letter Orchard Signal Kingdom Lantern Shadow " \
       "Summer Station Canyon Island Machine Promise Circus Frontier Winter Compass Engine Tide Crown".split()
FIRST = "Ada Bruno Clara Dmitri Elena Farid Greta Hugo Ines Jonas Kira Luca Maya Nils Olga Pavel " \
        "Rosa Soren Tomas Vera".split()
LAST = "Almeida Berger Costa Dahl Eriksen Fontaine Garcia Horvat Ivanova Jansen Kowalski Lindqvist " \
       "Moreau Novak Okafor Petrov Quinn Rossi Santos Weber".split()
GENRES = ["Drama", "Comedy", "Thriller", "Sci-Fi", "Romance", "Horror", "Western", "Documentary"]
PROVIDERS = [("Netflix", "subscription", None), ("Apple TV", "rent", "3.99"), ("Apple TV", "buy", "12.99")]


def person(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"


def film_page(i: int, links: list[int]) -> str:
    movie = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": f"The {ADJ[i % 25]} {NOUN[(i // 25) % 25]}",
        "datePublished": f"{1950 + i % 70}-0{1 + i % 9}-1{i % 10}",
        "duration": f"PT{80 + i % 60}M",
        "genre": [GENRES[i % 8], GENRES[(i // 8) % 8]] if i % 8 != (i // 8) % 8 else [GENRES[i % 8]],
        "director": {"@type": "Person", "name": person(i * 7)},
        "author": [{"@type": "Person", "name": person(i * 7 + 1)}],
        "actor": [{"@type": "Person", "name": person(i * 3 + k)} for k in range(3)],
        "description": f"Film number {i}, a story of {NOUN[i % 25].lower()}s.",
        "offers": [
            {"@type": "Offer", "seller": {"@type": "Organization", "name": name}, "category": kind,
             **({"price": price, "priceCurrency": "USD"} if price else {}), "videoQuality": "HD",
             "url": f"https://example.com/{kind}/{i}"}
            for name, kind, price in PROVIDERS[: 1 + i % 3]
        ],
    }
    anchors = "".join(f'<a href="/film/{j}.html">next</a> ' for j in links)
    return (f"<html><head><title>{movie['name']}</title>"
            f'<script type="application/ld+json">{json.dumps(movie)}</script></head>'
            f"<body><h1>{movie['name']}</h1><p>{movie['description']}</p>{anchors}"
            f'<a href="/">home</a></body></html>')


def build_site(root, n=N_FILMS, lists=10):
    (root / "film").mkdir()
    (root / "list").mkdir()
    per = n // lists
    for i in range(n):
        (root / "film" / f"{i}.html").write_text(film_page(i, [(i + 1) % n, (i + 7) % n]))
    for i in range(n, n + 5):  # in the sitemap only
        (root / "film" / f"{i}.html").write_text(film_page(i, []))
    for k in range(lists):
        items = "".join(f'<li><a href="/film/{i}.html">film {i}</a></li>' for i in range(k * per, (k + 1) * per))
        (root / "list" / f"{k}.html").write_text(
            f'<html><head><title>List {k}</title></head><body><ul>{items}</ul>'
            f'<a href="/list/{(k + 1) % lists}.html">more</a></body></html>')
    lists_html = "".join(f'<a href="/list/{k}.html">list {k}</a> ' for k in range(lists))
    (root / "index.html").write_text(f"<html><head><title>Films</title></head><body>{lists_html}</body></html>")
    (root / "robots.txt.tmpl").write_text("User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n")
    urls = "".join(f"<url><loc>{{base}}/film/{i}.html</loc></url>" for i in [*range(0, 40), *range(n, n + 5)])
    (root / "sitemap.xml.tmpl").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')
    return 1 + lists + n + 5  # html pages


@pytest.fixture
def film_site(tmp_path):
    root = tmp_path / "filmsite"
    root.mkdir()
    pages = build_site(root)
    server = SiteServer(str(root)).start()
    server.html_pages = pages
    yield server
    server.stop()


# -- comparing databases ----------------------------------------------------------------

QUERIES = {
    "films": "SELECT title, year, runtime_minutes, synopsis FROM films",
    "credits": "SELECT f.title, f.year, p.name, c.role, c.character, c.position FROM credits c "
               "JOIN films f ON f.id = c.film_id JOIN people p ON p.id = c.person_id",
    "genres": "SELECT f.title, f.year, g.name FROM film_genres fg JOIN films f ON f.id = fg.film_id "
              "JOIN genres g ON g.id = fg.genre_id",
    "offers": "SELECT f.title, f.year, o.provider, o.offer_type, o.price, o.currency, o.quality, o.region, "
              "o.url, o.page_url, o.active FROM offers o JOIN films f ON f.id = o.film_id",
    "pages": "SELECT url, kind, http_status, film_id IS NULL FROM pages",
}


def snapshot(db: str) -> dict[str, set]:
    return crashkit.snapshot(db, QUERIES)


def rows(db: str, sql: str, params=()):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# -- running a distributed crawl ------------------------------------------------------------

def start(argv, log_path):
    log = open(log_path, "w")
    proc = subprocess.Popen(argv, cwd=PROJECT_ROOT, env=crawl_env(), stdout=log, stderr=subprocess.STDOUT)
    proc.log_path = log_path
    log.close()
    return proc


def tail(proc) -> str:
    with open(proc.log_path) as fh:
        return fh.read()[-3000:]


def distributed_crawl(redis_url, rdb, base_url, db, tmp_path, workers=3, on_progress=None, settings=None):
    writer = start([sys.executable, "-m", "filmcrawl", "ingest", "--db", db, "--redis", redis_url,
                    "--idle", "8", "--batch", "50"], tmp_path / "writer.log")
    procs = [start(worker_command(redis_url, db, {**WORKER_SETTINGS, **(settings or {})}),
                   tmp_path / f"worker{n}.log") for n in range(workers)]
    enq = subprocess.run([sys.executable, "-m", "filmcrawl", "enqueue", base_url + "/", "--redis", redis_url],
                         cwd=PROJECT_ROOT, env=crawl_env(), capture_output=True, text=True, timeout=60)
    assert enq.returncode == 0, enq.stderr
    deadline = time.monotonic() + 100
    killed = []
    while writer.poll() is None:
        assert time.monotonic() < deadline, "distributed crawl did not end:\n" + tail(writer)
        if on_progress is not None:
            killed += on_progress(procs) or []
        time.sleep(0.02)
    assert writer.returncode == 0, tail(writer)
    for proc in procs:
        proc.wait(30)
        if proc not in killed:
            assert proc.returncode == 0, tail(proc)
    return procs, killed


# -- tests ----------------------------------------------------------------------------------

def test_default_path_imports_no_redis():
    code = ("import sys, filmcrawl.cli, filmcrawl.pipelines, filmcrawl.spiders.watchpages, filmcrawl.settings\n"
            "filmcrawl.cli.build_parser()\n"
            "assert 'redis' not in sys.modules and 'scrapy_redis' not in sys.modules, 'redis imported'")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_pageitem_json_round_trip():
    film = FilmItem(url="http://x/f", title="Paris, Texas", year=1984, genres=["Drama"],
                    credits=[Credit("Wim Wenders", "director", position=0)],
                    offers=[Offer("Netflix", "subscription", 3.5, "USD", "HD")], sources={"title": "jsonld"})
    page = PageItem(url="http://x/f", kind="film", http_status=200, film=film, unchanged=False)
    assert D.page_from_json(D.page_to_json(page)) == page


def test_three_workers_equal_one_process(redis_url, rdb, film_site, crawl, db_path, tmp_path):
    crawl(film_site.base_url + "/")
    single = snapshot(db_path)
    assert len(single["films"]) == N_FILMS + 5
    film_site.hits.clear()

    db = str(tmp_path / "distributed.db")
    procs, _ = distributed_crawl(redis_url, rdb, film_site.base_url, db, tmp_path, workers=3)

    html = {p: n for p, n in film_site.hits.items() if p.endswith((".html", "/"))}
    assert len(html) == film_site.html_pages
    assert max(html.values()) == 1, sorted((n, p) for p, n in html.items() if n > 1)[:10]
    assert film_site.hits["/sitemap.xml"] == 1
    assert rows(db, "SELECT count(*) FROM (SELECT 1 FROM films GROUP BY title_key, year HAVING count(*) > 1)") == [(0,)]
    assert snapshot(db) == single

    (run_id, status, pages, stored, stats), = rows(
        db, "SELECT id, status, pages_crawled, items_stored, stats FROM crawl_runs")
    assert status == "finished"
    assert pages == film_site.html_pages and stored == N_FILMS + 5
    stats = json.loads(stats)
    assert stats["filmcrawl/distributed/workers"] == 3
    assert stats["item_scraped_count"] == film_site.html_pages  # summed over the workers
    busy = [w for w in stats["workers"].values() if w.get("item_scraped_count")]
    assert len(busy) >= 2, stats["workers"]  # the work was shared
    # the run is over: the next enqueue starts afresh; nothing is left behind
    assert not rdb.exists(D.Keys().dupefilter, D.Keys().items, D.Keys().processing, D.Keys().frontier)


def test_killed_worker_loses_no_page(redis_url, rdb, film_site, crawl, db_path, tmp_path):
    crawl(film_site.base_url + "/")
    single = snapshot(db_path)
    film_site.hits.clear()
    keys = D.Keys()

    def kill_one_midway(procs):
        if sum(n for p, n in film_site.hits.items() if p.endswith(".html")) < 60:
            return []
        for raw in rdb.smembers(keys.workers):
            wid = raw.decode()
            if rdb.hlen(keys.inflight(wid)) > 0:  # it holds requests: they must not be lost
                pid = int(wid.rsplit("-", 2)[1])
                victim = next((p for p in procs if p.pid == pid), None)
                if victim is not None and victim.poll() is None:
                    os.kill(pid, signal.SIGKILL)
                    return [victim]
        return []

    state = {"done": False}

    def once(procs):
        if state["done"]:
            return []
        killed = kill_one_midway(procs)
        state["done"] = bool(killed)
        return killed

    db = str(tmp_path / "distributed.db")
    procs, killed = distributed_crawl(redis_url, rdb, film_site.base_url, db, tmp_path, workers=2,
                                      on_progress=once, settings={"CONCURRENT_REQUESTS": "4"})
    assert killed, "no worker was killed midway"
    assert killed[0].returncode == -signal.SIGKILL
    assert snapshot(db) == single
    (status, stats), = rows(db, "SELECT status, stats FROM crawl_runs")
    assert status == "finished"
    assert json.loads(stats)["filmcrawl/distributed/recovered_requests"] > 0


def test_writer_reingests_what_a_killed_writer_had_taken(redis_url, rdb, tmp_path):
    keys = D.Keys()

    def item(i):
        film = FilmItem(url=f"http://site.test/f{i}", title=f"Film {i}", year=2000 + i,
                        credits=[Credit("Ann Lee", "director", position=0)])
        return D.page_to_json(PageItem(url=film.url, kind="film", http_status=200, film=film))

    # a writer moved two items to the processing list and died before its commit;
    # one of them had even been stored already (storing twice must be harmless)
    db = str(tmp_path / "w.db")
    first = D.Writer(db, rdb, idle=0.5)
    first.open()
    first._save([(None, D.page_from_json(item(1)))])
    first.close()
    rdb.rpush(keys.processing, item(1), item(2))
    rdb.rpush(keys.items, item(3))

    writer = D.Writer(db, rdb, batch_size=10, idle=0.5)
    run_id = writer.open()
    assert run_id == 1  # the killed writer's run goes on
    status = writer.run()
    writer.finish(status)
    writer.close()
    assert status == "finished"
    assert rdb.llen(keys.processing) == 0 and rdb.llen(keys.items) == 0
    assert rows(db, "SELECT title FROM films ORDER BY title") == [("Film 1",), ("Film 2",), ("Film 3",)]
    assert rows(db, "SELECT count(*) FROM credits") == [(3,)]
    assert rows(db, "SELECT id, status FROM crawl_runs") == [(1, "finished")]
