"""Sign-in lockout (django-axes): the page shown while locked out, and a superuser's unlock."""

import ipaddress

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db import transaction
from django.template.response import TemplateResponse
from wagtail.admin.views.account import get_user_login_form, password_reset_enabled


def cooloff_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Wagtail sign-in page again, with the reason and the wait,
    answered 429 so that nothing reads it as a success."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = get_user_login_form()(request, initial={"username": username})
    context = {
        "form": form,
        "next": request.POST.get("next", ""),
        "show_password_reset": password_reset_enabled(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": cooloff_minutes(),
    }
    response = TemplateResponse(
        request, "core/admin/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    return response.render()


@transaction.atomic
def lockout_clear(*, attempt: AccessAttempt) -> int:
    """Unlock the user name and the address of this attempt (all their failure records)."""
    removed = reset(username=attempt.username) if attempt.username else 0
    removed += reset(ip=attempt.ip_address) if attempt.ip_address else 0
    return removed


def client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address that failed to sign in.

    REMOTE_ADDR by default. Behind TRUSTED_PROXY_COUNT proxies that each append the address they
    received the request from, the client is the entry that many places from the right of
    X-Forwarded-For: anything further left was written by the client and is ignored."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < count:
        return remote
    candidate = chain[-count]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return remote
    return candidate
