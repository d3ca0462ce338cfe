"""The shared default report template in the words an office writes.

The shared template is copied from config/reports/default.json into the database on first
use, so installations made before the wording changed keep the old phrases. This rewrites
exactly the phrases that changed — only where they are still as first copied (an admin's own
edit is left alone) — and, where the 三率 phrases are as first copied, adds their 同比.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

REWORDED = {
    "侨商回归项目{registers.overseas_return_projects}": (
        "引进侨商回归项目{registers.overseas_return_projects}"
    ),
    "公建配套项目开工{registers.public_works_started}": "开工公建配套项目{registers.public_works_started}",
    "结顶{registers.public_works_topped}": "结顶公建配套项目{registers.public_works_topped}",
    "投用{registers.public_works_in_use}": "投用公建配套项目{registers.public_works_in_use}",
    "拆除现行违章{registers.structures_demolished}": "拆除违法建筑{registers.structures_demolished}",
    "信访按期办结率{petitions.on_time_rate}": "信访按期办结率达{petitions.on_time_rate}",
    "调解成功率{mediation.success_rate}": "调解成功率达{mediation.success_rate}",
}
WITH_CHANGE = {
    "事件按期办结率达{events.on_time_rate}": "{events.on_time_rate|yoy}",
    "群众满意率达{events.satisfaction_rate}": "{events.satisfaction_rate|yoy}",
}


def _phrases(phrases: list[str]) -> list[str]:
    out: list[str] = []
    for i, phrase in enumerate(phrases):
        out.append(REWORDED.get(phrase, phrase))
        follows = phrases[i + 1] if i + 1 < len(phrases) else ""
        if phrase in WITH_CHANGE and follows != WITH_CHANGE[phrase]:
            out.append(WITH_CHANGE[phrase])
    return out


def reword(apps: Any, schema_editor: Any) -> None:
    ReportTemplate = apps.get_model("reports", "ReportTemplate")
    for template in ReportTemplate.objects.filter(jurisdiction=None, name="default"):
        body = template.body
        for section in body.get("summary", []):
            for item in section.get("items", []):
                item["phrases"] = _phrases(list(item.get("phrases", [])))
        template.body = body
        template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]
