"""The registry router as the project mounts it at /api/registry/ (session login)."""

from __future__ import annotations


def test_mounted_resident_list_is_scoped_and_masked(world, add_resident, login) -> None:
    add_resident("周敏", phone="15012345678")
    response = login(world.worker_a).get("/api/registry/residents")
    assert response.status_code == 200
    assert response.json()["results"][0]["phone"] == "150****5678"
    assert "15012345678" not in response.content.decode()
    assert login(world.worker_b).get("/api/registry/residents").json()["count"] == 0
