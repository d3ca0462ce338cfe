"""POST /insert: parse the JSON body, insert one row in one IMMEDIATE transaction, answer 201."""

from __future__ import annotations

import json

from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bench.ceiling.models import Row


@csrf_exempt
@require_POST
def insert(request: HttpRequest) -> JsonResponse:
    data = json.loads(request.body)
    with transaction.atomic():
        row = Row.objects.create(
            kind="event",
            number="X",
            title=str(data.get("title", ""))[:200],
            description=str(data.get("description", "")),
            state="reported",
            channel=str(data.get("channel", "call"))[:20],
            urgency=str(data.get("urgency", "normal"))[:10],
            lat=data.get("lat"),
            lng=data.get("lng"),
            address=str(data.get("address", ""))[:200],
            created_at=timezone.now(),
        )
    return JsonResponse({"id": row.pk, "title": row.title}, status=201)
