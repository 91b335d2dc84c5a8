"""Reads for two-factor authentication."""

import re
from typing import Any

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

_SEPARATORS = re.compile(r"[\s-]+")


def normalise_code(code: str) -> str:
    """Codes are typed with spaces or dashes ("123 456"); recovery codes in any case."""
    return _SEPARATORS.sub("", code or "").lower()


def devices_for_code(*, user: Any, code: str) -> list[Any]:
    """The confirmed devices a typed code can belong to: six digits are an authenticator
    code, anything else a recovery code."""
    if code.isdigit() and len(code) == 6:
        return list(TOTPDevice.objects.filter(user=user, confirmed=True))
    return list(StaticDevice.objects.filter(user=user, confirmed=True))
