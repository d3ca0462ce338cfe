"""Integers no database column holds never reach a query: the API answers 422 with the JSON
error, a list page narrows nothing. (Before: OverflowError on SQLite, DataError on PostgreSQL,
Django's HTML 500.)"""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

BIG = "99999999999999999999"  # > 2**63
JUST_OVER = str(2**63)
TOP = str(2**63 - 1)  # the largest a column takes: a valid value that matches nothing


def _client(client_for, user):
    c = client_for(user)
    c.raise_request_exception = False  # a 500 is what we look for, not a traceback
    return c


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/events", "grid"),
        ("/api/events", "category"),
        ("/api/events", "page"),
        ("/api/petitions", "department"),
        ("/api/petitions", "page_size"),
        ("/api/mediation", "room"),
        ("/api/registry/residents", "grid"),
        ("/api/registry/residents", "page"),
        ("/api/registry/places", "grid"),
        ("/api/registers/structures/", "offset"),
        ("/api/registers/ledger/", "offset"),
    ],
)
@pytest.mark.parametrize("value", [BIG, JUST_OVER, "-" + BIG])
def test_an_out_of_range_integer_on_the_api_is_a_422(users, client_for, path, param, value):
    r = _client(client_for, users["admin"]).get(path, {param: value})
    assert r.status_code == 422, r.content[:300]
    assert r.json()["code"] == "invalid"
    assert param in r.json()["message"]


@pytest.mark.parametrize("path", ["/api/events/" + BIG, "/api/registry/residents/" + BIG])
def test_an_out_of_range_id_in_the_path_is_not_a_server_error(users, client_for, path):
    r = _client(client_for, users["dispatcher"]).get(path)
    assert r.status_code in (404, 422)
    assert r["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("path", ["/api/events", "/api/registry/residents", "/api/registers/structures/"])
def test_the_largest_storable_integer_is_a_valid_filter_that_matches_nothing(users, client_for, path):
    c = _client(client_for, users["admin"])
    param = "offset" if "registers" in path else "grid"
    r = c.get(path, {param: TOP, "page": TOP})
    assert r.status_code == 200, r.content[:300]


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/events/", "grid"),
        ("/events/", "area"),
        ("/events/", "page"),
        ("/petitions/", "department"),
        ("/mediation/", "room"),
        ("/registers/structures/", "grid"),
        ("/registers/structures/", "community"),
        ("/registers/ledger/", "page"),
        ("/registry/residents/", "grid"),
    ],
)
def test_a_list_page_ignores_an_out_of_range_filter(users, client_for, path, param):
    r = _client(client_for, users["admin"]).get(path, {param: BIG})
    assert r.status_code == 200


def test_no_get_operation_answers_a_server_error_for_huge_integers(users, client_for):
    """Every GET of the OpenAPI document, every query parameter, as an administrator."""
    c = _client(client_for, users["admin"])
    spec = Client().get("/api/openapi.json").json()
    errors = []
    for path, ops in spec["paths"].items():
        if "get" not in ops or "{" in path:
            continue
        for p in ops["get"].get("parameters", []):
            if p["in"] == "query":
                for value in (BIG, "-" + BIG):
                    status = c.get(path, {p["name"]: value}).status_code
                    if status >= 500:
                        errors.append((path, p["name"], value, status))
    assert errors == []
