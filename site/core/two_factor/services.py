"""Writes for two-factor authentication: start a TOTP set-up, confirm it, issue recovery codes."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.two_factor.selectors import devices_for_code, normalise_code

AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


@transaction.atomic
def totp_device_start(*, user: Any) -> TOTPDevice:
    """The user's pending (unconfirmed) authenticator, created once so a reload shows the same
    QR code; confirmed devices are left alone until the new one is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, user: Any, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm `device` with a code from the app. On success the user's other authenticators
    are removed and fresh recovery codes are returned (the only time they are shown);
    on a wrong code, None."""
    if device.user_id != user.pk or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return recovery_codes_issue(user=user)


@transaction.atomic
def recovery_codes_issue(*, user: Any) -> list[str]:
    """Replace the user's recovery codes with new ones; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def code_verify(*, user: Any, code: str) -> tuple[Any, str | None]:
    """Check a typed code against the user's devices. Returns (device, None) when it matches
    (a recovery code is used up) or (None, message). django-otp slows down repeated wrong codes
    on each device."""
    code = normalise_code(code)
    devices = devices_for_code(user=user, code=code)
    if any(not device.verify_is_allowed()[0] for device in devices):
        return None, "Too many wrong codes. Wait a minute, then try again."
    for device in devices:
        if device.verify_token(code):
            return device, None
    return None, "That code is not right. Check the app and try again, or use a recovery code."


@transaction.atomic
def two_factor_reset(*, user: Any) -> int:
    """Remove every authenticator and recovery code of the user; returns how many devices."""
    removed: int = TOTPDevice.objects.filter(user=user).delete()[1].get("otp_totp.TOTPDevice", 0)
    removed += StaticDevice.objects.filter(user=user).delete()[1].get("otp_static.StaticDevice", 0)
    return removed
