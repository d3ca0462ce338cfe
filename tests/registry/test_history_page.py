"""The generic audit history page serves registry records in the registry's own scope."""

from __future__ import annotations

import pytest

from tests.registry.conftest import make_id

pytestmark = pytest.mark.django_db
ID = make_id(birth="19750505", seq="246")


def test_resident_history_is_masked_and_scoped(world, add_resident, login):
    resident = add_resident("陈晓", id_number=ID)
    url = f"/audit/history/registry.resident/{resident.pk}/"
    page = login(world.worker_a).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "create" in html
    assert ID not in html
    assert login(world.worker_b).get(url).status_code == 404
    assert login(world.outsider).get(url).status_code == 404
