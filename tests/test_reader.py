"""Pages read in worker processes (filmcrawl/reader.py): the same database as reading
them in the crawl process, a dying worker costs only its pages, workers never outlive
a killed crawl, and a bad process count is one line."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import sqlite3
import time
from urllib.parse import urljoin, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scrapy.http import HtmlResponse

from filmcrawl.links import canonical
from filmcrawl.reader import PageReader, page_links, processes_setting, read_response

from . import crashkit as C
from .conftest import FIXTURES

FAMILIES = ("jsonld", "microdata", "opengraph", "labelled", "prose", "mixed", "nonfilm")


def corpus_site(site_dir) -> int:
    """Every fixture page of every family on one site, linked from its home page."""
    links = []
    for family in FAMILIES:
        folder = os.path.join(FIXTURES, family)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".html"):
                (site_dir / family).mkdir(exist_ok=True)
                shutil.copy(os.path.join(folder, name), site_dir / family / name)
                links.append(f'<a href="/{family}/{name}">{family}/{name}</a>')
    (site_dir / "index.html").write_text("<html><body>" + "\n".join(links) + "</body></html>")
    return len(links)


def table_rows(db: str) -> dict[str, set]:
    """Every column of every content table except ids, run ids and times."""
    conn = sqlite3.connect(db)
    try:
        out = {f"{name} (natural keys)": rows for name, rows in C.snapshot(db).items()}
        for table in ("films", "people", "credits", "offers", "pages", "rejects"):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                    if not (r[1] in ("id", "offer_key", "last_changed") or r[1].endswith(("_id", "_seen", "_at")))]
            out[table] = set(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall())
        return out
    finally:
        conn.close()


def test_worker_processes_store_exactly_what_the_crawl_process_stores(site_dir, site_server, crawl, tmp_path, query):
    pages = corpus_site(site_dir)
    inline, pooled = str(tmp_path / "inline.db"), str(tmp_path / "pooled.db")
    crawl(site_server.base_url + "/", db=inline, FILMCRAWL_EXTRACT_PROCESSES="0")
    crawl(site_server.base_url + "/", db=pooled, FILMCRAWL_EXTRACT_PROCESSES="2")
    a, b = table_rows(inline), table_rows(pooled)
    assert len(a["pages"]) + len(a["rejects"]) >= pages  # every page was read
    assert len(a["films"]) >= 30
    for table in a:
        assert a[table] == b[table], f"{table}: inline-only {list(a[table] - b[table])[:3]}, " \
                                     f"pooled-only {list(b[table] - a[table])[:3]}"


def page(body: bytes, cls=HtmlResponse, url="http://127.0.0.1/film/x.html"):
    return cls(url, body=body, headers={"Content-Type": "text/html; charset=utf-8"})


FILM = (b'<html><head><script type="application/ld+json">{"@type": "Movie", "name": "Harbour Lights",'
        b' "datePublished": "1999"}</script></head><body><a href="/a.html">a</a>'
        b'<a href="b.html#x">b</a><a href="/a.html?utm_source=feed">a again</a>'
        b'<a href="mailto:x@example.com">mail</a><a href="https://shop.example.com/buy">buy</a></body></html>')


class DyingResponse(HtmlResponse):
    """A response whose rebuilding in a worker kills that worker, as an out-of-memory kill would."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if b"die" in self.body and os.getpid() != int(os.environ.get("FILMCRAWL_TEST_PARENT", "0")):
            os._exit(9)


def test_a_worker_that_dies_costs_only_the_page_it_held(monkeypatch):
    monkeypatch.setenv("FILMCRAWL_TEST_PARENT", str(os.getpid()))
    reader = PageReader(1)

    async def go():
        first = await reader.read(page(FILM), "http://127.0.0.1/film/x.html")
        dead = await reader.read(page(FILM.replace(b"<body>", b"<body>die"), DyingResponse), "u")
        after = await reader.read(page(FILM), "http://127.0.0.1/film/x.html")
        return first, dead, after

    try:
        first, dead, after = asyncio.run(go())
    finally:
        reader.close()
    assert first.kind == "film" and first.film.title_raw == "Harbour Lights"
    assert dead.error and dead.error.startswith("BrokenProcessPool")
    assert dead.film is None
    assert after.kind == "film" and after.film.title_raw == "Harbour Lights"
    assert reader.pools_started == 2


def test_reading_in_a_worker_equals_reading_inline():
    reader = PageReader(1)
    try:
        pooled = asyncio.run(reader.read(page(FILM), "http://127.0.0.1/film/x.html"))
    finally:
        reader.close()
    inline = read_response(page(FILM), "http://127.0.0.1/film/x.html")
    assert pooled == inline
    # canonical, each once, page order; no mailto:
    assert inline.links == ["http://127.0.0.1/a.html", "http://127.0.0.1/film/b.html", "https://shop.example.com/buy"]


def test_links_to_other_hosts_are_dropped_in_the_worker():
    reader = PageReader(1)
    try:
        pooled = asyncio.run(reader.read(page(FILM), "http://127.0.0.1/film/x.html", hosts={"127.0.0.1"}))
    finally:
        reader.close()
    assert pooled.links == ["http://127.0.0.1/a.html", "http://127.0.0.1/film/b.html"]
    inline = read_response(page(FILM), "http://127.0.0.1/film/x.html", hosts={"shop.example.com"})
    assert inline.links == ["https://shop.example.com/buy"]


def test_a_page_that_breaks_the_parser_is_an_error_not_a_crash():
    class Broken(HtmlResponse):
        @property
        def selector(self):
            raise RuntimeError("no tree")

    reading = read_response(Broken("http://127.0.0.1/x", body=b"<html></html>"), "http://127.0.0.1/x")
    assert reading.error == "RuntimeError('no tree')"
    assert reading.links == []


@pytest.mark.parametrize("value, expected", [(None, None), ("", None), ("auto", None), (" AUTO ", None),
                                             ("0", 0), ("3", 3), (2, 2)])
def test_process_setting(value, expected):
    assert processes_setting(value) == expected


@pytest.mark.parametrize("value", ["-1", "lots", "1.5"])
def test_bad_process_setting(value):
    with pytest.raises(ValueError, match="FILMCRAWL_EXTRACT_PROCESSES"):
        processes_setting(value)


def test_a_bad_process_count_is_one_line_and_fetches_nothing(demo_server, crawl):
    done = crawl(demo_server.base_url + "/", check=False, FILMCRAWL_EXTRACT_PROCESSES="lots")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == \
        "filmcrawl: FILMCRAWL_EXTRACT_PROCESSES: expected 'auto' or a number >= 0, got 'lots'"
    assert "Traceback" not in done.stderr
    assert sum(demo_server.hits.values()) == 0


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return out


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs /proc")
def test_workers_exit_when_the_crawl_is_killed(tmp_path):
    server = C.serve_film_site(300)
    try:
        db = str(tmp_path / "k.db")
        proc = C.start(server.base_url + "/", db, FILMCRAWL_EXTRACT_PROCESSES="2")
        workers: list[int] = []
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and len(workers) < 2:
            workers = [p for p in children(proc.pid) if b"multiprocessing" in _cmdline(p)]
            time.sleep(0.05)
        assert proc.poll() is None, "the crawl ended before its workers were seen"
        assert workers, "no worker processes"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while any(alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in workers if alive(p)]
    finally:
        server.stop()


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return b""


# -- page_links: the cached joining equals joining each href against the page's base ------


HREF_PARTS = ["/", "//", "http:", "https:", "HTTP://", "mailto:", "film", "..", ".", "?", "#", "a=1", "&",
              " ", "x.html", "127.0.0.1", "other.example", "FILMS.Example", ":8080", "%20", "é", "\t",
              "javascript:void(0)", "user@", "@", ":", "%2E", "xn--", "ß", "\\", "ftp://"]
BASES = ["http://127.0.0.1/", "http://127.0.0.1/film/x.html", "http://127.0.0.1:8080/a/b/c?q=1",
         "https://films.example/list/", "http://films.example/a/../b/page.html#frag"]


def joined_one_by_one(base, hrefs, hosts=None):
    out = {}
    for href in hrefs:
        canon = canonical(urljoin(base, href))
        if canon is not None and (hosts is None or urlsplit(canon).hostname in hosts):
            out[canon] = None
    return list(out)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(BASES), st.lists(st.lists(st.sampled_from(HREF_PARTS), max_size=5).map("".join), max_size=8),
       st.sampled_from([None, frozenset({"127.0.0.1"}), frozenset({"films.example", "other.example"})]))
def test_page_links_equal_joining_each_href(base, hrefs, hosts):
    assert page_links(base, hrefs, hosts) == joined_one_by_one(base, hrefs, hosts)
    # and again, now from the cache
    assert page_links(base, hrefs, hosts) == joined_one_by_one(base, hrefs, hosts)


def test_the_worker_normalizes_the_film_and_says_what_changed():
    reading = read_response(page(FILM.replace(b'"1999"', b'"1999-05-01"')), "http://127.0.0.1/film/x.html")
    assert reading.film.year_raw == "1999-05-01" and reading.film.year == 1999
    assert reading.normalized == {"year": 1}


def test_a_normalizer_crash_in_the_worker_is_a_reject_with_the_film_kept(monkeypatch):
    from filmcrawl import pipelines
    from filmcrawl.items import PageItem

    def boom(film):
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(pipelines, "normalize_film", boom)
    reading = read_response(page(FILM), "http://127.0.0.1/film/x.html")
    assert reading.film.title_raw == "Harbour Lights"
    assert reading.normalized is None and "OverflowError" in reading.normalize_error
    item = PageItem(url="http://127.0.0.1/film/x.html", kind="other")
    spider(0).apply(item, reading)
    assert item.reject_reason == "normalize_error" and "OverflowError" in item.reject_detail


def spider(processes: int):
    from scrapy.utils.test import get_crawler

    from filmcrawl.spiders.watchpages import WatchPagesSpider

    crawler = get_crawler(WatchPagesSpider, {"FILMCRAWL_EXTRACT_PROCESSES": str(processes),
                                             "FILMCRAWL_INCREMENTAL": False})
    return WatchPagesSpider.from_crawler(crawler, start_urls="http://127.0.0.1/")


def test_workers_start_at_once_on_a_first_crawl_and_when_needed_after(demo_server, crawl, query):
    crawl(demo_server.base_url + "/", FILMCRAWL_EXTRACT_PROCESSES="2")
    crawl(demo_server.base_url + "/", FILMCRAWL_EXTRACT_PROCESSES="0")
    first, inline = [json.loads(s) for (s,) in query("SELECT stats FROM crawl_runs ORDER BY id")]
    assert first["filmcrawl/reading_pools_started"] == 1
    assert inline["filmcrawl/reading_pools_started"] == 0


def test_a_small_start_grows_when_pages_wait_for_a_worker():
    reader = PageReader(2, grow_after=0.05)
    reader.start_small()

    async def go():
        first = await reader.read(page(FILM), "http://127.0.0.1/film/x.html")  # starts the one worker
        assert (reader.size, reader.pools_started) == (1, 1)
        one_by_one = [await reader.read(page(FILM), "u") for _ in range(5)]  # no page waits
        assert (reader.size, reader.pools_started) == (1, 1)
        burst = await asyncio.gather(*(reader.read(page(FILM), "u") for _ in range(300)))
        assert reader.size == 2  # pages waited: the next ones go to a pool of two
        after = await reader.read(page(FILM), "u")
        return [first, *one_by_one, *burst, after]

    try:
        readings = asyncio.run(go())
    finally:
        reader.close()
    assert (reader.size, reader.pools_started) == (2, 2)
    assert all(r.kind == "film" and r.film.title_raw == "Harbour Lights" and not r.error for r in readings)


def test_a_later_crawl_starts_one_worker(demo_server, crawl, query):
    crawl(demo_server.base_url + "/", FILMCRAWL_EXTRACT_PROCESSES="2")
    crawl(demo_server.base_url + "/", FILMCRAWL_EXTRACT_PROCESSES="2")
    first, later = [json.loads(s) for (s,) in query("SELECT stats FROM crawl_runs ORDER BY id")]
    assert first["filmcrawl/reading_processes"] == 2
    assert later["filmcrawl/reading_processes"] == 1 and later["filmcrawl/reading_pools_started"] == 1
