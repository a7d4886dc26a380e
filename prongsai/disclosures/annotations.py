"""Notes that higher apps add beside the OIT workspace's items and criteria.

The workspace belongs to this app, but some of what it shows is computed above it (the evidence
pre-checker's verdicts, ``prongsai/prechecks``). Such an app registers a provider in its
``AppConfig.ready()``; the workspace and item pages call every provider and show what comes back.
A provider takes the assessment and an item code (None: every item) and returns
``{item code: Annotation}``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# pass / warn / fail: shown with the matching colour; "" is neutral.
STATUSES = ("pass", "warn", "fail", "")


@dataclass(frozen=True)
class Note:
    status: str
    text: str


@dataclass(frozen=True)
class Annotation:
    status: str  # pass / warn / fail / "" (not checked yet)
    label: str  # short, beside the item ("Pre-check: 1 warning")
    title: str = ""  # the panel's heading on the item page
    lines: tuple[Note, ...] = ()  # the reasons, worst first
    note: str = ""  # e.g. "checked on …, unchanged since …"
    detail_url: str = ""
    action_url: str = ""  # a POST that checks again (shown to those who may edit)
    action_label: str = ""
    pending: bool = False  # a check is waiting or running
    criteria: Mapping[str, Note] = field(default_factory=dict)  # criterion code → note
    evidence: Mapping[str, Note] = field(default_factory=dict)  # evidence id → note
    name: str = "annotation"  # which provider's panel (its test id: "<name>-panel")


Provider = Callable[[Any, str | None], Mapping[str, Annotation]]
_PROVIDERS: list[Provider] = []


def register_item_annotations(provider: Provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def item_annotations(assessment: Any, code: str | None = None) -> dict[str, list[Annotation]]:
    out: dict[str, list[Annotation]] = {}
    for provider in _PROVIDERS:
        for item_code, annotation in provider(assessment, code).items():
            out.setdefault(item_code, []).append(annotation)
    return out
