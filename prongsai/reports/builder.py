"""The six- and twelve-month report as one plain data tree, built from live data.

Sources: the assessment and its unit, the report settings (reports app), the score as of the
round's cut-off (``scoring.selectors.score_as_of``: survey answers submitted up to 31 March for
round 6; OIT results released by then), the measures plan and its progress up to the cut-off
(``measures``) and the OIT items with their state, result and published evidence as of the
cut-off (``disclosures.selectors.item_states_as_of``). A round is computed as of its cut-off date, or
today while the round is not over, and says so ("ข้อมูล ณ วันที่ …"). The renderers (``render_docx``,
``render_pdf``) only lay this tree out; nothing here knows about a file format.

The report is an official Thai document: its wording is Thai whatever the interface language,
dates are Buddhist-era, and with ``thai_digits`` every number in it is written in Thai digits
(web addresses excepted).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils import timezone, translation

from prongsai.assessments.models import Assessment
from prongsai.core.audit_anchor import audit_head_line
from prongsai.core.thai_dates import fiscal_half_end, fiscal_year_bounds, thai_date, thai_digits
from prongsai.disclosures.selectors import (
    item_states_as_of,
    oit_item_summaries,
    published_evidence_counts_as_of,
)
from prongsai.measures.parsing import (
    STATUS_TH,
    cadence_display,
    format_channels,
    format_period,
    indicator_label,
)
from prongsai.measures.selectors import plan_with_progress, status_at
from prongsai.scoring.selectors import score_as_of

from .selectors import settings_for

ROUNDS = (6, 12)
# Fields that hold addresses or file paths: never converted to Thai digits.
_VERBATIM_FIELDS = {"url", "urls", "links", "path", "site", "file_stem", "code"}


@dataclass(frozen=True)
class Column:
    """A table column: ``key`` names it for the layout (widths, CSS), ``title`` is the wording."""

    key: str
    title: str


# The measures table's columns, as in the seed report.
MEASURE_COLUMNS = (
    Column("no", "ที่"),
    Column("ind", "ตัวชี้วัด"),
    Column("issue", "ประเด็นที่ต้องเตรียมความพร้อม/ยกระดับ"),
    Column("act", "กิจกรรมที่จะดำเนินการ"),
    Column("out", "ผลผลิต"),
    Column("ch", "วิธีการสร้างการรับรู้"),
    Column("per", "ระยะเวลาแล้วเสร็จ"),
    Column("resp", "ผู้รับผิดชอบ"),
    Column("mon", "ระยะเวลากำกับติดตาม"),
    Column("res", "ผลการดำเนินการ"),
)
# Appendix B: each OIT item's status.
STATUS_COLUMNS = (
    Column("code", "ข้อ"),
    Column("title", "รายการ"),
    Column("evidence", "ข้อมูลที่เผยแพร่"),
    Column("state", "สถานะ"),
    Column("result", "ผลการตรวจ"),
)


@dataclass(frozen=True)
class Signature:
    role: str  # "ผู้รายงานรายละเอียดการดำเนินการ"
    rank: str
    name: str
    position: str


@dataclass(frozen=True)
class Area:
    number: str  # "๑)"
    title: str
    owner: str
    owner_line: str = ""  # "ผู้รับผิดชอบ: …" ("" without an owner)


@dataclass(frozen=True)
class Figure:
    """One line of the progress section: a label, a main value and a detail."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Bar:
    """One bar of the progress chart (0–100, the value shown may exceed 100%)."""

    label: str  # short, Latin: IIT / EIT / OIT
    percent: float
    text: str  # "100.00%"
    ok: bool


@dataclass(frozen=True)
class Photo:
    path: str  # storage name of the photo file
    caption: str


@dataclass(frozen=True)
class UpdateLine:
    date: str
    text: str
    links: list[str] = field(default_factory=list)
    photos: str = ""  # how many photos, as text ("" when none)
    photos_note: str = ""  # "(ภาพ 2)"


@dataclass(frozen=True)
class MeasureLine:
    number: str
    indicator: str  # "" when it continues the row above (as in the seed's tables)
    issue: str  # "" when it continues the row above
    activity: str
    output: str
    channels: str
    period: str
    responsible: str
    cadence: str
    status: str
    result_note: str
    updates: list[UpdateLine] = field(default_factory=list)
    oit: str = ""


@dataclass(frozen=True)
class OitLine:
    code: str
    label: str  # "O1"
    title: str
    group: str  # "9.1.1 ข้อมูลพื้นฐาน"
    url: str
    state: str
    result: str
    evidence: str  # "มีข้อมูล (2 รายการ)" / "ยังไม่มีข้อมูล"


@dataclass(frozen=True)
class OitGroup:
    title: str  # "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล"
    items: list[OitLine]


@dataclass(frozen=True)
class Report:
    unit_name: str
    year: str
    round: int
    round_label: str  # "รอบ ๖ เดือน"
    title_lines: list[str]
    intro: str
    order_heading: str  # "1. <unit>ได้มีคำสั่งแต่งตั้ง…"
    working_group: str
    briefing_date: str
    briefing: str
    briefing_line: str  # "วันที่ <date> <briefing>" ("" when neither is set)
    areas_intro: str
    areas_heading: str  # "2. <areas_intro>"
    areas: list[Area]
    areas_closing: str
    progress_intro: str
    progress_heading: str  # "3. <progress_intro>"
    as_of: str
    figures: list[Figure]
    bars: list[Bar]
    chart_caption: str
    measures_title: str
    measures_until: str
    measure_columns: list[Column]
    no_measures: str  # the table's only row when the plan is empty
    measures: list[MeasureLine]
    photos: list[Photo]
    signatures: list[Signature]
    appendix_a_title: str
    site_label: str  # "เว็บไซต์ของหน่วยงาน"
    site: str
    oit_groups: list[OitGroup]
    appendix_b_title: str
    status_columns: list[Column]
    oit_status: list[OitLine]
    appendix_c_title: str
    generated: str
    thai_digits: bool
    file_stem: str = "report"
    audit_head: str = ""  # "audit head: #… … at …" in every page's footer (core/audit_anchor)


T = TypeVar("T")


def _with_thai_digits(value: T, name: str = "") -> T:
    """The same tree with Thai digits in every text (addresses and codes excepted)."""
    if name in _VERBATIM_FIELDS:
        return value
    if isinstance(value, str):
        return thai_digits(value)  # type: ignore[return-value]
    if isinstance(value, list):
        return [_with_thai_digits(v) for v in value]  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _with_thai_digits(getattr(value, f.name), f.name)
            for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value


def report_cutoff(year: int, round_: int) -> dt.date:
    """Round 6 covers up to 31 March; round 12 the whole fiscal year."""
    if round_ not in ROUNDS:
        raise ValueError(f"round must be 6 or 12, not {round_}")
    return fiscal_half_end(year) if round_ == 6 else fiscal_year_bounds(year)[1]


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}%"


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _progress(assessment: Assessment, as_of: dt.date) -> tuple[list[Figure], list[Bar], str]:
    result: dict[str, Any] = score_as_of(assessment, as_of)
    spec = assessment.framework.spec
    figures: list[Figure] = []
    bars: list[Bar] = []
    for instrument in spec.instruments:
        resp = result.get("respondents", {}).get(instrument.id)
        if resp is None:
            continue
        target = resp.get("target")
        figures.append(
            Figure(
                label=f"ผู้ตอบแบบวัด {instrument.id}",
                value=f"{resp['count']} คน"
                + (f" จากเป้าหมาย {target} คน" if target is not None else ""),
                detail=f"ร้อยละ {_score(resp.get('percent'))}" if target else "",
            )
        )
        percent = resp.get("percent") or 0.0
        bars.append(
            Bar(
                label=instrument.id,
                percent=max(0.0, min(100.0, float(percent))),
                text=_percent(resp.get("percent")),
                ok=bool(resp.get("enough")),
            )
        )
    oit = result.get("oit", {})
    items = oit.get("items") or 0
    with_data = oit.get("with_data") or 0
    if items:
        figures.append(
            Figure(
                label="ข้อมูลสาธารณะ OIT",
                value=f"มีข้อมูล {with_data} จาก {items} ข้อ",
                detail=f"ผ่านการตรวจ {oit.get('passed', 0)} จาก {oit.get('assessed', 0)} ข้อที่ตรวจแล้ว",
            )
        )
        share = 100.0 * with_data / items
        bars.append(
            Bar(label="OIT", percent=share, text=f"{with_data}/{items}", ok=with_data >= items)
        )
    scores = result.get("instruments", {})
    if any(v is not None for v in scores.values()):
        figures.append(
            Figure(
                label="คะแนน",
                value=" · ".join(f"{k} {_score(v)}" for k, v in scores.items()),
                detail=(
                    f"คะแนนรวม {_score(result.get('total'))}"
                    + (f" ระดับ {result['grade']}" if result.get("grade") else "")
                ),
            )
        )
    caption = "ความคืบหน้าการประเมิน: ผู้ตอบแบบวัด IIT และ EIT เทียบกับเป้าหมาย และข้อมูล OIT ที่เผยแพร่แล้ว"
    return figures, bars, caption


def _measures(assessment: Assessment, cutoff: dt.date) -> tuple[list[MeasureLine], list[Photo]]:
    titles = {i.id: i.title.th for i in assessment.framework.spec.indicators}
    lines: list[MeasureLine] = []
    photos: list[Photo] = []
    previous_indicator: str | None = None
    previous_issue: str | None = None
    for number, row in enumerate(plan_with_progress(assessment, until=cutoff), start=1):
        progress = getattr(row, "progress", [])
        updates = []
        for update in progress:
            updates.append(
                UpdateLine(
                    date=thai_date(update.date, short=True),
                    text=update.text,
                    links=list(update.links),
                    photos=str(len(update.photos.all()) or ""),
                    photos_note=f"(ภาพ {len(update.photos.all())})" if update.photos.all() else "",
                )
            )
            for photo in update.photos.all():
                photos.append(
                    Photo(
                        path=photo.file.name,
                        caption=f"ข้อ {number} — {thai_date(update.date, short=True)} {update.text}",
                    )
                )
        responsible = [
            *row.responsible_positions,
            *(u.get_full_name() or u.get_username() for u in row.responsible_users.all()),
        ]
        new_indicator = row.indicator != previous_indicator
        lines.append(
            MeasureLine(
                number=str(number),
                indicator=indicator_label(row.indicator, titles) if new_indicator else "",
                issue=row.issue if (new_indicator or row.issue != previous_issue) else "",
                activity=row.activity,
                output=row.output,
                channels=format_channels(row.channels, row.channels_other),
                period=format_period(row.period_start, row.period_end, row.period_text),
                responsible="\n".join(responsible),
                cadence=cadence_display(row.cadence, row.cadence_text),
                status=STATUS_TH.get(status_at(row, cutoff), ""),
                result_note=row.result_note,
                updates=updates,
                oit=", ".join(row.oit_items),
            )
        )
        previous_indicator, previous_issue = row.indicator, row.issue
    return lines, photos


def _oit(assessment: Assessment, as_of: dt.date) -> tuple[list[OitGroup], list[OitLine]]:
    """Each item's state, released result and published evidence as they stood at ``as_of``."""
    spec = assessment.framework.spec
    groups: dict[str, OitGroup] = {}
    lines: list[OitLine] = []
    results = {"pass": "ผ่าน", "fail": "ไม่ผ่าน"}
    states = item_states_as_of(assessment, as_of)
    published = published_evidence_counts_as_of(assessment, as_of)
    for summary in oit_item_summaries(assessment):
        sub = spec.sub_indicator_by_id.get(summary.sub_indicator)
        indicator = spec.indicator_by_id.get(summary.indicator)
        count = published.get(summary.code, 0)
        then = states.get(summary.code)
        line = OitLine(
            code=summary.code,
            label=summary.code,
            title=summary.title_th,
            group=f"{summary.sub_indicator} {sub.title.th}" if sub else summary.sub_indicator,
            url=summary.public_url,
            state=then.state_label if then else summary.state_label,
            result=results.get(then.result if then else "", "–"),
            evidence=f"มีข้อมูล ({count} รายการ)" if count else "ยังไม่มีข้อมูล",
        )
        lines.append(line)
        key = summary.indicator
        if key not in groups:
            title = f"ตัวชี้วัดที่ {key}" + (f" {indicator.title.th}" if indicator else "")
            groups[key] = OitGroup(title=title, items=[])
        groups[key].items.append(line)
    return list(groups.values()), lines


def build_report(
    assessment: Assessment, *, round_: int, thai_digits_: bool = False, today: dt.date | None = None
) -> Report:
    """The report model for the six- (``round_=6``) or twelve-month (``12``) report."""
    cutoff = report_cutoff(assessment.year, round_)
    with translation.override("th"):
        return _build(assessment, round_, cutoff, thai_digits_, today or timezone.localdate())


def _build(
    assessment: Assessment, round_: int, cutoff: dt.date, digits: bool, today: dt.date
) -> Report:
    unit = assessment.unit.name_th
    year = str(assessment.year)
    settings_row = settings_for(assessment)
    round_label = f"รอบ {round_} เดือน"
    if settings_row.order_number:
        order = (
            "แต่งตั้งคณะทำงานและมอบหมายผู้รับผิดชอบในการขับเคลื่อน และกำกับติดตามการประเมินคุณธรรม "
            f"และความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐประจำปีงบประมาณ พ.ศ. {year} "
            f"ตามคำสั่ง{unit} ที่ {settings_row.order_number}"
            + (f" ลงวันที่ {thai_date(settings_row.order_date)}" if settings_row.order_date else "")
        )
    else:
        order = (
            "แต่งตั้งคณะทำงานและมอบหมายผู้รับผิดชอบในการขับเคลื่อน และกำกับติดตามการประเมินคุณธรรม "
            f"และความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐประจำปีงบประมาณ พ.ศ. {year}"
        )
    areas = [
        Area(
            number=f"{i})",
            title=area.get("title", ""),
            owner=area.get("owner", ""),
            owner_line=f"ผู้รับผิดชอบ: {area['owner']}" if area.get("owner") else "",
        )
        for i, area in enumerate(settings_row.disclosure_areas, start=1)
    ]
    # Everything in a round is as of its cut-off (or today, for a round not over yet).
    as_of = min(today, cutoff)
    figures, bars, chart_caption = _progress(assessment, as_of)
    measures, photos = _measures(assessment, as_of)
    oit_groups, oit_lines = _oit(assessment, as_of)
    publication = settings_row.publication
    briefing_date = thai_date(settings_row.briefing_date) if settings_row.briefing_date else ""
    briefing_line = " ".join(
        part
        for part in (f"วันที่ {briefing_date}" if briefing_date else "", settings_row.briefing_text)
        if part
    )
    areas_intro = (
        f"มอบหมายหน้าที่ผู้รับผิดชอบจัดทำข้อมูลเผยแพร่บนเว็บไซต์ของ{unit}"
        f"ให้สาธารณชนได้รับทราบใน {len(areas)} ประเด็น ประกอบด้วย"
    )
    progress_intro = (
        f"รายงานผลการดำเนินการขับเคลื่อนมาตรการส่งเสริมคุณธรรม และความโปร่งใสของ{unit} "
        f"ประจำปีงบประมาณ พ.ศ. {year} ({round_label})"
        + (f" พร้อมทั้งเผยแพร่ลงใน{publication}" if publication else "")
    )
    report = Report(
        unit_name=unit,
        year=year,
        round=round_,
        round_label=round_label,
        title_lines=[
            "ผลการดำเนินการ",
            "ตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
            f"ประจำปีงบประมาณ พ.ศ. {year}",
            f"ของ{unit}",
            f"({round_label})",
        ],
        intro=(
            f"ตามที่{unit} ได้กำหนดมาตรการ/กิจกรรมเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายใน{unit} "
            f"ประจำปีงบประมาณ พ.ศ. {year} โดยได้ดำเนินการขับเคลื่อนมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
            f"ของ{unit} ประจำปีงบประมาณ พ.ศ. {year} ดังต่อไปนี้"
        ),
        order_heading=(f"1. {unit}ได้มีคำสั่งแต่งตั้งคณะขับเคลื่อนการประเมินคุณธรรมและความโปร่งใส รายละเอียดดังนี้"),
        working_group=order,
        briefing_date=briefing_date,
        briefing=settings_row.briefing_text,
        briefing_line=briefing_line,
        areas_intro=areas_intro,
        areas_heading=f"2. {areas_intro}",
        areas=areas,
        areas_closing=(
            f"ซึ่งการเผยแพร่ข้อมูลในประเด็นข้างต้นแสดงถึงความโปร่งใสในการบริหารงานและการดำเนินงาน ของ{unit}"
        ),
        progress_intro=progress_intro,
        progress_heading=f"3. {progress_intro}",
        as_of=f"ข้อมูล ณ วันที่ {thai_date(as_of)}",
        measures_until=f"ผลการดำเนินการถึงวันที่ {thai_date(as_of)}",
        figures=figures,
        bars=bars,
        chart_caption=chart_caption,
        measures_title="การรายงานผลการดำเนินการตามมาตรการยกระดับคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        measure_columns=list(MEASURE_COLUMNS),
        no_measures="ยังไม่มีมาตรการในแผน",
        measures=measures,
        photos=photos,
        signatures=[
            Signature(
                role="ผู้รายงานรายละเอียดการดำเนินการ",
                rank=settings_row.reporter_rank,
                name=settings_row.reporter_name,
                position=settings_row.reporter_position,
            ),
            Signature(
                role="ผู้ตรวจสอบรายละเอียดการดำเนินการ",
                rank=settings_row.reviewer_rank,
                name=settings_row.reviewer_name,
                position=settings_row.reviewer_position,
            ),
        ],
        appendix_a_title="ภาคผนวก ก ข้อมูลสาธารณะ (OIT) ที่เผยแพร่บนเว็บไซต์",
        site_label="เว็บไซต์ของหน่วยงาน",
        site=assessment.unit.website,
        oit_groups=oit_groups,
        appendix_b_title="ภาคผนวก ข สถานะข้อมูลสาธารณะ (OIT) แต่ละข้อ",
        status_columns=list(STATUS_COLUMNS),
        oit_status=oit_lines,
        appendix_c_title="ภาคผนวก ค ภาพประกอบผลการดำเนินการ",
        generated=f"จัดทำโดยระบบโปร่งใส เมื่อ {thai_date(today)}",
        audit_head=audit_head_line(),
        thai_digits=digits,
        file_stem=f"ita-report-{assessment.unit.slug}-{assessment.year}-r{round_}",
    )
    return _with_thai_digits(report) if digits else report
