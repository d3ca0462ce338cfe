"""Statutory rule profiles: the deadlines of the kinds (petitions, mediation …) as data in
config/rules/<code>.json. Each kind registers the rule keys it reads (`require_rules`), and a
profile that lacks one is refused when it is loaded.

A profile (信访工作条例 2022, 浙江省信访条例 …) names each rule's amount and unit; a jurisdiction
chooses its profile (RuleProfileSetting, set by its configuration's rules.json or in admin) and
each case stores the code it was created under, so switching a profile only affects new cases.
Deadlines are computed by the calendar module, once, and stored by the caller.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jiedao.core import audit
from jiedao.core.calendar import Deadline, add_duration
from jiedao.core.config import ConfigSection, config_root, register_config_section
from jiedao.core.models import Jurisdiction, User
from jiedao.core.models.org import DurationUnit

DEFAULT_PROFILE = "national-2022"
# The rule keys every profile must name: registered by the kinds that read them.
KEYS: list[str] = []


def require_rules(*keys: str) -> None:
    for key in keys:
        if key not in KEYS:
            KEYS.append(key)
    _load.cache_clear()


DAY_UNITS = (DurationUnit.CALENDAR_DAYS, DurationUnit.WORKING_DAYS)


@dataclass(frozen=True)
class Rule:
    key: str
    amount: int
    unit: str  # a DurationUnit value
    label: str


@dataclass(frozen=True)
class RuleProfile:
    code: str
    label: str
    rules: dict[str, Rule]

    def rule(self, key: str) -> Rule:
        try:
            return self.rules[key]
        except KeyError:
            raise ValidationError(
                _("时限规则 %(code)s 没有规则 %(key)s。") % {"code": self.code, "key": key}
            ) from None


def rules_dir() -> Path:
    """config/rules of the configuration root, or the shipped one when that root has none."""
    folder = config_root() / "rules"
    return folder if folder.is_dir() else Path(settings.BASE_DIR) / "config" / "rules"


def available_profiles() -> list[str]:
    folder = rules_dir()
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def _bad(code: str, problem: str) -> ValidationError:
    return ValidationError(
        _("时限规则文件 %(code)s.json 不正确：%(problem)s") % {"code": code, "problem": problem}
    )


def _parse_rule(code: str, key: str, raw: Any) -> Rule:
    if not isinstance(raw, dict):
        raise _bad(code, key)
    amount, unit, label = raw.get("amount"), raw.get("unit"), raw.get("label")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise _bad(code, _("%(key)s 的天数必须是非负整数") % {"key": key})
    if unit not in DAY_UNITS:
        raise _bad(code, _("%(key)s 的单位必须是自然日或工作日") % {"key": key})
    return Rule(key=key, amount=amount, unit=str(unit), label=str(label or key))


@lru_cache(maxsize=16)
def _load(code: str, root: str) -> RuleProfile:
    path = Path(root) / f"{code}.json"
    if not code or "/" in code or "\\" in code or code.startswith(".") or not path.is_file():
        raise ValidationError(
            _("找不到时限规则 %(code)s（可用：%(names)s）。")
            % {"code": code, "names": "、".join(available_profiles()) or "-"}
        )
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise _bad(code, str(exc)) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), dict):
        raise _bad(code, _("缺少 rules"))
    missing = [k for k in KEYS if k not in raw["rules"]]
    if missing:
        raise _bad(code, _("缺少规则 %(keys)s") % {"keys": "、".join(missing)})
    rules = {key: _parse_rule(code, key, value) for key, value in raw["rules"].items()}
    return RuleProfile(code=code, label=str(raw.get("label") or code), rules=rules)


def get_profile(code: str) -> RuleProfile:
    """The profile in config/rules/<code>.json (read once per process); ValidationError if unusable."""
    return _load(code, str(rules_dir()))


def profile_code_for(jurisdiction_id: int) -> str:
    """The profile new cases of this jurisdiction are created under."""
    from jiedao.cases.models import RuleProfileSetting

    setting = RuleProfileSetting.objects.filter(jurisdiction_id=jurisdiction_id).first()
    return setting.profile if setting is not None else DEFAULT_PROFILE


def rule_deadline(profile_code: str, key: str, start: datetime) -> Deadline:
    """When rule `key` of the profile runs out for a period starting at `start`."""
    rule = get_profile(profile_code).rule(key)
    return add_duration(start, rule.amount, rule.unit)


def set_profile(jurisdiction: Jurisdiction, code: str, *, acting_user: User | None) -> bool:
    """Make `code` the jurisdiction's profile for new cases (audited); False if it already was."""
    from jiedao.cases.models import RuleProfileSetting

    get_profile(code)  # refuse an unknown or broken profile before writing anything
    with transaction.atomic():
        setting = RuleProfileSetting.objects.select_for_update().filter(jurisdiction=jurisdiction).first()
        before = setting.profile if setting is not None else None
        if before == code:
            return False
        if setting is None:
            setting = RuleProfileSetting(jurisdiction=jurisdiction, profile=code)
        setting.profile = code
        setting.save()
        audit.record(
            setting,
            "set_rule_profile",
            acting_user=acting_user,
            jurisdiction_id=jurisdiction.pk,
            before={"profile": before},
            after={"profile": code},
        )
    return True


def _check_section(raw: Any, jurisdiction: Jurisdiction) -> str:
    code = raw.get("profile") if isinstance(raw, dict) else None
    if not isinstance(code, str):
        raise ValidationError(_("rules.json 须写明 profile（时限规则代码）。"))
    get_profile(code)
    return code


def _write_section(jurisdiction: Jurisdiction, code: str, acting_user: User | None) -> dict[str, int]:
    changed = set_profile(jurisdiction, code, acting_user=acting_user)
    return {"ruleprofilesetting": 1} if changed else {}


RULES_SECTION = ConfigSection(stem="rules", check=_check_section, write=_write_section)


def register() -> None:
    register_config_section(RULES_SECTION)
