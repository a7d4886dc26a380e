"""Reads for browsing frameworks."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from .models import Framework, Indicator, Item, SubIndicator
from .periods import ResolvedPeriod
from .spec import Text


def frameworks_list() -> QuerySet[Framework]:
    return Framework.objects.annotate(item_count=Count("items")).order_by(
        "-year", "variant", "-version"
    )


@dataclass
class ItemLine:
    item: Item
    period: ResolvedPeriod | None  # for the framework's own fiscal year
    none_statement: Text | None


@dataclass
class SubIndicatorNode:
    sub: SubIndicator
    items: list[ItemLine]
    children: list[SubIndicatorNode]


@dataclass
class IndicatorNode:
    indicator: Indicator
    subs: list[SubIndicatorNode]


def oit_tree(framework: Framework) -> list[IndicatorNode]:
    """OIT indicators → sub-indicators (nested) → items → criteria, in framework order."""
    spec = framework.spec
    periods = spec.item_periods_for(framework.year)
    items_by_sub: dict[object, list[ItemLine]] = {}
    for item in Item.objects.filter(framework=framework).prefetch_related("criteria"):
        spec_item = spec.item_by_id.get(item.code)
        items_by_sub.setdefault(item.sub_indicator_id, []).append(
            ItemLine(
                item=item,
                period=periods.get(item.code),
                none_statement=spec_item.none_statement if spec_item else None,
            )
        )
    subs = list(SubIndicator.objects.filter(framework=framework))
    nodes = {s.pk: SubIndicatorNode(s, items_by_sub.get(s.pk, []), []) for s in subs}
    roots: dict[object, list[SubIndicatorNode]] = {}
    for sub in subs:
        if sub.parent_id and sub.parent_id in nodes:
            nodes[sub.parent_id].children.append(nodes[sub.pk])
        else:
            roots.setdefault(sub.indicator_id, []).append(nodes[sub.pk])
    return [
        IndicatorNode(indicator, roots.get(indicator.pk, []))
        for indicator in Indicator.objects.filter(framework=framework, instrument="OIT")
    ]
