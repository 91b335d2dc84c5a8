"""Keeps unverified users out of the admin: to the code step if they have an authenticator,
to the set-up page if 2FA is required of them and they have none. Runs after OTPMiddleware."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

from core.two_factor.policy import two_factor_required

ALWAYS_ALLOWED = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
VERIFY = "core_two_factor_verify"
SETUP = "core_two_factor_setup"


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.guard(request) or self.get_response(request)

    def guard(self, request):
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None  # public pages: do not even load the user
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        try:
            url_name = resolve(request.path_info).url_name
        except Resolver404:
            return None
        if url_name in ALWAYS_ALLOWED:
            return None
        if user_has_device(user, confirmed=True):
            return None if url_name == VERIFY else self._send(request, VERIFY)
        if two_factor_required(user):
            return None if url_name == SETUP else self._send(request, SETUP)
        return None if url_name != VERIFY else self._send(request, SETUP)

    @staticmethod
    def _send(request, url_name):
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(url_name)}?{query}")
