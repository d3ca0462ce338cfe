"""Admin for the engine's configuration: which statutory rule profile a jurisdiction follows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from jiedao.cases.models import RuleProfileSetting
from jiedao.cases.rules import available_profiles, get_profile, set_profile
from jiedao.core.admin import ScopedAdmin


def _choices() -> list[tuple[str, str]]:
    return [(code, f"{get_profile(code).label} ({code})") for code in available_profiles()]


class RuleProfileForm(forms.ModelForm):
    profile = forms.ChoiceField(choices=_choices)

    class Meta:
        model = RuleProfileSetting
        fields = ["jurisdiction", "profile"]


@admin.register(RuleProfileSetting)
class RuleProfileSettingAdmin(ScopedAdmin):
    form = RuleProfileForm
    list_display = ["jurisdiction", "profile"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        user = request.user if request.user.is_authenticated else None
        set_profile(obj.jurisdiction, obj.profile, acting_user=user)
