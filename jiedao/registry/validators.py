"""Format checks for registry values that are not personal data."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: 31 characters (no I, O, S, V, Z) and the weights of the first 17 positions.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_CODE_RE = re.compile(rf"[{CREDIT_CODE_CHARS}]{{18}}")


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> str:
    """Check an 18-character 统一社会信用代码 and return it upper-cased without spaces."""
    code = re.sub(r"\s+", "", value).upper()
    if not _CREDIT_CODE_RE.fullmatch(code):
        raise ValidationError(_("统一社会信用代码应为18位数字或大写字母"), code="credit_code_format")
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(_("统一社会信用代码校验位不正确"), code="credit_code_check")
    return code
