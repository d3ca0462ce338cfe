"""Every write to core data: grid imports, holiday schedules, admin edits of configuration."""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from jiedao.core import calendar, geo
from jiedao.core.audit import record, snapshot
from jiedao.core.gridfile import load_feature_collection, parse_grid_features
from jiedao.core.models import BoundarySet, Community, Grid, HolidayDay, HolidayYear, Jurisdiction, User


def import_grids(
    *,
    acting_user: User | None,
    jurisdiction: Jurisdiction,
    feature_collection: str | bytes | dict[str, Any],
    source: str = "",
) -> BoundarySet:
    """Import a new boundary generation from GeoJSON and make it the active one.

    Everything is checked first; any problem raises one ValidationError listing every bad
    feature and nothing is written. Earlier generations stay (inactive) for old cases.
    """
    data = load_feature_collection(feature_collection)
    with transaction.atomic():
        Jurisdiction.objects.select_for_update().filter(pk=jurisdiction.pk).first()
        communities = {c.code: c for c in Community.objects.filter(jurisdiction=jurisdiction)}
        features = parse_grid_features(data, set(communities))
        for f in features:
            if f.community_code not in communities:
                community = Community.objects.create(
                    jurisdiction=jurisdiction, code=f.community_code, name=f.community_name
                )
                communities[f.community_code] = community
                record(
                    community, "create", acting_user=acting_user, after=snapshot(community, ["code", "name"])
                )
        previous = list(BoundarySet.objects.filter(jurisdiction=jurisdiction, active=True))
        for old in previous:
            old.active = False
            old.save(update_fields=["active"])
            record(
                old, "deactivate", acting_user=acting_user, before={"active": True}, after={"active": False}
            )
        last = BoundarySet.objects.filter(jurisdiction=jurisdiction).aggregate(v=Max("version"))["v"] or 0
        bset = BoundarySet.objects.create(
            jurisdiction=jurisdiction, version=last + 1, source=source[:200], active=True
        )
        Grid.objects.bulk_create(
            Grid(
                jurisdiction=jurisdiction,
                community=communities[f.community_code],
                boundary_set=bset,
                code=f.code,
                name=f.name,
                geometry=f.geometry,
                centroid_lat=f.centroid_lat,
                centroid_lng=f.centroid_lng,
            )
            for f in features
        )
        record(
            bset,
            "import",
            acting_user=acting_user,
            after={
                "version": bset.version,
                "source": bset.source,
                "grids": [f.code for f in features],
                "replaced": [b.version for b in previous],
            },
        )
        transaction.on_commit(geo.invalidate)
    return bset


def enter_holiday_schedule(
    *,
    acting_user: User | None,
    year: int,
    holidays: list[date],
    workdays: list[date],
    note: str = "",
) -> HolidayYear:
    """Record a year's official schedule (days off, 调休 workdays), mark it complete, notify listeners.

    Days already entered for that year but absent from this schedule are removed, so entering a
    corrected schedule replaces the old one.
    """
    errors: list[str] = []
    if not 1900 <= year <= 2999:
        errors.append(_("年份 %(year)s 不正确。") % {"year": year})
    wrong_year = sorted({d for d in [*holidays, *workdays] if d.year != year})
    if wrong_year:
        errors.append(
            _("以下日期不属于 %(year)s 年：%(days)s")
            % {"year": year, "days": "、".join(d.isoformat() for d in wrong_year)}
        )
    both = sorted(set(holidays) & set(workdays))
    if both:
        errors.append(
            _("以下日期同时出现在放假和调休上班中：%(days)s")
            % {"days": "、".join(d.isoformat() for d in both)}
        )
    if errors:
        raise ValidationError(errors)
    wanted = dict.fromkeys(holidays, False) | dict.fromkeys(workdays, True)
    with transaction.atomic():
        existing = {h.date: h for h in HolidayDay.objects.select_for_update().filter(date__year=year)}
        before = {d.isoformat(): h.is_workday for d, h in sorted(existing.items())}
        stale = [h.pk for d, h in existing.items() if d not in wanted]
        HolidayDay.objects.filter(pk__in=stale).delete()
        for d, is_work in sorted(wanted.items()):
            HolidayDay.objects.update_or_create(
                date=d, defaults={"is_workday": is_work, "name": _("调休上班") if is_work else _("放假")}
            )
        hy, _created = HolidayYear.objects.update_or_create(
            year=year, defaults={"complete": True, "note": note[:200]}
        )
        record(
            hy,
            "enter_schedule",
            acting_user=acting_user,
            before={"days": before},
            after={"days": {d.isoformat(): w for d, w in sorted(wanted.items())}, "note": hy.note},
        )
        transaction.on_commit(partial(calendar.schedule_changed, year))
    calendar.invalidate()
    return hy


def _plain(obj: models.Model) -> dict[str, Any]:
    fields = [f.name for f in obj._meta.concrete_fields if f.name != "id"]
    return snapshot(obj, fields)


def save_config_object(*, acting_user: User | None, obj: models.Model) -> None:
    """Save a configuration object an admin edited in the admin site, with its audit row."""
    with transaction.atomic():
        before = None
        if obj.pk is not None:
            old = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = _plain(old) if old is not None else None
        obj.save()
        record(
            obj, "update" if before else "create", acting_user=acting_user, before=before, after=_plain(obj)
        )
        _after_config_write(obj)


def delete_config_object(*, acting_user: User | None, obj: models.Model) -> None:
    """Delete a configuration object from the admin site (PROTECTed links still refuse)."""
    with transaction.atomic():
        before = _plain(obj)
        record(obj, "delete", acting_user=acting_user, before=before)
        obj.delete()
        _after_config_write(obj)


def _after_config_write(obj: models.Model) -> None:
    if isinstance(obj, HolidayDay):
        transaction.on_commit(partial(calendar.schedule_changed, obj.date.year))
    elif isinstance(obj, HolidayYear):
        transaction.on_commit(partial(calendar.schedule_changed, obj.year))
    elif isinstance(obj, Grid | BoundarySet):
        transaction.on_commit(geo.invalidate)
    elif isinstance(obj, Jurisdiction):
        transaction.on_commit(calendar.invalidate)  # its working hours may have changed


def create_jurisdiction(
    *, acting_user: User | None, code: str, name: str, config: str = "default", prefix: str = "SJ"
) -> Jurisdiction:
    """Create a sub-district and load its configuration, all or nothing."""
    from jiedao.core.config import load_config, read_config

    errors: list[str] = []
    if not code or not re.fullmatch(r"[-a-zA-Z0-9_]{1,40}", code):
        errors.append(_("代码只能包含字母、数字、连字符和下划线，最长 40 个字符。"))
    elif Jurisdiction.objects.filter(code=code).exists():
        errors.append(_("代码为 %(code)s 的街道已存在。") % {"code": code})
    if not name.strip() or len(name) > 100:
        errors.append(_("名称不能为空，最长 100 个字符。"))
    if not re.fullmatch(r"[A-Z0-9]{1,8}", prefix):
        errors.append(_("编号前缀只能是 1–8 位大写字母或数字。"))
    if errors:
        raise ValidationError(errors)
    read_config(config)  # fails early with a clear message for an unknown configuration
    with transaction.atomic():
        jur = Jurisdiction.objects.create(
            code=code, name=name.strip(), config_name=config, case_prefix=prefix
        )
        record(jur, "create", acting_user=acting_user, after=snapshot(jur, ["code", "name", "case_prefix"]))
        load_config(jur, config, acting_user=acting_user)
    return jur
