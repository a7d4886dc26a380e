"""Demo step: the Immigration Bureau's roll-up — 36 more offices and checkpoints in three
divisions (45 units in all), in varied, deterministic states, so the overview, the heat maps and
the rankings show something real.

Each unit's state follows from its position in the list (no randomness): how many IIT and EIT
answers of the target it has, how many OIT items were accepted or are waiting for the
evaluator, how many plan rows are done or overdue. Idempotent: a unit that already has its
2567 assessment is left as it is.
"""

from __future__ import annotations

import datetime as dt
import uuid

from prongsai.assessments.models import Assessment
from prongsai.assessments.services import assessment_open
from prongsai.disclosures.models import ItemWork
from prongsai.disclosures.services import (
    CriterionReviewInput,
    evidence_add_link,
    review_save,
    work_submit,
)
from prongsai.frameworks.models import Framework, Item
from prongsai.measures.services import plan_row_create, progress_add
from prongsai.organizations.models import Unit
from prongsai.organizations.services import unit_create
from prongsai.scoring.national import rescore_all
from prongsai.surveys.models import Campaign, Response
from prongsai.surveys.services import (
    ImportRow,
    ballot_box_flush,
    campaign_update,
    code_batch_create,
    code_redeem,
    iit_answers_submit,
    responses_import,
)

from .clock import demo_day
from .context import DEMO_YEAR, DemoContext
from .synthetic import sheets

ACTOR = "demo_load"
_NAMESPACE = uuid.UUID("6f1d0a4e-2b8c-4c55-9d0e-3a7b5f1c2e90")
DAY = dt.date(2024, 3, 15)

DIVISION_2 = (
    "immigration-division-2",
    "กองบังคับการตรวจคนเข้าเมือง 2",
    "Immigration Division 2",
    "บก.ตม.2",
)

# division slug → [(slug, kind, Thai name, English name)]
UNITS: dict[str, list[tuple[str, str, str, str]]] = {
    "immigration-division-4": [
        ("udonthani-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดอุดรธานี", "Udon Thani Provincial Immigration"),
        ("nongkhai-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดหนองคาย", "Nong Khai Provincial Immigration"),
        ("nakhonphanom-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดนครพนม", "Nakhon Phanom Provincial Immigration"),
        ("mukdahan-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดมุกดาหาร", "Mukdahan Provincial Immigration"),
        ("ubon-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดอุบลราชธานี", "Ubon Ratchathani Provincial Immigration"),
        ("sakonnakhon-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดสกลนคร", "Sakon Nakhon Provincial Immigration"),
        ("loei-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดเลย", "Loei Provincial Immigration"),
        ("buengkan-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดบึงกาฬ", "Bueng Kan Provincial Immigration"),
        ("korat-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดนครราชสีมา", "Nakhon Ratchasima Provincial Immigration"),
        ("buriram-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดบุรีรัมย์", "Buri Ram Provincial Immigration"),
        ("surin-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดสุรินทร์", "Surin Provincial Immigration"),
        ("sisaket-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดศรีสะเกษ", "Si Sa Ket Provincial Immigration"),
    ],
    "immigration-division-1": [
        ("suvarnabhumi-immigration", "checkpoint", "ด่านตรวจคนเข้าเมืองท่าอากาศยานสุวรรณภูมิ", "Suvarnabhumi Airport Immigration Checkpoint"),
        ("bangkokport-immigration", "checkpoint", "ด่านตรวจคนเข้าเมืองท่าเรือกรุงเทพ", "Bangkok Port Immigration Checkpoint"),
        ("latkrabang-immigration", "checkpoint", "ด่านตรวจคนเข้าเมืองลาดกระบัง", "Lat Krabang Immigration Checkpoint"),
        ("chaengwattana-immigration", "office", "ศูนย์บริการคนต่างด้าว แจ้งวัฒนะ", "Chaeng Watthana Service Centre"),
        ("nonthaburi-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดนนทบุรี", "Nonthaburi Provincial Immigration"),
        ("pathumthani-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดปทุมธานี", "Pathum Thani Provincial Immigration"),
        ("samutprakan-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดสมุทรปราการ", "Samut Prakan Provincial Immigration"),
        ("samutsakhon-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดสมุทรสาคร", "Samut Sakhon Provincial Immigration"),
        ("ayutthaya-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดพระนครศรีอยุธยา", "Ayutthaya Provincial Immigration"),
        ("nakhonpathom-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดนครปฐม", "Nakhon Pathom Provincial Immigration"),
        ("saraburi-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดสระบุรี", "Saraburi Provincial Immigration"),
    ],
    "immigration-division-2": [
        ("chonburi-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดชลบุรี", "Chon Buri Provincial Immigration"),
        ("pattaya-immigration", "office", "ตรวจคนเข้าเมืองเมืองพัทยา", "Pattaya Immigration"),
        ("laemchabang-immigration", "checkpoint", "ด่านตรวจคนเข้าเมืองท่าเรือแหลมฉบัง", "Laem Chabang Port Immigration Checkpoint"),
        ("rayong-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดระยอง", "Rayong Provincial Immigration"),
        ("chanthaburi-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดจันทบุรี", "Chanthaburi Provincial Immigration"),
        ("trat-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดตราด", "Trat Provincial Immigration"),
        ("khlongyai-immigration", "checkpoint", "ด่านตรวจคนเข้าเมืองคลองใหญ่", "Khlong Yai Immigration Checkpoint"),
        ("sakaeo-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดสระแก้ว", "Sa Kaeo Provincial Immigration"),
        ("aranyaprathet-immigration", "checkpoint", "ด่านตรวจคนเข้าเมืองอรัญประเทศ", "Aranyaprathet Immigration Checkpoint"),
        ("prachinburi-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดปราจีนบุรี", "Prachin Buri Provincial Immigration"),
        ("chachoengsao-immigration", "office", "ตรวจคนเข้าเมืองจังหวัดฉะเชิงเทรา", "Chachoengsao Provincial Immigration"),
        ("uthaphao-immigration", "checkpoint", "ด่านตรวจคนเข้าเมืองท่าอากาศยานอู่ตะเภา", "U-Tapao Airport Immigration Checkpoint"),
        ("banlaem-immigration", "checkpoint", "ด่านตรวจคนเข้าเมืองบ้านแหลม", "Ban Laem Immigration Checkpoint"),
    ],
}  # fmt: skip

# Shares of the IIT / EIT targets reached, by position (cycled): most units reach their targets,
# some fall short (the "IIT below target" filter has something to show).
IIT_SHARE = [1.0, 1.0, 0.5, 1.0, 0.25, 1.0, 1.0, 0.75, 1.0]
EIT_SHARE = [1.0, 0.6, 1.0, 1.0, 1.0, 0.3, 1.0, 1.0]


def _unit(parent: Unit, slug: str, kind: str, name_th: str, name_en: str) -> Unit:
    unit = Unit.objects.filter(slug=slug).first()
    if unit is not None:
        return unit
    return unit_create(
        actor=ACTOR, parent=parent, slug=slug, name_th=name_th, name_en=name_en, kind=kind
    )


def _surveys(assessment: Assessment, index: int) -> None:
    for campaign in Campaign.objects.filter(assessment=assessment):
        campaign_update(
            actor=ACTOR,
            campaign=campaign,
            opens_on=dt.date(2024, 1, 15),
            closes_on=dt.date(2024, 3, 29),
            target_override=None,
        )
    spec = assessment.framework.spec
    slug = assessment.unit.slug
    iit_target = assessment.target("IIT") or 0
    eit_target = assessment.target("EIT") or 0
    iit = int(iit_target * IIT_SHARE[index % len(IIT_SHARE)])
    eit = int(eit_target * EIT_SHARE[index % len(EIT_SHARE)])
    if iit:
        campaign = Campaign.objects.get(assessment=assessment, instrument="IIT")
        batch = code_batch_create(actor=ACTOR, campaign=campaign, count=iit, on=DAY)
        for n, (code, sheet) in enumerate(
            zip(batch.codes, sheets(spec, "IIT", seed=slug, count=iit), strict=True)
        ):
            ballot = code_redeem(
                campaign=campaign, code=code, address=f"demo-{slug}-{n}", require_open=False
            )
            iit_answers_submit(
                campaign=campaign,
                ballot=ballot,
                submission_id=uuid.uuid5(_NAMESPACE, f"{slug}:IIT:{n}"),
                answers=sheet.answers,
                profile=sheet.profile,
                on=DAY,
                require_open=False,
            )
        ballot_box_flush(campaign_id=campaign.pk, everything=True)
    if eit:
        campaign = Campaign.objects.get(assessment=assessment, instrument="EIT")
        responses_import(
            actor=ACTOR,
            campaign=campaign,
            rows=[
                ImportRow(
                    submission_id=uuid.uuid5(_NAMESPACE, f"{slug}:EIT:{n}"),
                    answers=sheet.answers,
                    profile=sheet.profile,
                    submitted_on=DAY,
                )
                for n, sheet in enumerate(sheets(spec, "EIT", seed=slug, count=eit))
            ],
            source=Response.Source.WEB,
            source_name="demo",
        )


def _oit(assessment: Assessment, index: int, items: list[Item]) -> None:
    accepted = (index * 7) % (len(items) + 1)
    waiting = (index * 3) % 5
    for position, item in enumerate(items[: accepted + waiting]):
        evidence_add_link(
            actor=ACTOR,
            assessment=assessment,
            item=item,
            title=f"{item.code} {assessment.unit.name_th}",
            url=f"https://www.{assessment.unit.slug.replace('-', '')}.example.go.th/oit/{item.code.lower()}",
        )
        work = ItemWork.objects.get(assessment=assessment, item=item)
        work = work_submit(actor=ACTOR, work=work)
        if position < accepted:
            review_save(
                actor=ACTOR,
                work=work,
                criteria={c.code: CriterionReviewInput(result="pass") for c in item.criteria.all()},
                decision="pass",
                action="complete",
            )


def _plan(assessment: Assessment, index: int) -> None:
    done, open_rows = index % 4, (index // 2) % 3
    for n in range(done + open_rows):
        row = plan_row_create(
            actor=ACTOR,
            assessment=assessment,
            indicator="9",
            issue="การเปิดเผยข้อมูลสาธารณะบนเว็บไซต์ของหน่วยงาน",
            activity=f"ปรับปรุงข้อมูลบนเว็บไซต์ให้เป็นปัจจุบัน ครั้งที่ {n + 1}",
            period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2024, 9, 30),
            responsible_positions=["ผบ.หมู่ งานอำนวยการ"],
            cadence="monthly",
            status="in_progress",
            oit_items=["O1"],
        )
        if n < done:
            progress_add(
                actor=ACTOR,
                row=row,
                date=DAY,
                text="ดำเนินการแล้วเสร็จ",
                status="done",
                idempotency_key=f"demo-rollup-{assessment.unit.slug}-{n}",
                photos=[],
            )


def load_demo(ctx: DemoContext) -> None:
    framework = Framework.objects.filter(code="ita-2567-police").order_by("-version").first()
    if framework is None:
        return
    items = list(
        Item.objects.filter(framework=framework).prefetch_related("criteria").order_by("position")
    )
    opened = []
    index = 0
    with demo_day(DAY, hour=10):  # every write of the story inside fiscal year 2567
        bureau = ctx.units["immigration-bureau"]
        slug, name_th, name_en, short = DIVISION_2
        division_2 = Unit.objects.filter(slug=slug).first() or unit_create(
            actor=ACTOR, parent=bureau, slug=slug, name_th=name_th, name_en=name_en,
            short_name_th=short, kind="division",
        )  # fmt: skip
        ctx.units[slug] = division_2
        for division_slug, units in UNITS.items():
            division = ctx.units[division_slug]
            for slug, kind, th, en in units:
                index += 1
                unit = _unit(division, slug, kind, th, en)
                ctx.units[slug] = unit
                if Assessment.objects.filter(unit=unit, year=DEMO_YEAR).exists():
                    continue
                assessment = assessment_open(
                    actor=ACTOR,
                    unit=unit,
                    framework=framework,
                    year=DEMO_YEAR,
                    headcount_internal=8 + index % 7,
                    headcount_external=300 + 40 * (index % 9),
                )
                _surveys(assessment, index)
                _oit(assessment, index, items)
                _plan(assessment, index)
                opened.append(assessment.pk)
    if opened:
        rescore_all(assessment_ids=opened)
