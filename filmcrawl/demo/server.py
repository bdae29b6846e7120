"""A small static site server for loopback: the demo site, and the sites of the tests.

It serves a folder; ``*.tmpl`` files are served without the suffix with ``{base}``
replaced by the server's own base URL (robots.txt and sitemaps need absolute URLs).
It answers conditional requests (``ETag`` from the content, ``Last-Modified`` from
the file time), counts requests per path, and reads files on every request, so a test
can change the site between two crawls.
"""

from __future__ import annotations

import email.utils
import hashlib
import mimetypes
import os
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, root: str, host: str = "127.0.0.1", port: int = 0):
        super().__init__((host, port), SiteHandler)
        self.root = os.path.abspath(root)
        self.hits: Counter[str] = Counter()
        self.not_modified = 0
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "SiteServer":
        self.thread = threading.Thread(target=self.serve_forever, name="site-server", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def resolve(self, path: str) -> tuple[str, bool] | None:
        """The file behind a URL path, and whether it is a template."""
        rel = unquote(path).lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        full = os.path.realpath(os.path.join(self.root, rel))
        if not full.startswith(self.root + os.sep):
            return None
        if os.path.isfile(full):
            return full, False
        if os.path.isfile(full + ".tmpl"):
            return full + ".tmpl", True
        return None


class SiteHandler(BaseHTTPRequestHandler):
    server: SiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet
        pass

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.hits[path] += 1
        found = self.server.resolve(path)
        if found is None:
            return self.reply(404, b"<html><body><h1>Not found</h1></body></html>", "text/html", head)
        full, template = found
        with open(full, "rb") as fh:
            body = fh.read()
        if template:
            body = body.replace(b"{base}", self.server.base_url.encode())
            full = full[: -len(".tmpl")]
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        mtime = email.utils.formatdate(os.path.getmtime(found[0]), usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            with self.server.lock:
                self.server.not_modified += 1
            return self.reply(304, b"", None, True, {"ETag": etag, "Last-Modified": mtime})
        ctype = mimetypes.guess_type(full)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype.endswith("xml"):
            # A page that declares its own charset in a meta tag is left to it.
            if b"charset" not in body[:4096].lower():
                ctype += "; charset=utf-8"
        self.reply(200, body, ctype, head, {"ETag": etag, "Last-Modified": mtime})

    def reply(self, status, body, ctype, head=False, headers=None):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0" if status == 304 else str(len(body)))
        self.end_headers()
        if not head and status != 304:
            self.wfile.write(body)


def serve(root: str, port: int = 0) -> SiteServer:
    """Start serving ``root`` on 127.0.0.1 in a background thread."""
    return SiteServer(root, port=port).start()


SITE = os.path.join(os.path.dirname(__file__), "site")
