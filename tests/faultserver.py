"""A fault-injecting HTTP server for loopback tests.

A site is a dict ``path -> Route``; a route answers with a plain page or with one of
the faults below (errors that recover, Retry-After, slow or hanging answers,
connection resets, truncated bodies, redirects, oversized and gzip-bomb bodies, ...).
The server logs every request (time, path with query, headers) and the highest
number of requests it served at once, so a test can check what the crawler did.

Also here: :func:`film_page`, a simple JSON-LD Movie page, and :func:`film_site`,
a generated site of N such pages (used by the crash tests and ``scripts/crash_soak.py``).
"""

from __future__ import annotations

import gzip
import json
import select
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import urlsplit


# -- pages -----------------------------------------------------------------------


def html(body: str, title: str = "Page", head: str = "") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>{head}"
        f"</head><body>{body}</body></html>"
    ).encode("utf-8")


def links(*paths: str) -> str:
    return "<ul>" + "".join(f'<li><a href="{escape(p, quote=True)}">{escape(p)}</a></li>' for p in paths) + "</ul>"


def film_jsonld(
    title: str,
    year: int,
    directors=(),
    cast=(),
    genres=(),
    offers=(),
    runtime: int | None = None,
    rating: float | None = None,
) -> dict:
    """A schema.org Movie. ``cast`` holds (name, character) pairs; ``offers`` holds
    (provider, type, price or None) triples (prices in USD)."""
    movie = {
        "@context": "https://schema.org",
        "@type": "Movie",
        "name": title,
        "datePublished": f"{year}-06-01",
        "director": [{"@type": "Person", "name": n} for n in directors],
        "actor": [
            {"@type": "PerformanceRole", "actor": {"@type": "Person", "name": n}, "characterName": c}
            for n, c in cast
        ],
        "genre": list(genres),
        "offers": [
            {
                "@type": "Offer",
                "seller": {"@type": "Organization", "name": provider},
                "category": kind,
                **({"price": f"{price:.2f}", "priceCurrency": "USD"} if price is not None else {}),
            }
            for provider, kind, price in offers
        ],
    }
    if runtime:
        movie["duration"] = f"PT{runtime}M"
    if rating is not None:
        movie["aggregateRating"] = {
            "@type": "AggregateRating", "ratingValue": rating, "bestRating": 10, "ratingCount": 1000,
            "name": "IMDb rating",
        }
    return movie


def film_page(movie: dict, body: str = "") -> bytes:
    data = json.dumps(movie, ensure_ascii=False).replace("</", "<\\/")
    head = f'<script type="application/ld+json">{data}</script>'
    return html(f"<h1>{escape(movie['name'])}</h1>{body}", f"Watch {movie['name']}", head)


FIRST = ["Ada", "Bruno", "Chiara", "Dmitri", "Eun", "Farid", "Greta", "Hiro", "Ines", "Jonas",
         "Kalani", "Lucía", "Mehmet", "Noor", "Oskar", "Priya", "Quinn", "Rafael", "Sofia", "Tomás"]
LAST = ["Abara", "Berg", "Castillo", "Dubois", "Eriksen", "Fujita", "García", "Haddad", "Ivanova",
        "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Okafor", "Petrov", "Quint", "Rossi"]
GENRES = ["Drama", "Comedy", "Thriller", "Horror", "Western", "Romance", "Animation", "War"]
PROVIDERS = [("Netflix", "subscription", None), ("Tubi", "free", None), ("Apple TV", "rent", 3.99),
             ("Amazon Video", "buy", 14.99), ("Hulu", "subscription", None), ("Max", "subscription", None)]
WORDS = ["Silent", "Harbor", "Crimson", "Echo", "Winter", "Paper", "Glass", "Orchard", "River",
         "Lantern", "Midnight", "Copper", "Velvet", "Northern", "Hollow", "Signal", "Tide", "Ember"]


def generated_film(i: int) -> dict:
    """Film number i of a generated site: distinct title, a few people, genres, offers."""
    title = f"The {WORDS[i % len(WORDS)]} {WORDS[(i * 7 + 3) % len(WORDS)]} No. {i}"
    person = lambda k: f"{FIRST[k % len(FIRST)]} {LAST[(k // len(FIRST)) % len(LAST)]}"  # noqa: E731
    return film_jsonld(
        title,
        1950 + i % 70,
        directors=[person(i * 3)],
        cast=[(person(i * 5 + 1), f"Role {i}a"), (person(i * 5 + 2), f"Role {i}b"), (person(i * 11 + 7), None)],
        genres=[GENRES[i % len(GENRES)], GENRES[(i * 3 + 1) % len(GENRES)]],
        offers=[PROVIDERS[i % len(PROVIDERS)], PROVIDERS[(i + 2) % len(PROVIDERS)]],
        runtime=80 + i % 90,
        rating=round(5 + (i % 50) / 10, 1),
    )


# -- routes ---------------------------------------------------------------------


@dataclass
class Route:
    """What one path answers. ``handler(req, n)`` (n = how many times this path was
    asked before) overrides the plain answer built from the other fields."""

    body: bytes = b""
    status: int = 200
    ctype: str | None = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)
    handler: Callable | None = None


def page(body, status=200, ctype="text/html; charset=utf-8", **headers) -> Route:
    if isinstance(body, str):
        body = body.encode("utf-8")
    return Route(body, status, ctype, headers)


def flaky(route: Route, failures: int, status: int = 500, **headers) -> Route:
    """``failures`` answers with ``status`` (and headers, e.g. Retry-After), then ``route``."""

    def handle(req, n):
        if n < failures:
            return req.reply(status, b"<html><body>try again</body></html>", "text/html", headers)
        return req.serve(route)

    return Route(handler=handle)


def redirect(location: str, status: int = 301) -> Route:
    return Route(b"", status, "text/html", {"Location": location})


def slow(route: Route, seconds: float) -> Route:
    def handle(req, n):
        server = req.server
        with server.lock:
            server.slow_in_flight += 1
            server.max_slow_in_flight = max(server.max_slow_in_flight, server.slow_in_flight)
        server.stopping.wait(seconds)
        with server.lock:  # before answering: the client cannot send its next request yet
            server.slow_in_flight -= 1
        return req.serve(route)

    return Route(handler=handle)


def hang(seconds: float = 30.0) -> Route:
    """Headers and a little of the body, then nothing until ``seconds`` pass."""

    def handle(req, n):
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", "100000")
        req.end_headers()
        req.wfile.write(b"<html><body>")
        req.wfile.flush()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not req.server.stopping.wait(0.05):
            if _peer_closed(req.connection):
                break
        req.close_connection = True

    return Route(handler=handle)


def _peer_closed(conn) -> bool:
    try:
        readable, _, _ = select.select([conn], [], [], 0)
        return bool(readable) and conn.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def reset() -> Route:
    """Read the request, then reset the connection (RST, no answer)."""

    def handle(req, n):
        req.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        req.close_connection = True
        req.connection.close()

    return Route(handler=handle)


def truncated(body: bytes, declared: int) -> Route:
    """Declare ``Content-Length: declared``, send ``body`` (shorter), close."""

    def handle(req, n):
        req.send_response(200)
        req.send_header("Content-Type", "text/html; charset=utf-8")
        req.send_header("Content-Length", str(declared))
        req.end_headers()
        req.wfile.write(body)
        req.wfile.flush()
        req.close_connection = True

    return Route(handler=handle)


def gzip_bomb(inflated: int) -> Route:
    """A small gzip body that inflates to ``inflated`` bytes of HTML."""
    raw = b"<html><body>" + b" " * inflated + b"</body></html>"
    return Route(gzip.compress(raw, 9), 200, "text/html", {"Content-Encoding": "gzip"})


# -- server -----------------------------------------------------------------------


@dataclass
class Hit:
    at: float
    path: str  # path and query, as requested
    headers: dict


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, routes: dict[str, Route] | None = None, host: str = "127.0.0.1", port: int = 0):
        super().__init__((host, port), FaultHandler)
        self.routes: dict[str, Route] = dict(routes or {})
        self.fallback: Callable | None = None  # fallback(path) -> Route | None
        self.log: list[Hit] = []
        self.counts: Counter[str] = Counter()
        self.in_flight = 0
        self.max_in_flight = 0
        self.slow_in_flight = 0  # requests waiting in slow() routes: exact concurrency
        self.max_slow_in_flight = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def handle_error(self, request, client_address):
        pass  # resets and timeouts are the point here: no tracebacks on stderr

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def start(self) -> "FaultServer":
        self.thread = threading.Thread(target=self.serve_forever, name="fault-server", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()

    def route(self, path: str) -> Route | None:
        found = self.routes.get(path) or self.routes.get(urlsplit(path).path)
        if found is None and self.fallback is not None:
            found = self.fallback(urlsplit(path).path)
        return found

    def hits(self, path: str) -> list[Hit]:
        """Requests for ``path`` (with its query, if it has one; else any query)."""
        with self.lock:
            return [h for h in self.log if h.path == path or ("?" not in path and h.path.split("?")[0] == path)]

    def served_paths(self) -> set[str]:
        with self.lock:
            return {h.path for h in self.log}


class FaultHandler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet
        pass

    def do_GET(self):
        with self.server.lock:
            self.server.log.append(Hit(time.monotonic(), self.path, dict(self.headers.items())))
            n = self.server.counts[self.path]
            self.server.counts[self.path] += 1
            self.server.in_flight += 1
            self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
        try:
            route = self.server.route(self.path)
            if route is None:
                return self.reply(404, b"<html><body><h1>Not found</h1></body></html>", "text/html")
            if route.handler is not None:
                return route.handler(self, n)
            return self.serve(route)
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True
        finally:
            with self.server.lock:
                self.server.in_flight -= 1

    def serve(self, route: Route):
        return self.reply(route.status, route.body, route.ctype, route.headers)

    def reply(self, status, body, ctype, headers=None):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def film_site(n: int, per_index: int = 50) -> dict[str, Route]:
    """A site of ``n`` generated film pages reached through index pages of
    ``per_index`` links each, plus robots.txt (no sitemap)."""
    routes: dict[str, Route] = {"/robots.txt": page("User-agent: *\nAllow: /\n", ctype="text/plain")}
    pages_count = max(1, -(-n // per_index))
    for p in range(pages_count):
        films = [f"/film/{i}.html" for i in range(p * per_index, min(n, (p + 1) * per_index))]
        nav = [f"/index/{q}.html" for q in range(pages_count)]
        routes[f"/index/{p}.html"] = page(html(links(*films, *nav), f"Index {p}"))
    routes["/"] = page(html(links(*[f"/index/{q}.html" for q in range(pages_count)]), "Films"))
    for i in range(n):
        routes[f"/film/{i}.html"] = page(film_page(generated_film(i), links("/")))
    return routes


def serve(routes: dict[str, Route], host: str = "127.0.0.1", port: int = 0) -> FaultServer:
    return FaultServer(routes, host, port).start()
