"""Personal-data crypto: AES-GCM with a rotatable key ring, keyed blind indexes, validation, masking.

Ciphertext text format: ``v1:<kid>:<urlsafe base64 of nonce || ciphertext+tag>``. The key id
travels with the value, so a value written under an old key still decrypts after a new key is
put first in ``settings.DATA_KEYS``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hmac
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _

FORMAT_VERSION = "v1"
NONCE_BYTES = 12
# Associated data binds every ciphertext to this application's personal-data format.
_AAD = b"jiedao-pii-v1"

KIND_ID_NUMBER = "id_number"
KIND_PHONE = "phone"
KIND_TEXT = "text"
KINDS = (KIND_ID_NUMBER, KIND_PHONE, KIND_TEXT)


class DecryptionError(Exception):
    """A stored value could not be decrypted (unknown key id, tampered or malformed)."""


@dataclass(frozen=True)
class KeyRing:
    """Parsed data keys: the first one encrypts, every one decrypts."""

    primary_kid: str
    keys: dict[str, AESGCM]


@lru_cache(maxsize=8)
def _parse_keyring(spec: str) -> KeyRing:
    keys: dict[str, AESGCM] = {}
    primary = ""
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        kid, sep, b64 = item.partition(":")
        if not sep or not kid or ":" in b64:
            raise ImproperlyConfigured("DATA_KEYS entries must look like kid:base64key")
        try:
            raw = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ImproperlyConfigured(f"DATA_KEYS key {kid!r} is not valid base64") from exc
        if len(raw) not in (16, 24, 32):
            raise ImproperlyConfigured(f"DATA_KEYS key {kid!r} must be 16, 24 or 32 bytes")
        if kid in keys:
            raise ImproperlyConfigured(f"DATA_KEYS key id {kid!r} appears twice")
        keys[kid] = AESGCM(raw)
        primary = primary or kid
    if not keys:
        raise ImproperlyConfigured("DATA_KEYS holds no key")
    return KeyRing(primary_kid=primary, keys=keys)


def keyring() -> KeyRing:
    """The key ring for the current settings (re-parsed when settings change, e.g. in tests)."""
    return _parse_keyring(str(settings.DATA_KEYS))


def encrypt(plaintext: str) -> str:
    """Encrypt `plaintext` under the primary key; a fresh random nonce every call."""
    ring = keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = ring.keys[ring.primary_kid].encrypt(nonce, plaintext.encode("utf-8"), _AAD)
    body = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
    return f"{FORMAT_VERSION}:{ring.primary_kid}:{body}"


def key_id_of(token: str) -> str:
    """The key id a stored value was encrypted with."""
    parts = token.split(":")
    if len(parts) != 3 or parts[0] != FORMAT_VERSION:
        raise DecryptionError("not a jiedao ciphertext")
    return parts[1]


def decrypt(token: str) -> str:
    """Decrypt a value produced by `encrypt` under any key still in the ring."""
    kid = key_id_of(token)
    aes = keyring().keys.get(kid)
    if aes is None:
        raise DecryptionError(f"unknown data key id {kid!r}")
    try:
        blob = base64.urlsafe_b64decode(token.split(":", 2)[2].encode("ascii"))
    except (binascii.Error, ValueError) as exc:
        raise DecryptionError("malformed ciphertext") from exc
    if len(blob) <= NONCE_BYTES:
        raise DecryptionError("malformed ciphertext")
    try:
        return aes.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], _AAD).decode("utf-8")
    except InvalidTag as exc:
        raise DecryptionError("ciphertext failed authentication") from exc


def needs_rotation(token: str) -> bool:
    """True when a stored value was written under a key that is no longer the primary one."""
    return key_id_of(token) != keyring().primary_kid


# --- normalisation and blind index -------------------------------------------------------------


def normalise_id_number(value: str) -> str:
    """Upper-case, without any whitespace (a trailing x is the same check digit as X)."""
    return re.sub(r"\s+", "", value).upper()


def normalise_phone(value: str) -> str:
    """Digits only; a leading +86/0086 country code is dropped from a mobile number."""
    digits = re.sub(r"\D", "", value)
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and MOBILE_RE.fullmatch(digits[len(prefix) :]):
            return digits[len(prefix) :]
    return digits


def normalise(value: str, kind: str) -> str:
    if kind == KIND_ID_NUMBER:
        return normalise_id_number(value)
    if kind == KIND_PHONE:
        return normalise_phone(value)
    return value.strip()


def keyed_digest(key: str, message: str) -> str:
    """HMAC-SHA256 of `message` under `key`, in hex: one call into C (hmac.digest)."""
    return hmac.digest(key.encode(), message.encode(), "sha256").hex()


def blind_index(value: str, kind: str) -> str:
    """Keyed HMAC-SHA256 of the normalised value: equal inputs match, nothing else is learnt."""
    norm = normalise(value, kind)
    if not norm:
        return ""
    return keyed_digest(str(settings.BLIND_INDEX_KEY), f"{kind}\x00{norm}")


# --- validation --------------------------------------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
ID_RE = re.compile(r"\d{17}[\dX]")
MOBILE_RE = re.compile(r"1[3-9]\d{9}")
# Area code 0xx/0xxx, then a 7- or 8-digit local number not starting with 0 or 1.
LANDLINE_RE = re.compile(r"0\d{2,3}[2-9]\d{6,7}")
_LANDLINE_INPUT_RE = re.compile(r"\(?0\d{2,3}\)?[\s-]?[2-9]\d{2,3}[\s-]?\d{4}")


def id_check_char(first17: str) -> str:
    """The GB 11643-1999 (ISO 7064 MOD 11-2) check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def id_birth_date(value: str) -> dt.date | None:
    """The birth date encoded in an 18-digit ID number, or None if it is not a real date."""
    norm = normalise_id_number(value)
    try:
        return dt.date(int(norm[6:10]), int(norm[10:12]), int(norm[12:14]))
    except ValueError:
        return None


def id_gender(value: str) -> str:
    """'M' or 'F' from the sequence digit (odd: male, even: female)."""
    return "M" if int(normalise_id_number(value)[16]) % 2 else "F"


def validate_id_number(value: str, *, today: dt.date | None = None) -> str:
    """Check an 18-digit 居民身份证号 and return it normalised; ValidationError otherwise."""
    norm = normalise_id_number(value)
    if not ID_RE.fullmatch(norm):
        raise ValidationError(_("身份证号码应为18位（前17位为数字，最后一位为数字或X）"), code="id_format")
    birth = id_birth_date(norm)
    today = today or dt.date.today()
    if birth is None or birth > today or birth.year < today.year - 130:
        raise ValidationError(_("身份证号码中的出生日期无效"), code="id_birth_date")
    if id_check_char(norm[:17]) != norm[17]:
        raise ValidationError(_("身份证号码校验位不正确"), code="id_check_digit")
    return norm


def validate_phone(value: str) -> str:
    """Check a mainland mobile or landline number and return its digits; ValidationError otherwise."""
    stripped = value.strip()
    digits = normalise_phone(stripped)
    if MOBILE_RE.fullmatch(digits):
        return digits
    if LANDLINE_RE.fullmatch(digits) and (_LANDLINE_INPUT_RE.fullmatch(stripped) or stripped.isdigit()):
        return digits
    raise ValidationError(_("电话号码格式不正确：请填写11位手机号码或带区号的固定电话"), code="phone_format")


# --- masking -----------------------------------------------------------------------------------


def mask_id_number(value: str) -> str:
    """330302********1234: region code and last four digits only."""
    norm = normalise_id_number(value)
    if len(norm) < 10:
        return "*" * len(norm)
    return norm[:6] + "*" * (len(norm) - 10) + norm[-4:]


def mask_phone(value: str) -> str:
    """138****5678: first three and last four digits only."""
    digits = normalise_phone(value)
    if len(digits) < 8:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_text(value: str) -> str:
    """First character and stars (names, addresses kept as free text)."""
    if not value:
        return ""
    return value[0] + "*" * min(len(value) - 1, 6) if len(value) > 1 else "*"


def mask(value: str, kind: str) -> str:
    if kind == KIND_ID_NUMBER:
        return mask_id_number(value)
    if kind == KIND_PHONE:
        return mask_phone(value)
    return mask_text(value)
