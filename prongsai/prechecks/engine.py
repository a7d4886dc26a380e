"""From an assessment's evidence to checked items (reads only; storing is ``services.py``).

Links are fetched (``fetching.py``), except links to the unit's public pages in this product,
which the product answers itself (``own_pages.py``); files uploaded to the product and pages written in it are
read from storage directly (they are the product's own public pages: fetching them through
the site's own address would only loop back to this server). Statements ("none in this period") are not
documents and are not checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from html import escape
from multiprocessing import get_context
from typing import Any

import httpx
from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.module_loading import import_string

from prongsai.assessments.models import Assessment
from prongsai.assessments.selectors import item_periods
from prongsai.core.site import absolute_url
from prongsai.disclosures.models import Evidence, ItemWork
from prongsai.disclosures.selectors import evidence_public_url
from prongsai.frameworks.models import Item
from prongsai.frameworks.spec import Precheck

from . import fetching, own_pages
from .checks import Document, ItemContext, ItemOutcome, check_item
from .extract import Extracted, extract, html_text

LOCAL_MAX_BYTES = 40 * 1024 * 1024


@dataclass(frozen=True)
class FetchOptions:
    """How links are fetched: the policy, and for tests or the demo a resolver or transport."""

    policy: fetching.FetchPolicy | None = None
    resolver: fetching.Resolver = fetching.system_resolver
    transport: httpx.AsyncBaseTransport | None = None


def default_options() -> FetchOptions:
    """The options of checks asked for from pages and commands: ``PRECHECK_FETCH_OPTIONS``
    names a callable for them (the demo's stand-in transport), else plain fetching."""
    path = settings.PRECHECK_FETCH_OPTIONS
    if path:
        options = import_string(path)()
        assert isinstance(options, FetchOptions)
        return options
    return FetchOptions()


@dataclass
class CheckedItem:
    work: ItemWork | None
    outcome: ItemOutcome


def product_prefix(assessment: Assessment) -> str:
    path = reverse(
        "portal:oit_index", kwargs={"slug": assessment.unit.slug, "year": assessment.year}
    )
    return absolute_url(path.split(f"/{assessment.year}/")[0] + "/")


def item_context(
    assessment: Assessment, code: str, periods: dict[str, Any] | None = None
) -> ItemContext:
    spec = assessment.framework.spec
    item = spec.item_by_id.get(code)
    if periods is None:
        periods = item_periods(assessment)
    return ItemContext(
        code=code,
        precheck=item.precheck if item else Precheck(period="none"),
        criteria=item.criteria if item else (),
        period=periods.get(code),
        unit_website=assessment.unit.website,
        product_prefix=product_prefix(assessment),
    )


def _local(evidence: Evidence, url: str) -> Document:
    now = dt.datetime.now(dt.UTC)
    if evidence.kind == Evidence.Kind.PAGE:
        title = escape(evidence.title)
        body = f"<html><head><title>{title}</title></head><body><main><h1>{title}</h1>{evidence.body_html}</main></body></html>".encode()
        extracted = html_text(body, "text/html; charset=utf-8")
        content_type = "text/html; charset=utf-8"
    else:
        stored = evidence.file
        assert stored is not None
        try:
            with default_storage.open(stored.storage_name, "rb") as handle:
                body = handle.read(LOCAL_MAX_BYTES)
        except OSError:
            body = b""
        content_type = stored.content_type
        extracted = (
            extract(body, content_type, name=stored.original_name)
            if body
            else Extracted(kind="other")
        )
        if not extracted.title:
            extracted.title = evidence.title
    fetched = fetching.Fetched(
        url=url,
        final_url=url,
        status=200 if body else None,
        content_type=content_type,
        body=body,
        fetched_at=now,
    )
    return Document(
        url=url,
        fetched=fetched,
        extracted=extracted,
        local=True,
        evidence_id=str(evidence.pk),
        title=evidence.title,
    )


def _extracted(fetched: fetching.Fetched) -> Extracted:
    if not fetched.ok:
        return Extracted(kind="other")
    if not fetched.body:
        return Extracted(kind="html")
    return extract(fetched.body, fetched.content_type)


# Below this many links the pages are read in the fetching loop itself: a helper process costs
# more to start than the reading it would take over.
PARALLEL_FROM = 64


def _extracted_and_checked(
    fetched: fetching.Fetched, ctx: ItemContext | None
) -> tuple[Extracted, ItemOutcome | None]:
    extracted = _extracted(fetched)
    if ctx is None:
        return extracted, None
    return extracted, check_item(ctx, [_document(fetched, extracted)])


def _reading_pool(count: int, ctx: ItemContext | None) -> ProcessPoolExecutor | None:
    """Helper processes that read (and check) pages while this one keeps fetching: reading is
    CPU work, fetching waits on the network, so on several cores both go on at once. Started
    before the fetching loop (forked from a process that runs no other threads yet); the item
    checked against is handed to each process once, not with every page."""
    processes = settings.PRECHECK_READ_PROCESSES
    if processes <= 0 or count < PARALLEL_FROM:
        return None
    pool = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=get_context("fork"),
        initializer=_set_context,
        initargs=(ctx,),
    )
    list(pool.map(_ready, range(processes)))  # every process forked now, not mid-loop
    return pool


_pool_context: ItemContext | None = None  # in a reading process: the item pages are checked as


def _set_context(ctx: ItemContext | None) -> None:
    global _pool_context
    _pool_context = ctx


def _ready(_index: int) -> None:
    return None


def _read_in_pool(fetched: fetching.Fetched) -> tuple[Extracted, ItemOutcome | None]:
    """In a reading process: the page read and checked; its bytes are not sent back (the
    fetching process still holds them and puts them back in :func:`_with_body`)."""
    extracted, outcome = _extracted_and_checked(fetched, _pool_context)
    fetched.body = b""
    return extracted, outcome


def _with_body(
    fetched: fetching.Fetched, read: tuple[Extracted, ItemOutcome | None]
) -> tuple[Extracted, ItemOutcome | None]:
    extracted, outcome = read
    if outcome is not None:
        for document, _checks in outcome.documents:
            document.fetched = fetched
    return extracted, outcome


Read = tuple[fetching.Fetched, Extracted, ItemOutcome | None]


def _fetch_and_extract(
    urls: Sequence[str], options: FetchOptions, ctx: ItemContext | None = None, unit_slug: str = ""
) -> list[Read]:
    """Fetch ``urls`` and read each one's text as soon as it arrives (while the others are
    still on the network); with ``ctx``, check each one on its own as evidence of that item.
    Links to the public pages of the unit ``unit_slug`` in this product are answered by the
    product itself (``own_pages.py``), never fetched."""
    policy = options.policy or fetching.FetchPolicy.from_settings()
    own: dict[int, Read] = {}
    if unit_slug:
        prefixes = own_pages.own_prefixes(unit_slug)
        indices = [i for i, url in enumerate(urls) if own_pages.is_own(url, unit_slug, prefixes)]
        if indices:
            pages = own_pages.OwnPages(policy)
            for i in indices:
                fetched = pages.read(urls[i], unit_slug, prefixes)
                own[i] = (fetched, *_extracted_and_checked(fetched, ctx))
    if not own:
        return _fetch_network(urls, options, policy, ctx)
    rest = [i for i in range(len(urls)) if i not in own]
    network = iter(_fetch_network([urls[i] for i in rest], options, policy, ctx))
    return [own[i] if i in own else next(network) for i in range(len(urls))]


def _fetch_network(
    urls: Sequence[str],
    options: FetchOptions,
    policy: fetching.FetchPolicy,
    ctx: ItemContext | None,
) -> list[Read]:
    pool = _reading_pool(len(urls), ctx)
    if pool is None:
        done: dict[int, tuple[Extracted, ItemOutcome | None]] = {}
        fetched = fetching.fetch_many(
            urls,
            policy,
            resolver=options.resolver,
            transport=options.transport,
            on_result=lambda i, r: done.__setitem__(i, _extracted_and_checked(r, ctx)),
        )
        return [(f, *done[i]) for i, f in enumerate(fetched)]
    with pool:
        futures: dict[int, Future[tuple[Extracted, ItemOutcome | None]]] = {}
        fetched = fetching.fetch_many(
            urls,
            policy,
            resolver=options.resolver,
            transport=options.transport,
            on_result=lambda i, r: futures.__setitem__(i, pool.submit(_read_in_pool, r)),
        )
        return [(f, *_with_body(f, futures[i].result())) for i, f in enumerate(fetched)]


def _document(
    fetched: fetching.Fetched, extracted: Extracted, evidence: Evidence | None = None
) -> Document:
    return Document(
        url=fetched.url,
        fetched=fetched,
        extracted=extracted,
        evidence_id=str(evidence.pk) if evidence else "",
        title=evidence.title if evidence else "",
    )


def sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def works_to_check(
    assessment: Assessment,
    *,
    codes: Iterable[str] | None = None,
    states: Iterable[str] | None = None,
) -> list[ItemWork]:
    query = (
        ItemWork.objects.filter(assessment=assessment)
        .select_related("item", "owner")
        .prefetch_related(
            Prefetch(
                "evidence",
                queryset=Evidence.objects.exclude(kind=Evidence.Kind.STATEMENT).select_related(
                    "file"
                ),
            )
        )
        .order_by("item__position")
    )
    if codes is not None:
        query = query.filter(item__code__in=list(codes))
    if states is not None:
        query = query.filter(state__in=list(states))
    return [w for w in query if w.evidence.all()]


def check_works(
    assessment: Assessment, works: Sequence[ItemWork], options: FetchOptions | None = None
) -> list[CheckedItem]:
    """Fetch every link of ``works`` at once (the per-host and global limits apply across the
    whole assessment), read their files and pages, and check each item."""
    options = options or default_options()
    slug, year = assessment.unit.slug, assessment.year
    links = [e for w in works for e in w.evidence.all() if e.kind == Evidence.Kind.LINK]
    fetched = _fetch_and_extract([e.url for e in links], options, unit_slug=slug)
    by_evidence = {e.pk: (f, x) for e, (f, x, _) in zip(links, fetched, strict=True)}
    periods = item_periods(assessment)
    out: list[CheckedItem] = []
    for work in works:
        documents: list[Document] = []
        for evidence in work.evidence.all():
            if evidence.kind == Evidence.Kind.LINK:
                documents.append(_document(*by_evidence[evidence.pk], evidence))
            else:
                url = evidence_public_url(evidence, slug, year, work.item.code)
                documents.append(_local(evidence, url))
        ctx = item_context(assessment, work.item.code, periods)
        out.append(CheckedItem(work=work, outcome=check_item(ctx, documents)))
    return out


def check_url(
    assessment: Assessment, code: str, url: str, options: FetchOptions | None = None
) -> ItemOutcome:
    """One URL as the only evidence of item ``code`` (nothing is stored)."""
    (outcome,) = check_urls(
        item_context(assessment, code), [url], options, unit_slug=assessment.unit.slug
    )
    return outcome


def check_urls(
    ctx: ItemContext,
    urls: Sequence[str],
    options: FetchOptions | None = None,
    unit_slug: str = "",
) -> list[ItemOutcome]:
    """Each URL on its own as evidence of the item ``ctx`` describes (with ``unit_slug``, that
    unit's public pages in this product are read from the product itself)."""
    checked = _fetch_and_extract(urls, options or default_options(), ctx, unit_slug)
    return [outcome for _f, _e, outcome in checked if outcome is not None]


def item_exists(assessment: Assessment, code: str) -> bool:
    return Item.objects.filter(framework=assessment.framework, code=code).exists()
