"""The shipped definitions load; loading again changes nothing; a new version is a new framework."""

from __future__ import annotations

import copy
import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from prongsai.frameworks.loader import framework_load
from prongsai.frameworks.models import Criterion, Framework, Item
from prongsai.frameworks.shipped import definitions_dir

from ..conftest import police_definition

DEFINITIONS = definitions_dir()


@pytest.mark.django_db
def test_police_2567_loads_with_24_items_grouped_as_in_the_seed() -> None:
    out = StringIO()
    call_command("load_framework", str(DEFINITIONS / "ita-2567-police.yaml"), stdout=out)
    assert "ita-2567-police v3 loaded: 24 items, 45 questions" in out.getvalue()
    framework = Framework.objects.get(code="ita-2567-police")
    items = Item.objects.filter(framework=framework)
    assert items.count() == 24
    assert items.filter(indicator__code="9").count() == 16
    assert items.filter(indicator__code="10").count() == 8
    o17 = items.get(code="O17")
    assert o17.stable_id == "ita-2567-police:O17"
    assert o17.sub_indicator.code == "10.1.1"
    assert o17.title_th.startswith("ประกาศนโยบายต่อต้านการรับสินบน")
    assert Criterion.objects.filter(item__framework=framework).count() >= 24
    spec = framework.spec
    assert [i.weight for i in spec.instruments] == [30, 30, 40]
    assert len(spec.questions_of("IIT")) == 30 and len(spec.questions_of("EIT")) == 15
    assert spec.sample_target("IIT", 12) == 12 and spec.sample_target("EIT", 2000) == 200


@pytest.mark.django_db
def test_loading_twice_changes_nothing() -> None:
    path = str(DEFINITIONS / "ita-2567-police.yaml")
    call_command("load_framework", path, stdout=StringIO())
    counts = (Framework.objects.count(), Item.objects.count(), Criterion.objects.count())
    out = StringIO()
    call_command("load_framework", path, stdout=out)
    assert "unchanged (already loaded)" in out.getvalue()
    assert counts == (Framework.objects.count(), Item.objects.count(), Criterion.objects.count())


@pytest.mark.django_db
def test_two_variants_and_a_draft_with_carry_forward_live_side_by_side() -> None:
    out = StringIO()
    call_command(
        "load_framework",
        *(
            str(DEFINITIONS / n)
            for n in ("ita-2567-police.yaml", "ita-2566-general.yaml", "ita-2568-police.yaml")
        ),
        stdout=out,
    )
    general = Framework.objects.get(code="ita-2566-general")
    assert general.status == "reconstructed"
    assert Item.objects.filter(framework=general).count() == 43
    # Items whose criteria are still to be completed are accepted, and flagged.
    assert any(item.criteria_pending for item in Item.objects.filter(framework=general))
    draft = Framework.objects.get(code="ita-2568-police")
    assert draft.carry_forward_from == Framework.objects.get(code="ita-2567-police")
    assert draft.spec.carry_forward_items["O17"] == ("O17",)


@pytest.mark.django_db
def test_every_shipped_file_loads_in_one_command_oldest_first() -> None:
    files = sorted(DEFINITIONS.glob("*.yaml"))
    assert DEFINITIONS / "ita-2569-general.yaml" in files
    out = StringIO()
    call_command("load_framework", *(str(f) for f in files), stdout=out)
    assert out.getvalue().count(" loaded: ") == len(files)
    assert Framework.objects.count() == len(files)


@pytest.mark.django_db
def test_general_2569_is_provisional_with_26_items_relative_periods_and_statements() -> None:
    out = StringIO()
    call_command(
        "load_framework",
        str(DEFINITIONS / "ita-2566-general.yaml"),
        str(DEFINITIONS / "ita-2569-general.yaml"),
        stdout=out,
    )
    assert "ita-2569-general v2 loaded: 26 items, 45 questions" in out.getvalue()
    framework = Framework.objects.get(code="ita-2569-general")
    assert framework.status == "provisional" and framework.is_provisional
    assert framework.get_status_display() == "ฉบับชั่วคราว (รอยืนยัน)"
    items = {i.code: i for i in Item.objects.filter(framework=framework)}
    assert list(items) == [f"O{n}" for n in range(1, 27)]
    assert items["O11"].title_th == "สรุปผลการจัดซื้อจัดจ้างรายเดือน"
    # What the source did not give is flagged, not invented.
    assert items["O2"].title_th == "ยังไม่ทราบชื่อรายการ" and items["O2"].criteria_pending
    assert all(items[c].criteria_pending for c in ("O5", "O6", "O7"))
    assert not items["O18"].criteria_pending
    # The item rows keep the dates of the framework's own year (2569): current and previous.
    assert (items["O11"].period_start, items["O11"].period_end) == (
        dt.date(2025, 10, 1),
        dt.date(2026, 9, 30),
    )
    assert (items["O12"].period_start, items["O12"].period_end) == (
        dt.date(2024, 10, 1),
        dt.date(2025, 9, 30),
    )
    spec = framework.spec
    statements = {i.id for i in spec.items if i.none_statement}
    assert statements == {"O11", "O12", "O18"}
    assert spec.item_by_id["O11"].none_statement.th == "ไม่มีการจัดซื้อจัดจ้าง"  # type: ignore[union-attr]
    assert framework.carry_forward_from == Framework.objects.get(code="ita-2566-general")
    assert spec.carry_forward_items["O1"] == ("O1", "O3")
    assert "O2" not in spec.carry_forward_items


@pytest.mark.django_db
def test_2569_general_needs_the_2566_framework_loaded_first() -> None:
    err = StringIO()
    with pytest.raises(CommandError, match="not loaded"):
        call_command(
            "load_framework",
            str(DEFINITIONS / "ita-2569-general.yaml"),
            stderr=err,
            stdout=StringIO(),
        )
    assert "carry_forward.from: framework 'ita-2566-general' is not loaded; load it first" in (
        err.getvalue()
    )
    assert not Framework.objects.exists()


@pytest.mark.django_db
def test_a_corrected_file_is_a_new_version(framework: Any) -> None:
    data = copy.deepcopy(police_definition())
    data["version"] = data["version"] + 1
    data["items"][0]["title"]["th"] = "โครงสร้าง อัตรากำลัง และข้อมูลผู้บริหาร (แก้ไข)"
    result = framework_load(actor="tests", data=data)
    assert result.created
    assert Framework.objects.filter(code="ita-2567-police").count() == 2
    assert Item.objects.get(framework=result.framework, code="O1").title_th.endswith("(แก้ไข)")
    assert (
        Item.objects.get(framework=framework, code="O1").title_th
        == police_definition()["items"][0]["title"]["th"]
    )
