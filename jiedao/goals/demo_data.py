"""Demo goals: this year's plan imported and partly confirmed, hand-entered 统计局 figures for
two years with last year locked, so the dashboard, library and drill-downs have something to show."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from jiedao.demo.extensions import DemoContext
from jiedao.goals import actions, targets
from jiedao.goals.models import ManualValue, PeriodLock, Target, TargetKind

# The shape of the seed report's 工作思路 (its 2023 half, shortened); the year is the demo's.
PLAN = "\n".join(
    [
        "（一）强化核心要素驱动，做强产业底盘。一是加强空间保障。启动樟里村（一期）签约，"
        "完成老涂村旧村拆改项目清零，实现600亩土地顺利征收。"
        "二是提供科创支撑。启动区一期完成结顶，二期顺利进场，持续引进院士产业化项目。",
        "（二）全域提升城市品质，擦亮幸福底色。一是推进岛西品质蝶变。开工龙形公园及五条附属市政道路建设，"
        "完成全岛垃圾分类智能化改造，全域创成省级高标准示范片区。",
        "（三）激发基层治理活力，守牢平安底线。一是防范化解各类风险。严格落实安全生产网格排查机制，"
        "实现辖区安全隐患数持续下降。",
    ]
)

MANUAL = [
    ("stats.high_tech_investment", "高新投资", "万元", "economy", (38200, 41600)),
    ("stats.private_investment", "民间投资", "万元", "economy", (12100, 15900)),
]

# Targets a person adds by hand after the import, bound to the event indicators.
EXTRA = [
    ("事件按期办结率不低于95%", TargetKind.QUANTITATIVE, Decimal(95), "%", "reach", "events.on_time_rate"),
    ("超期在办事件同比下降", TargetKind.DIRECTION, None, "件", "decrease", "events.overdue"),
]


def load(ctx: DemoContext) -> dict[str, int]:
    jur, year, user = ctx.jurisdiction, timezone.localdate(ctx.now).year, ctx.staff.admin
    for code, label, unit, area, values in MANUAL:
        m = actions.create_manual_indicator(
            jur, {"code": code, "label": label, "unit": unit, "area": area}, acting_user=user
        )
        for offset, value in enumerate(values):
            actions.enter_manual_value(
                m, year=year - 1 + offset, month=0, value=value, source="区统计局", acting_user=user
            )
    actions.lock_period(jur, year=year - 1, month=0, acting_user=user)
    plan = targets.import_plan(jur, year=year, text=PLAN, title=f"{year}年工作思路", acting_user=user)
    for p in plan.proposals.all():
        bound = p.kind != TargetKind.QUALITATIVE and bool(p.indicator_code)
        if bound or "垃圾分类" in p.subject:  # the rest stay for a person to confirm
            targets.confirm_proposal(p, _fields(p), acting_user=user)
    for subject, kind, quantity, unit, direction, code in EXTRA:
        fields = {"kind": kind, "subject": subject, "quantity": quantity, "unit": unit}
        fields |= {"direction": direction, "indicator_code": code}
        order = plan.proposals.count() + 1
        proposal = plan.proposals.create(order=order, source_text=subject, **fields)
        targets.confirm_proposal(proposal, fields, acting_user=user)
    return {
        "目标": Target.objects.filter(jurisdiction=jur).count(),
        "手工指标值": ManualValue.objects.filter(indicator__jurisdiction=jur).count(),
        "锁定期间": PeriodLock.objects.filter(jurisdiction=jur).count(),
    }


def _fields(p: object) -> dict[str, object]:
    return {f: getattr(p, f) for f in targets.TARGET_FIELDS}
