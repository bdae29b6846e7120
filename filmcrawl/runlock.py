"""One run at a time per database: an exclusive, non-blocking lock on ``<db>.lock``.

The lock is an ``flock`` on a file next to the database, so the kernel releases it
when the process dies however it dies (SIGKILL included): a stale lock never blocks
the next run.
"""

from __future__ import annotations

import fcntl
import os


class RunLocked(RuntimeError):
    """Another run holds the database."""

    exit_code = 75  # EX_TEMPFAIL: try again later


# Locks this process holds, by lock path: a second RunLock on the same database in
# the same process (the crawl command, then the store pipeline) shares the first.
_HELD: dict[str, int] = {}


class RunLock:
    def __init__(self, db_path: str):
        self.path = os.path.abspath(db_path) + ".lock"
        self.fd: int | None = None
        self.shared = False

    def acquire(self) -> None:
        if self.path in _HELD:
            self.shared = True
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise RunLocked(
                f"another filmcrawl run (pid {holder}) is writing {self.path[:-5]}; "
                "this run exits without crawling"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd
        _HELD[self.path] = fd

    def release(self) -> None:
        if self.shared:
            self.shared = False
            return
        if self.fd is not None:
            _HELD.pop(self.path, None)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()
