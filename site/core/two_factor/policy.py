"""Who must use two-factor authentication: superusers and holders of sensitive permissions."""

from django.conf import settings


def two_factor_required(user) -> bool:
    """True when the settings enforce 2FA and this user can see patients, bookings or
    contact submissions (settings.TWO_FACTOR_PERMISSIONS) or is a superuser."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(user.has_perm(permission) for permission in settings.TWO_FACTOR_PERMISSIONS)
