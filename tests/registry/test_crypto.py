"""ID/phone validation, masking, AES-GCM round trip with key rotation, and blind indexes."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from jiedao.core import crypto
from tests.registry.conftest import make_id

KEY1 = "k1:" + base64.b64encode(b"1" * 32).decode()
KEY2 = "k2:" + base64.b64encode(b"2" * 32).decode()


def test_known_real_format_id_numbers_pass_the_check_digit() -> None:
    # 11010519491231002X is the GB 11643 standard's own worked example.
    assert crypto.validate_id_number("11010519491231002X") == "11010519491231002X"
    assert crypto.validate_id_number(" 11010519491231002x ") == "11010519491231002X"


@given(
    birth=st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2020, 12, 31)),
    seq=st.integers(min_value=0, max_value=999),
)
def test_generated_ids_validate_and_any_other_check_char_is_refused(birth: dt.date, seq: int) -> None:
    valid = make_id(birth=birth.strftime("%Y%m%d"), seq=f"{seq:03d}")
    assert crypto.validate_id_number(valid) == valid
    assert crypto.id_birth_date(valid) == birth
    assert crypto.id_gender(valid) == ("M" if seq % 2 else "F")
    for wrong in "0123456789X":
        if wrong != valid[-1]:
            with pytest.raises(ValidationError) as exc:
                crypto.validate_id_number(valid[:17] + wrong)
            assert exc.value.messages == ["身份证号码校验位不正确"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("33030219900307123", "身份证号码应为18位（前17位为数字，最后一位为数字或X）"),
        ("3303021990030712AB", "身份证号码应为18位（前17位为数字，最后一位为数字或X）"),
        (make_id(birth="19900230"), "身份证号码中的出生日期无效"),
        (make_id(birth="20990101"), "身份证号码中的出生日期无效"),
        (make_id(birth="18500101"), "身份证号码中的出生日期无效"),
    ],
)
def test_bad_id_numbers_get_a_chinese_reason(value: str, message: str) -> None:
    with pytest.raises(ValidationError) as exc:
        crypto.validate_id_number(value)
    assert exc.value.messages == [message]


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
        ("0577-63481234", "057763481234"),
        ("010-62345678", "01062345678"),
        ("(0577)6348123", "05776348123"),
    ],
)
def test_mobile_and_landline_numbers_are_accepted(value: str, digits: str) -> None:
    assert crypto.validate_phone(value) == digits


@pytest.mark.parametrize("value", ["12812345678", "1381234567", "138123456789", "63481234", "abc"])
def test_bad_phone_numbers_are_refused(value: str) -> None:
    with pytest.raises(ValidationError) as exc:
        crypto.validate_phone(value)
    assert "电话号码格式不正确" in exc.value.messages[0]


def test_masks_keep_only_what_the_rules_allow() -> None:
    assert crypto.mask_id_number("330302199003071234") == "330302********1234"
    assert crypto.mask_phone("13812345678") == "138****5678"
    assert crypto.mask_phone("0577-63481234") == "057*****1234"


@override_settings(DATA_KEYS=KEY1)
def test_encryption_round_trip_uses_fresh_nonces_and_names_the_key() -> None:
    a, b = crypto.encrypt("330302199003071234"), crypto.encrypt("330302199003071234")
    assert a != b
    assert a.startswith("v1:k1:")
    assert "330302199003071234" not in a
    assert crypto.decrypt(a) == crypto.decrypt(b) == "330302199003071234"


def test_key_rotation_old_values_still_decrypt_new_values_use_the_new_key() -> None:
    with override_settings(DATA_KEYS=KEY1):
        old = crypto.encrypt("13812345678")
    with override_settings(DATA_KEYS=f"{KEY2},{KEY1}"):
        new = crypto.encrypt("13812345678")
        assert new.startswith("v1:k2:")
        assert crypto.decrypt(old) == crypto.decrypt(new) == "13812345678"
        assert crypto.needs_rotation(old)
        assert not crypto.needs_rotation(new)
    with override_settings(DATA_KEYS=KEY2), pytest.raises(crypto.DecryptionError):
        crypto.decrypt(old)


@override_settings(DATA_KEYS=KEY1)
def test_tampered_ciphertext_is_refused() -> None:
    token = crypto.encrypt("13812345678")
    body = bytearray(base64.urlsafe_b64decode(token.split(":", 2)[2]))
    body[-1] ^= 1
    tampered = "v1:k1:" + base64.urlsafe_b64encode(bytes(body)).decode()
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(tampered)


@pytest.mark.parametrize("spec", ["", "nokey", "k1:not-base64!", "k1:" + base64.b64encode(b"short").decode()])
def test_bad_key_configuration_is_reported(spec: str) -> None:
    with override_settings(DATA_KEYS=spec), pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


def test_blind_index_matches_normalised_values_only_and_depends_on_the_key() -> None:
    idx = crypto.blind_index("11010519491231002x", crypto.KIND_ID_NUMBER)
    assert idx == crypto.blind_index(" 110105 19491231002X", crypto.KIND_ID_NUMBER)
    assert idx != crypto.blind_index("110105194912310029", crypto.KIND_ID_NUMBER)
    assert crypto.blind_index("138-1234-5678", crypto.KIND_PHONE) == crypto.blind_index(
        "+8613812345678", crypto.KIND_PHONE
    )
    with override_settings(BLIND_INDEX_KEY="another-key"):
        assert crypto.blind_index("11010519491231002X", crypto.KIND_ID_NUMBER) != idx
    assert crypto.blind_index("", crypto.KIND_PHONE) == ""


def test_keyed_digest_is_standard_hmac_sha256_so_stored_hashes_keep_matching() -> None:
    # RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    assert crypto.keyed_digest("Jefe", "what do ya want for nothing?") == (
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    )
    with override_settings(BLIND_INDEX_KEY="k"):
        assert crypto.blind_index("13812345678", crypto.KIND_PHONE) == crypto.keyed_digest(
            "k", f"{crypto.KIND_PHONE}\x0013812345678"
        )
