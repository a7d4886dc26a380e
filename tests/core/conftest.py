"""Fixtures for the core tests: the whole test world (tree, personas, an assessment)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from ..conftest import Personas, Tree


@dataclass
class World:
    tree: Tree
    people: Personas
    assessment: Any


@pytest.fixture
def world(tree: Tree, people: Personas, assessment: Any) -> World:
    return World(tree, people, assessment)
