"""`Protected` values: masked everywhere unless revealed; the encrypted column refuses value lookups."""

from __future__ import annotations

import json
import logging

import pytest
from django.core.exceptions import FieldError
from django.core.serializers.json import DjangoJSONEncoder
from django.template import Context, Template
from pydantic import BaseModel

from jiedao.core import crypto
from jiedao.core.fields import Protected
from jiedao.registry.models import Resident
from tests.registry.conftest import make_id

ID = make_id(birth="19990909", seq="010")


class Out(BaseModel):
    id_number: Protected


def test_protected_renders_masked_in_str_repr_format_templates_and_pydantic(caplog) -> None:
    p = Protected(ID, crypto.KIND_ID_NUMBER)
    masked = ID[:6] + "********" + ID[-4:]
    assert str(p) == masked
    assert masked in repr(p)
    assert ID not in repr(p)
    assert f"{p}" == masked
    assert Template("{{ p }} {{ p.reveal }} {{ p.masked }}").render(Context({"p": p})).count(ID) == 0
    assert json.loads(Out(id_number=p).model_dump_json()) == {"id_number": masked}
    assert Out(id_number=p).model_dump()["id_number"] == masked
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("value %s %r", p, p)
    assert ID not in caplog.text
    assert p.reveal() == ID


def test_protected_is_not_json_serialisable_by_accident() -> None:
    with pytest.raises(TypeError):
        json.dumps({"v": Protected(ID, crypto.KIND_ID_NUMBER)}, cls=DjangoJSONEncoder)


def test_assigning_plain_text_is_wrapped_at_once(world, add_resident) -> None:
    r = add_resident("孙丽")
    r.phone = "13811112222"
    assert isinstance(r.phone, Protected)
    assert str(r.phone) == "138****2222"
    r.save()
    r.refresh_from_db()
    assert r.phone is not None
    assert r.phone.reveal() == "13811112222"
    assert r.phone_bidx == crypto.blind_index("138 1111 2222", crypto.KIND_PHONE)
    assert Resident.objects.filter(phone_bidx=crypto.blind_index("13811112222", crypto.KIND_PHONE)).get() == r


def test_value_lookups_on_ciphertext_are_refused(world, add_resident) -> None:
    add_resident("孙丽", id_number=ID)
    with pytest.raises(FieldError):
        list(Resident.objects.filter(id_number=ID))
    assert Resident.objects.filter(phone__isnull=True).count() == 1


def test_clearing_a_value_clears_its_blind_index(world, add_resident) -> None:
    r = add_resident("孙丽", phone="13811112222")
    r.phone = ""
    r.save(update_fields=["phone"])
    r.refresh_from_db()
    assert r.phone is None
    assert r.phone_bidx == ""
