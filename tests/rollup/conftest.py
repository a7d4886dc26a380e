"""A bureau with two divisions, offices in varied states, for the roll-up tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from prongsai.assessments.models import Assessment

from ..conftest import Personas, Tree
from .helpers import answers, oit_accept, oit_send, open_year, plan, score


@dataclass
class Bureau:
    tree: Tree
    people: Personas
    kalasin: Assessment  # division 4: IIT 12/12, EIT 250/200, O1 accepted, O2 sent, plan 1 done + 1 overdue
    khonkaen: Assessment  # division 4: IIT 3/12, EIT 20/200, nothing else
    donmueang: Assessment  # division 1: IIT 12/12, EIT 200/200, O1 accepted, 2 plan rows done


@pytest.fixture
def bureau(tree: Tree, people: Personas, framework: Any) -> Bureau:
    kalasin = open_year(tree.unit, framework)
    khonkaen = open_year(tree.sibling, framework)
    donmueang = open_year(tree.other_unit, framework)
    answers(kalasin, iit=12, eit=250)
    answers(khonkaen, iit=3, eit=20)
    answers(donmueang, iit=12, eit=200)
    oit_accept(kalasin, "O1")
    oit_send(kalasin, "O2")
    oit_accept(donmueang, "O1")
    plan(kalasin, done=1, open_rows=1)
    plan(donmueang, done=2)
    for assessment in (kalasin, khonkaen, donmueang):
        score(assessment)  # the snapshot task ran: snapshots exist
    return Bureau(tree, people, kalasin, khonkaen, donmueang)
