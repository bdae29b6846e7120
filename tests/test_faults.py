"""The real watchpages spider against a fault-injecting server (tests/faultserver.py).

One crawl of a site full of faults (module fixture ``faulty``) answers most tests; a
second, small crawl checks FILMCRAWL_FOLLOW_HOSTS. Every crawl is a child process
with a timeout, on 127.0.0.1 only.
"""

from __future__ import annotations

import sqlite3

import pytest

from filmcrawl.commands.crawl import run_crawl
from filmcrawl.middlewares import agent_with_contact, parse_retry_after

from . import faultserver as F

CONTACT = "mailto:crawler-ops@example.org"
RETRY_AFTER = 1  # seconds
DOWNLOAD_TIMEOUT = 1.5
MAXSIZE = 300_000
PER_HOST = 3
RETRY_TIMES = 2
EVIL = "'); DROP TABLE films; --"
EVIL_NAME = 'Robert"); DELETE FROM people; --'


def film(title, year=2001, **kw):
    return F.page(F.film_page(F.film_jsonld(title, year, directors=["Dora Director"], **kw)))


def deep_page(levels: int) -> bytes:
    movie = F.film_jsonld("Deep Nest", 2005, directors=["Dora Director"])
    return F.film_page(movie, "<div>" * levels + "deep" + "</div>" * levels)


def fault_site(server: F.FaultServer) -> dict[str, F.Route]:
    local = server.url("/film/local.html", host="localhost")
    routes = {
        "/robots.txt": F.page(
            f"User-agent: *\nDisallow: /private/\nSitemap: {server.base_url}/sitemap-moved.xml\n", ctype="text/plain"
        ),
        # a sitemap that redirects to another host: Scrapy's RedirectMiddleware follows,
        # its OffsiteMiddleware (a downloader middleware since 2.11.2, which also
        # filters every scheduled request, redirects included) drops the new request
        "/sitemap-moved.xml": F.redirect(server.url("/sitemap.xml", host="localhost")),
        "/sitemap.xml": F.page(
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{server.url('/film/sitemap-only.html', host='localhost')}</loc></url></urlset>",
            ctype="application/xml",
        ),
        # plain films
        "/film/ok.html": film("Plain Film"),
        "/film/slow.html": F.slow(film("Slow Film"), 0.3),
        **{f"/film/slow-{i}.html": F.slow(film(f"Slow Film {i}"), 0.4) for i in range(8)},
        # errors that recover after retries
        "/film/flaky500.html": F.flaky(film("Flaky Five Hundred"), 2, 500),
        "/film/flaky503.html": F.flaky(film("Flaky Five Oh Three"), 1, 503),
        "/film/ratelimited.html": F.flaky(film("Rate Limited Film"), 1, 429, **{"Retry-After": str(RETRY_AFTER)}),
        "/film/busy.html": F.flaky(film("Busy Film"), 1, 503, **{"Retry-After": str(RETRY_AFTER)}),
        # errors that do not
        "/film/always500.html": F.page("<html><body>down</body></html>", status=500),
        "/film/come-back-tomorrow.html": F.page("<html>later</html>", status=429, **{"Retry-After": "86400"}),
        "/film/gone404.html": F.page("<html><body>no such film</body></html>", status=404),
        "/film/gone410.html": F.page("<html><body>gone for good</body></html>", status=410),
        "/film/hang.html": F.hang(30),
        "/film/reset.html": F.reset(),
        "/film/truncated.html": F.truncated(F.film_page(F.film_jsonld("Truncated Film", 2001))[:300], 50_000),
        "/film/big.html": F.page(b"<html><body>" + b"x" * (MAXSIZE * 3) + b"</body></html>"),
        "/film/bomb.html": F.gzip_bomb(MAXSIZE * 50),
        # not HTML
        "/poster": F.page(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, ctype="image/png"),
        "/press-kit": F.page(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", ctype="application/pdf"),
        # hostile markup and encodings
        "/odd/latin1-says-utf8.html": F.page(
            F.film_page(F.film_jsonld("Amélie Encodée", 2001)).decode().encode("latin-1")
        ),
        "/odd/no-charset.html": F.page(
            F.film_page(F.film_jsonld("Sans Charset Über", 2002)).replace(b"<meta charset='utf-8'>", b""),
            ctype="text/html",
        ),
        "/odd/wrong-charset.html": F.page(
            F.film_page(F.film_jsonld("Ünïcödé Wrong", 2003)), ctype="text/html; charset=x-no-such-charset"
        ),
        "/odd/mojibake.html": F.page(
            F.film_page(F.film_jsonld("CafÃ© SociÃ©tÃ©", 2004)), ctype="text/html; charset=utf-8"
        ),
        "/odd/utf16.html": F.page(
            F.film_page(F.film_jsonld("Sixteen Bits", 2006)).decode().encode("utf-16"), ctype="text/html; charset=utf-16"
        ),
        "/odd/empty.html": F.page(b""),
        "/odd/whitespace.html": F.page(b"   \n\t  "),
        "/odd/deep.html": F.page(deep_page(10_000)),
        "/odd/unclosed.html": F.page(
            b"<html><head><title>Unclosed<body><div><p><table><tr><td><a href='/film/ok.html'>x"
            b"<script type='application/ld+json'>{\"@type\": \"Movie\", \"name\": \"Half"
        ),
        "/odd/binary-as-html.html": F.page(bytes(range(256)) * 20),
        # SQL in page content, stored as data
        "/film/evil.html": F.page(
            F.film_page(F.film_jsonld(EVIL, 1999, directors=[EVIL_NAME], cast=[(EVIL_NAME, EVIL)], genres=[EVIL]))
        ),
        # redirects
        "/moved": F.redirect("/film/moved-target.html"),
        "/film/moved-target.html": film("Moved Film"),
        "/loop/a": F.redirect("/loop/b", 302),
        "/loop/b": F.redirect("/loop/a", 302),
        "/loop/self": F.redirect("/loop/self", 307),
        "/away": F.redirect(local),
        # link traps
        "/cal/2024/05": F.page(F.html(F.links("/cal/2024/06"))),
        "/tracked.html": F.page(F.html(F.links(
            "/film/ok.html?utm_source=news&utm_medium=email",
            "/film/ok.html?fbclid=IwAR0abc",
            "/film/ok.html;jsessionid=0123456789ABCDEF",
            "/film/ok.html#offers",
            "/film/ok.html?gclid=xyz&utm_campaign=spring",
            "/session?sid=1",
        ))),
        "/schemes.html": F.page(F.html(F.links(
            "javascript:alert('/film/js.html')",
            "mailto:films@example.org",
            "file:///etc/passwd",
            "data:text/html,<a href='/film/data.html'>x</a>",
            "ftp://127.0.0.1/film/ftp.html",
            "tel:+15555550100",
        ))),
        "/private/secret.html": film("Secret Film"),
    }

    def fallback(path):
        # endless pagination and an endless calendar in query form
        if path.startswith("/archive/page/"):
            n = int(path.rsplit("/", 1)[1] or 0)
            return F.page(F.html(F.links(f"/archive/page/{n + 1}", "/film/ok.html")))
        if path == "/calendar":
            return F.Route(handler=_calendar)
        if path == "/session":
            return F.Route(handler=_session)
        return None

    server.fallback = fallback
    index = [p for p in routes if p not in ("/robots.txt", "/film/local.html") and not p.startswith("/sitemap")] + [
        "/archive/page/1", "/calendar?month=5&year=2024", local,
        "http://localhost:%d/film/direct-local.html" % server.port,
    ]
    routes["/"] = F.page(F.html(F.links(*index), "Fault site"))
    return routes


def _calendar(req, n):
    from urllib.parse import parse_qs, urlsplit

    q = parse_qs(urlsplit(req.path).query)
    month, year = int(q.get("month", ["1"])[0]), int(q.get("year", ["2024"])[0])
    nxt = (month % 12) + 1, year + (month == 12)
    return req.serve(F.page(F.html(F.links(f"/calendar?month={nxt[0]}&year={nxt[1]}"))))


def _session(req, n):
    # a fresh session id in every link, forever
    return req.serve(F.page(F.html(F.links(f"/session?sid={n + 2}", f"/session;jsessionid=S{n + 2}"))))


def crawl(server, db, timeout=120, **settings):
    base = {
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_TIMEOUT": DOWNLOAD_TIMEOUT,
        "DOWNLOAD_MAXSIZE": MAXSIZE,
        "DOWNLOAD_WARNSIZE": 0,
        "RETRY_TIMES": RETRY_TIMES,
        "CONCURRENT_REQUESTS_PER_DOMAIN": PER_HOST,
        "FILMCRAWL_CONTACT": CONTACT,
        "FILMCRAWL_MAX_RETRY_AFTER": 10,
        "CLOSESPIDER_TIMEOUT": 90,  # a last resort: the crawl must end on its own long before
    }
    base.update(settings)
    done = run_crawl([server.base_url + "/"], db, (), base, capture=True, timeout=timeout)
    assert done.returncode == 0, done.stderr[-4000:]
    return done


def rows(db, sql, params=()):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    server = F.FaultServer()
    server.routes.update(fault_site(server))
    server.start()
    db = str(tmp_path_factory.mktemp("faults") / "films.db")
    try:
        done = crawl(server, db)
        yield server, db, done
    finally:
        server.stop()


def titles(db):
    return {t for (t,) in rows(db, "SELECT title FROM films")}


def page_row(db, server, path):
    found = rows(db, "SELECT kind, http_status, film_id FROM pages WHERE url = ?", [server.url(path)])
    return found[0] if found else None


def reject_reasons(db, server, path):
    return [r for r in rows(db, "SELECT reason, detail FROM rejects WHERE url = ?", [server.url(path)])]


# -- errors that recover -------------------------------------------------------------


def test_500_and_503_recover_after_retries(faulty):
    server, db, _ = faulty
    assert {"Flaky Five Hundred", "Flaky Five Oh Three", "Plain Film", "Slow Film"} <= titles(db)
    assert len(server.hits("/film/flaky500.html")) == 3
    assert len(server.hits("/film/flaky503.html")) == 2
    assert page_row(db, server, "/film/flaky500.html")[:2] == ("film", 200)


def test_retry_after_is_honoured_on_429_and_503(faulty):
    server, db, _ = faulty
    assert {"Rate Limited Film", "Busy Film"} <= titles(db)
    for path in ("/film/ratelimited.html", "/film/busy.html"):
        first, second = server.hits(path)
        assert second.at - first.at >= RETRY_AFTER - 0.05, (path, second.at - first.at)


def test_a_retry_after_over_the_maximum_is_not_waited_for_nor_retried(faulty):
    server, db, _ = faulty
    assert len(server.hits("/film/come-back-tomorrow.html")) == 1
    assert reject_reasons(db, server, "/film/come-back-tomorrow.html")[0][0] == "fetch_failed"
    assert page_row(db, server, "/film/come-back-tomorrow.html")[1] == 429


def test_404_and_410_are_recorded_once_and_not_retried(faulty):
    server, db, _ = faulty
    for path, status in (("/film/gone404.html", 404), ("/film/gone410.html", 410)):
        assert len(server.hits(path)) == 1
        assert page_row(db, server, path) == ("other", status, None)


def test_a_server_error_that_persists_is_retried_a_bounded_number_of_times(faulty):
    server, db, _ = faulty
    assert len(server.hits("/film/always500.html")) == RETRY_TIMES + 1
    assert reject_reasons(db, server, "/film/always500.html")[0][0] == "fetch_failed"
    assert page_row(db, server, "/film/always500.html")[1] == 500


@pytest.mark.parametrize("path", ["/film/hang.html", "/film/reset.html", "/film/truncated.html"])
def test_hangs_resets_and_truncated_bodies_are_fetch_failures(faulty, path):
    server, db, _ = faulty
    # Twisted itself resends once a request whose reused keep-alive connection broke
    assert 1 <= len(server.hits(path)) <= 2 * (RETRY_TIMES + 1)
    reasons = reject_reasons(db, server, path)
    assert [r for r, _ in reasons] == ["fetch_failed"], reasons
    assert page_row(db, server, path)[2] is None
    assert "Truncated Film" not in titles(db)


@pytest.mark.parametrize("path", ["/film/big.html", "/film/bomb.html"])
def test_oversized_bodies_and_gzip_bombs_are_stopped_and_recorded(faulty, path):
    server, db, _ = faulty
    reasons = reject_reasons(db, server, path)
    assert [r for r, _ in reasons] == ["fetch_failed"], reasons
    assert "DOWNLOAD_MAXSIZE" in reasons[0][1] or "max size" in reasons[0][1].lower() or "larger" in reasons[0][1]


@pytest.mark.parametrize("path,ctype", [("/poster", "image/png"), ("/press-kit", "application/pdf")])
def test_non_html_is_recorded_and_skipped(faulty, path, ctype):
    server, db, _ = faulty
    assert page_row(db, server, path) == ("other", 200, None)
    assert reject_reasons(db, server, path) == [("not_html", ctype)]


# -- hostile markup ----------------------------------------------------------------------


ODD = ["/odd/latin1-says-utf8.html", "/odd/no-charset.html", "/odd/wrong-charset.html", "/odd/mojibake.html",
       "/odd/utf16.html", "/odd/empty.html", "/odd/whitespace.html", "/odd/deep.html", "/odd/unclosed.html",
       "/odd/binary-as-html.html"]


@pytest.mark.parametrize("path", ODD)
def test_odd_markup_and_encodings_never_crash_and_are_recorded(faulty, path):
    server, db, _ = faulty
    row = page_row(db, server, path)
    assert row is not None and row[1] == 200
    assert not [r for r, _ in reject_reasons(db, server, path) if r == "extract_error"]


def test_encodings_are_read_right_where_they_can_be(faulty):
    server, db, _ = faulty
    stored = titles(db)
    assert "Sans Charset Über" in stored  # no charset anywhere: sniffed as UTF-8
    assert "Sixteen Bits" in stored
    assert "Deep Nest" in stored  # 10,000 nested divs do not hide the JSON-LD


def test_sql_in_page_content_is_stored_as_text(faulty):
    server, db, _ = faulty
    assert EVIL in titles(db)
    assert [n for (n,) in rows(db, "SELECT name FROM people") if n.startswith('Robert"); DELETE FROM people')]
    assert rows(db, "SELECT count(*) FROM films")[0][0] >= 8
    assert rows(db, "SELECT count(*) FROM people")[0][0] >= 2


# -- redirects and scope ---------------------------------------------------------------------


def test_redirects_are_recorded_and_followed_on_the_same_host(faulty):
    server, db, _ = faulty
    assert "Moved Film" in titles(db)
    assert page_row(db, server, "/moved") == ("other", 301, None)
    assert page_row(db, server, "/film/moved-target.html")[0] == "film"


def test_redirect_loops_end(faulty):
    server, db, _ = faulty
    for path in ("/loop/a", "/loop/b", "/loop/self"):
        assert len(server.hits(path)) == 1, path
        assert page_row(db, server, path)[1] in (302, 307)


def test_the_crawl_never_leaves_its_host_not_even_by_redirect(faulty):
    server, db, _ = faulty
    hosts = {h.headers.get("Host", "").split(":")[0] for h in server.log}
    assert hosts == {"127.0.0.1"}
    assert len(server.hits("/sitemap-moved.xml")) == 1  # asked, its redirect not followed
    assert server.hits("/sitemap.xml") == [] and server.hits("/film/sitemap-only.html") == []
    assert page_row(db, server, "/away") == ("other", 301, None)
    assert not rows(db, "SELECT url FROM pages WHERE url LIKE 'http://localhost%'")


def test_robots_txt_is_obeyed(faulty):
    server, db, _ = faulty
    assert server.hits("/private/secret.html") == []
    assert "Secret Film" not in titles(db)
    assert 1 <= len(server.hits("/robots.txt")) <= 2  # the robots.txt middleware, the sitemap reader


def test_other_schemes_are_ignored(faulty):
    server, db, _ = faulty
    urls = {u for (u,) in rows(db, "SELECT url FROM pages")}
    assert all(u.startswith("http://127.0.0.1:") for u in urls)
    served = server.served_paths()
    assert not {"/film/js.html", "/film/data.html", "/film/ftp.html", "/etc/passwd"} & served


def test_tracking_parameters_session_ids_and_fragments_do_not_make_new_pages(faulty):
    server, db, _ = faulty
    assert len(server.hits("/film/ok.html")) == 1
    for hit in server.log:
        for marker in ("utm_", "fbclid", "gclid", "jsessionid", "sid=", "#"):
            assert marker not in hit.path.lower(), hit.path
    assert len(server.hits("/session")) == 1


def test_link_traps_end_in_bounded_pages(faulty):
    server, db, done = faulty
    assert len([h for h in server.log if h.path.startswith("/cal/")]) <= 1  # /YYYY/MM paths are traps
    assert len(server.hits("/calendar")) <= 21  # FILMCRAWL_MAX_QUERY_VARIANTS + the first
    assert len([h for h in server.log if h.path.startswith("/archive/page/")]) <= 13  # DEPTH_LIMIT
    assert len(server.log) < 160, len(server.log)
    assert "closespider_timeout" not in done.stderr  # ended on its own


# -- accounting --------------------------------------------------------------------------------


def test_every_served_url_is_accounted_for(faulty):
    server, db, _ = faulty
    pages = {u for (u,) in rows(db, "SELECT url FROM pages")}
    served = {server.base_url + p for p in server.served_paths() if p != "/robots.txt" and not p.startswith("/sitemap")}
    assert served - pages == set()
    (run_id, status, crawled, rejects), = rows(
        db, "SELECT id, status, pages_crawled, rejects FROM crawl_runs")
    assert status == "finished"
    assert crawled == rows(db, "SELECT count(*) FROM pages WHERE run_id = ?", [run_id])[0][0]
    assert rejects == rows(db, "SELECT count(*) FROM rejects WHERE run_id = ?", [run_id])[0][0]
    # every page without a film says why: its kind, its HTTP status, or a reject
    unexplained = rows(
        db, "SELECT url FROM pages WHERE film_id IS NULL AND kind = 'film' AND url NOT IN "
            "(SELECT url FROM rejects)")
    assert unexplained == []


# -- politeness ---------------------------------------------------------------------------------


def test_user_agent_names_the_contact(faulty):
    server, _, _ = faulty
    agents = {h.headers.get("User-Agent") for h in server.log}
    assert agents == {f"filmcrawl/0.1 (+{CONTACT})"}


def test_per_host_concurrency_is_limited(faulty):
    server, _, _ = faulty
    assert 2 <= server.max_slow_in_flight <= PER_HOST


def test_agent_with_contact():
    assert agent_with_contact("filmcrawl/0.1 (+https://github.com/filmcrawl/filmcrawl)", "") == (
        "filmcrawl/0.1 (+https://github.com/filmcrawl/filmcrawl)")
    assert agent_with_contact("filmcrawl/0.1 (+https://x)", "me@example.org") == "filmcrawl/0.1 (+me@example.org)"
    assert agent_with_contact("MyBot/2", "me@example.org") == "MyBot/2 (+me@example.org)"


def test_parse_retry_after():
    assert parse_retry_after(b"2") == 2.0
    assert parse_retry_after(" 120 ") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412460) == 20.0
    for bad in (None, "", "soon", "-5", "1.5e9x", b"\xff"):
        assert parse_retry_after(bad) is None


def test_follow_hosts_lets_the_crawl_into_a_named_host(tmp_path):
    server = F.FaultServer()
    local = server.url("/film/local.html", host="localhost")
    server.routes.update({
        "/": F.page(F.html(F.links("/away", "/film/home.html"))),
        "/away": F.redirect(local),
        "/film/home.html": film("Home Film"),
        "/film/local.html": film("Local Film"),
    })
    server.start()
    try:
        db = str(tmp_path / "films.db")
        crawl(server, db, FILMCRAWL_FOLLOW_HOSTS="localhost")
    finally:
        server.stop()
    assert titles(db) == {"Home Film", "Local Film"}
    assert [h.headers["Host"].split(":")[0] for h in server.hits("/film/local.html")] == ["localhost"]


def test_a_normalizer_crash_becomes_a_reject_not_a_lost_page(monkeypatch):
    from scrapy.statscollectors import MemoryStatsCollector

    from filmcrawl import pipelines
    from filmcrawl.items import FilmItem, PageItem

    def boom(film):
        raise OverflowError("cannot convert float infinity to integer")

    monkeypatch.setattr(pipelines, "normalize_film", boom)
    stats = MemoryStatsCollector.__new__(MemoryStatsCollector)
    stats._stats = {}
    page = PageItem(url="http://x.test/f", kind="film", film=FilmItem(url="http://x.test/f", title_raw="F"))
    page = pipelines.NormalizePipeline(stats).process_item(page)
    page = pipelines.ValidatePipeline(stats).process_item(page)
    assert page.reject_reason == "normalize_error"
    assert "OverflowError" in page.reject_detail
