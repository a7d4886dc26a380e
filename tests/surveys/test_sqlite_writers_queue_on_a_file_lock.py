"""On an SQLite file, survey writes queue on an OS file lock (no busy-wait sleeps); elsewhere the
lock is a no-op."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from prongsai.surveys import writelock


def test_in_memory_and_nested_transactions_take_no_file_lock(db: None) -> None:
    from django.db import transaction

    with writelock.sqlite_writer():  # in-memory test database: nothing to lock
        pass
    with transaction.atomic(), writelock.sqlite_writer():
        assert writelock.transaction_active()


def _writer(lock_path: str, log_path: str, name: str) -> None:
    """A separate process (another gunicorn worker): hold the lock 50 ms, log entry and exit."""
    fd = writelock.os.open(lock_path, writelock.os.O_RDWR | writelock.os.O_CREAT)
    writelock._lock_file = lambda: fd
    writelock.transaction_active = lambda: False
    with writelock.sqlite_writer():
        with open(log_path, "a") as log:
            log.write(f"{time.monotonic()} in {name}\n")
        time.sleep(0.05)
        with open(log_path, "a") as log:
            log.write(f"{time.monotonic()} out {name}\n")


@pytest.mark.skipif(writelock.fcntl is None, reason="no fcntl on this platform")
def test_the_file_lock_lets_one_process_write_at_a_time(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    lock, log = str(tmp_path / "db.writer-lock"), str(tmp_path / "log.txt")
    workers = [context.Process(target=_writer, args=(lock, log, f"w{n}")) for n in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(10)
    events = sorted(Path(log).read_text().splitlines(), key=lambda line: float(line.split()[0]))
    kinds = [line.split()[1] for line in events]
    assert kinds == ["in", "out"] * 4  # never two writers inside at once
    names = [line.split()[2] for line in events]
    assert all(names[i] == names[i + 1] for i in range(0, 8, 2))


def _nested(lock_path: str) -> None:
    """A write that, from an on-commit callback, writes again (the IIT ballot box flushing with
    the immediate task backend of the demo): it must not wait for the lock it already holds."""
    fd = writelock.os.open(lock_path, writelock.os.O_RDWR | writelock.os.O_CREAT)
    writelock._lock_file = lambda: fd
    writelock.transaction_active = lambda: False
    with writelock.sqlite_writer(), writelock.sqlite_writer():
        pass


@pytest.mark.skipif(writelock.fcntl is None, reason="no fcntl on this platform")
def test_a_write_inside_a_write_of_the_same_thread_goes_on(tmp_path: Path) -> None:
    """Found by the IIT bench: the demo's first ballot-box flush hung its server worker."""
    worker = multiprocessing.get_context("fork").Process(
        target=_nested, args=(str(tmp_path / "db.writer-lock"),)
    )
    worker.start()
    worker.join(10)
    stuck = worker.is_alive()
    if stuck:
        worker.kill()
    assert not stuck and worker.exitcode == 0
