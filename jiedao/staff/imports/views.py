"""批量导入 for a jurisdiction's admin: download the template, upload a sheet, see what it did."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jiedao.core.models import User
from jiedao.staff.access import pick_jurisdiction, require_manager
from jiedao.staff.imports.apply import import_staff
from jiedao.staff.imports.columns import columns
from jiedao.staff.imports.errors import ImportRefused
from jiedao.staff.imports.parse import MAX_BYTES
from jiedao.staff.imports.template import CONTENT_TYPE, build_template, template_name


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel 表格（.xlsx）"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["file"].widget
        widget.attrs.update({"class": "form-control", "accept": ".xlsx," + CONTENT_TYPE})


@never_cache
@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    managed = require_manager(user)
    jurisdiction = pick_jurisdiction(request, managed)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {
        "form": form,
        "jurisdiction": jurisdiction,
        "managed": managed,
        "columns": columns(),
        "errors": [],
    }
    if request.method != "POST":
        return render(request, "staff/import.html", context)
    if not form.is_valid():
        return render(request, "staff/import.html", context, status=400)
    upload = form.cleaned_data["file"]
    try:
        if upload.size > MAX_BYTES:
            raise ImportRefused([str(_("文件过大：最大 5 MB。"))])
        result = import_staff(upload.read(), acting_user=user, jurisdiction=jurisdiction)
    except ImportRefused as exc:
        context["errors"] = exc.errors
        return render(request, "staff/import.html", context, status=400)
    # The one place the new accounts' one-time passwords are ever shown: not cached, not stored.
    response = render(
        request,
        "staff/import_done.html",
        {"result": result, "jurisdiction": jurisdiction, "file_name": upload.name},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def template_download(request: HttpRequest) -> HttpResponse:
    jurisdiction = pick_jurisdiction(request, require_manager(request.user))  # type: ignore[arg-type]
    response = HttpResponse(build_template(jurisdiction), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{template_name(jurisdiction)}"'
    return response
