"""The registry's vocabularies come from the configured tag sets, grouped by set name."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jiedao.core.config import load_config
from jiedao.core.models import Tag
from jiedao.registry import actions
from jiedao.registry.models import Organisation, Resident


@pytest.fixture
def configured(world):
    """The world's jurisdiction with config/default loaded (its tags included)."""
    load_config(world.jurisdiction, "default", acting_user=world.dispatcher)
    return world


def _group(page: str, label: str) -> str:
    """The part of a rendered choice list from a group label to the next group label."""
    start = page.index(f'<div class="jd-tag-group small text-body-secondary mt-1">{label}</div>')
    rest = page[start + len(label) :]
    nxt = re.search(r'<div class="jd-tag-group', rest)
    return rest[: nxt.start()] if nxt else rest


def test_resident_form_offers_every_person_set_grouped_by_set_name(configured, login) -> None:
    page = login(configured.worker_a).get(reverse("registry:resident_create")).content.decode()
    for set_name in ("人口类型", "岛民", "侨胞", "重点人群"):
        assert f'text-body-secondary mt-1">{set_name}</div>' in page
    assert "新岛民" in _group(page, "岛民")
    assert "归侨" in _group(page, "侨胞")
    assert "社区矫正" in _group(page, "重点人群")
    assert page.index('mt-1">人口类型</div>') < page.index('mt-1">重点人群</div>')
    for foreign in ("工地", "社会组织", "个体工商户"):  # place and organisation types are not resident tags
        assert foreign not in page


def test_resident_filter_lists_tags_under_their_set(configured, add_resident, login) -> None:
    islander = Tag.objects.get(jurisdiction=configured.jurisdiction, tag_set="islander", code="new")
    add_resident("林海", tags=[islander])
    add_resident("陈静", tags=[configured.tag_key])
    client = login(configured.worker_a)
    url = reverse("registry:resident_list")
    page = client.get(url).content.decode()
    assert '<optgroup label="岛民">' in page
    assert '<optgroup label="重点人群">' in page
    filtered = client.get(url, {"tag": islander.pk}).content.decode()
    assert "林海" in filtered
    assert "陈静" not in filtered
    assert 'title="岛民">新岛民</span>' in filtered  # each tag says which set it belongs to


def test_place_and_organisation_forms_offer_their_own_types(configured, login) -> None:
    client = login(configured.worker_a)
    place = client.get(reverse("registry:place_create")).content.decode()
    assert '<optgroup label="场所类型">' in place
    assert "工地" in place
    assert "新岛民" not in place
    org = client.get(reverse("registry:organisation_create")).content.decode()
    assert '<optgroup label="组织类型">' in org
    for name in ("企业", "社会组织", "个体工商户", "机关事业单位"):
        assert name in org
    assert "出租房" not in org


def test_organisation_saved_with_a_configured_type(configured, login) -> None:
    social = Tag.objects.get(
        jurisdiction=configured.jurisdiction, tag_set="organisation_type", code="social_organisation"
    )
    response = login(configured.worker_a).post(
        reverse("registry:organisation_create"),
        {"name": "海岛志愿者协会", "kind": social.pk, "grid": configured.grid_a.pk},
    )
    assert response.status_code == 302
    assert Organisation.objects.get().kind == social


def test_a_tag_from_another_set_is_refused(configured, add_resident) -> None:
    site = Tag.objects.get(
        jurisdiction=configured.jurisdiction, tag_set="place_type", code="construction_site"
    )
    with pytest.raises(ValidationError) as exc:
        add_resident("赵雷", tags=[site])
    assert "tags" in exc.value.message_dict
    assert not Resident.objects.exists()
    with pytest.raises(ValidationError):
        actions.create_place(
            acting_user=configured.dispatcher,
            data=actions.PlaceInput(
                name="x", kind=configured.tag_overseas, address="y", grid=configured.grid_a
            ),
        )


def test_other_jurisdictions_tags_are_not_offered(configured, login) -> None:
    Tag.objects.create(
        jurisdiction=configured.other_jurisdiction,
        tag_set="key_group",
        tag_set_name="重点人群",
        code="x",
        name="外区标签",
    )
    page = login(configured.worker_a).get(reverse("registry:resident_create")).content.decode()
    assert "外区标签" not in page


def test_zhejiang_configuration_feeds_the_same_forms(world, login) -> None:
    load_config(world.other_jurisdiction, "zhejiang-2023", acting_user=world.outsider)
    client = login(world.outsider)
    resident = client.get(reverse("registry:resident_create")).content.decode()
    assert 'mt-1">党员</div>' in resident
    assert "预备党员" in resident
    org = client.get(reverse("registry:organisation_create")).content.decode()
    assert '<optgroup label="组织类型">' in org
    assert "社会组织" in org
