"""Every change to a case is in its audit history, visible to those who may read the case."""

from __future__ import annotations

import pytest

from tests.cases.helpers import act, grid_of, report

pytestmark = pytest.mark.django_db


def test_history_page_shows_each_change_in_scope_only(users, client_for):
    created = report(client_for(users["grid_worker"]), grid_of(users["grid_worker"]))
    act(client_for(users["dispatcher"]), created["id"], "accept")
    url = f"/audit/history/cases.case/{created['id']}/"
    page = client_for(users["dispatcher"]).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "create" in html
    assert "accept" in html
    assert "reported" in html  # before/after states
    assert client_for(users["grid_worker_b"]).get(url).status_code == 404
    assert client_for(users["dispatcher"]).get("/audit/history/core.user/1/").status_code == 404
