"""The demo's clock: the FY2567 story is written on the days the seed's unit lived it.

Services take "now" from ``django.utils.timezone.now`` (time stamps, audit entries, published
dates, ``timezone.localdate()``). While the loader writes one part of the story it sets that clock
to the part's day, so everything is *written* with that date: the audit chain is appended and
signed as usual (nothing is rewritten afterwards, ``audit_verify`` holds), and the pages, the
report and the item histories read as in the seed instead of as of the day the demo was loaded.

The clock runs on from the day set (real seconds elapsed are added), so entries written in one
part keep their order. Outside :func:`demo_day` the real clock is back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.utils import timezone

_real_now: Callable[[], dt.datetime] = timezone.now
_LOCAL = dt.timezone(dt.timedelta(hours=7))  # the story's unit is in Thailand


def story_time(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """A working hour of ``day`` (Bangkok time), as an aware datetime."""
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=_LOCAL)


@contextmanager
def demo_day(day: dt.date, hour: int = 9, minute: int = 0) -> Iterator[dt.datetime]:
    """Within the block, ``timezone.now()`` is ``day`` at ``hour:minute`` Bangkok time plus the
    real time elapsed since the block began. Blocks nest (the inner day wins until it ends)."""
    start = story_time(day, hour, minute)
    began = _real_now()
    previous = timezone.now

    def now() -> dt.datetime:
        return (start + (_real_now() - began)).astimezone(dt.UTC)

    timezone.now = now  # every caller reads the module attribute (localdate() too)
    try:
        yield start
    finally:
        timezone.now = previous
