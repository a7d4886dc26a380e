"""A property item lent and not returned by its due date is on the overdue list; once returned
it is not; an item already out cannot be lent again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from prongsai.custody import selectors
from prongsai.custody.services.property import loan_return

from .helpers import item, lend


def test_a_loan_past_its_due_date_is_overdue_until_returned(tree: Any) -> None:
    laptop = item(tree.unit)
    radio = item(tree.unit, "RADIO-7", name="วิทยุสื่อสาร")
    late = lend(laptop, dt.date(2024, 1, 2), dt.date(2024, 1, 5))
    lend(radio, dt.date(2024, 1, 2), dt.date(2024, 1, 20))  # not due yet on the 10th

    overdue = list(selectors.overdue_loans(tree.unit, today=dt.date(2024, 1, 10)))
    assert overdue == [late]

    with pytest.raises(ValidationError, match="ยืม"):
        lend(laptop, dt.date(2024, 1, 8), dt.date(2024, 1, 9))

    loan_return(actor="tests", loan=late, returned_on=dt.date(2024, 1, 11), condition="good")
    assert list(selectors.overdue_loans(tree.unit, today=dt.date(2024, 1, 12))) == []


def test_the_loans_page_lists_the_overdue_loan(tree: Any, people: Any, client: Any) -> None:
    laptop = item(tree.unit)
    lend(laptop, dt.date(2024, 1, 2), dt.date(2024, 1, 5))
    client.force_login(people.viewer)
    page = client.get(reverse("custody:loans", kwargs={"slug": tree.unit.slug}))
    assert page.status_code == 200
    assert page.content.decode().count('data-testid="overdue-row"') == 1
    assert "7440-001-0001" in page.content.decode()
