"""One writer at a time on SQLite, queued by the operating system instead of by sleeping.

SQLite lets one transaction write at a time. A second writer (another gunicorn worker) waits in
SQLite's busy handler, which *sleeps* between retries (1, 2, 5, 10 … 100 ms), so under load some
submissions wait far longer than the lock was actually held. Taking an exclusive ``flock`` on a
file next to the database before the transaction queues writers in the kernel: the next one
wakes the moment the lock is released. PostgreSQL (row locks) and in-memory test databases are
left alone; other writers (rare admin actions) still go through SQLite's own busy handler.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]

_thread_lock = threading.Lock()
_lock_files: dict[str, int] = {}
_held = threading.local()  # this thread holds the lock (a write inside a write goes on)


def _lock_file() -> int | None:
    if fcntl is None or connection.vendor != "sqlite":
        return None
    if connection.is_in_memory_db():  # type: ignore[attr-defined]
        return None
    path = f"{connection.settings_dict['NAME']}.writer-lock"
    fd = _lock_files.get(path)
    if fd is None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        _lock_files[path] = fd
    return fd


@contextmanager
def sqlite_writer() -> Iterator[None]:
    """Hold the database's writer lock (SQLite files only) around a write transaction."""
    if transaction_active() or getattr(_held, "lock", False) or (fd := _lock_file()) is None:
        # Already ours: e.g. an on-commit callback of the write that holds it (the immediate
        # task backend runs the IIT ballot-box flush there) — waiting would deadlock.
        yield
        return
    with _thread_lock:  # threads of one process share the file lock: queue them here first
        fcntl.flock(fd, fcntl.LOCK_EX)
        _held.lock = True
        try:
            yield
        finally:
            _held.lock = False
            fcntl.flock(fd, fcntl.LOCK_UN)


def transaction_active() -> bool:
    """Inside an outer transaction the lock order could invert: do not take the file lock."""
    return connection.in_atomic_block
