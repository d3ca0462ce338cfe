"""Excel import page: upload, every row checked, all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jiedao.core.errors import DomainError
from jiedao.registers import access as acc
from jiedao.registers.excel.imports import SPECS, ImportRejected, import_workbook
from jiedao.registers.views.common import register_for, user_of


@login_required
def register_import(request: HttpRequest, key: str) -> HttpResponse:
    if key not in SPECS:
        raise Http404
    rdef = register_for(request, key)
    user = user_of(request)
    if not acc.can_add(user, rdef.access):
        raise PermissionDenied
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ImportRejected([_("请选择要导入的 Excel 文件。")])
            count = import_workbook(acting_user=user, key=key, upload=upload)
        except ImportRejected as exc:
            errors, status = exc.errors, 400
        except DomainError as err:
            errors, status = [err.message], err.status
        else:
            messages.success(request, _("已导入%(n)d条记录。") % {"n": count})
            return redirect(f"registers:{key}")
    headers = [str(c.header) for c in SPECS[key].columns]
    context = {"rdef": rdef, "errors": errors, "headers": headers}
    return render(request, "registers/import.html", context, status=status)
