"""Who may do what in which unit: own roles, roles inherited down the tree, and none."""

from __future__ import annotations

import pytest

from prongsai.organizations.access import Capability, access_for
from prongsai.organizations.selectors import units_in_evaluator_scope, units_visible_to

from ..conftest import Personas, Tree

V, E, M, A, EV = (
    Capability.VIEW,
    Capability.EDIT,
    Capability.MANAGE,
    Capability.APPROVE,
    Capability.EVALUATE,
)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", {V, E, M}),
        ("editor", {V, E}),
        ("head", {V, A}),
        ("evaluator", {V, EV}),
        ("viewer", {V}),
        ("bureau_admin", {V, M}),
        ("sibling_editor", set()),
        ("outsider", set()),
    ],
)
def test_capabilities_on_the_seed_unit(
    tree: Tree, people: Personas, persona: str, expected: set[Capability]
) -> None:
    access = access_for(getattr(people, persona), tree.unit)
    assert {cap for cap in Capability if access.has(cap)} == expected


def test_evaluator_scope_is_the_subtree(tree: Tree, people: Personas) -> None:
    scope = set(units_in_evaluator_scope(people.evaluator))
    assert {tree.division, tree.unit, tree.sibling} <= scope
    assert tree.other_unit not in scope
    assert tree.bureau not in scope


def test_viewer_at_the_bureau_sees_every_unit(tree: Tree, people: Personas) -> None:
    assert set(units_visible_to(people.viewer)) == {
        tree.bureau,
        tree.division,
        tree.unit,
        tree.sibling,
        tree.other_division,
        tree.other_unit,
    }


def test_editor_sees_only_own_unit(tree: Tree, people: Personas) -> None:
    assert list(units_visible_to(people.sibling_editor)) == [tree.sibling]
    assert list(units_visible_to(people.outsider)) == []
