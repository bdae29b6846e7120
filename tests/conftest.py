"""Shared fixtures: a real HTTP server on 127.0.0.1 and a fresh SQLite file per test."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest

from filmcrawl.commands.crawl import run_crawl
from filmcrawl.demo.server import SITE, SiteServer

TESTS = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(TESTS, "fixtures")


@pytest.fixture
def db_path(tmp_path):
    return str(tmp_path / "films.db")


@pytest.fixture
def site_dir(tmp_path):
    """An empty folder to build a site in; served by ``site_server``."""
    path = tmp_path / "site"
    path.mkdir()
    return path


@pytest.fixture
def site_server(site_dir):
    server = SiteServer(str(site_dir)).start()
    yield server
    server.stop()


@pytest.fixture
def demo_server(tmp_path):
    """The bundled demo site, copied so a test may change it."""
    root = tmp_path / "demo"
    shutil.copytree(SITE, root)
    server = SiteServer(str(root)).start()
    yield server
    server.stop()


@pytest.fixture
def crawl(db_path):
    """crawl(url, **settings) runs the real watchpages spider in a child process."""

    def _crawl(*urls, db=None, sitemap_urls=(), check=True, **settings):
        settings.setdefault("AUTOTHROTTLE_ENABLED", "False")
        done = run_crawl(list(urls), db or db_path, sitemap_urls, settings, log_level="INFO",
                         capture=True, timeout=240)
        if check and done.returncode != 0:
            raise AssertionError(f"crawl exited {done.returncode}:\n{done.stderr[-4000:]}")
        return done

    return _crawl


@pytest.fixture
def query(db_path):
    def _query(sql, params=(), db=None):
        conn = sqlite3.connect(db or db_path)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    return _query


def count(query, table: str) -> int:
    return query(f"SELECT count(*) FROM {table}")[0][0]
