"""The code step after the password, and the authenticator set-up page (both in the admin)."""

import django_otp
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from core.two_factor import presenters, services
from core.two_factor.forms import CodeForm, ConfirmForm
from core.two_factor.policy import two_factor_required


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    """Asked once per sign-in, after the password, of users who have an authenticator."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, error = services.code_verify(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next_url(request))
        if error:
            form.add_error("code", error)
    return TemplateResponse(
        request, "core/admin/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    """Scan a QR code, confirm with one code, then see the recovery codes once."""
    device = services.totp_device_start(user=request.user)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_device_confirm(
            user=request.user, device=device, token=form.cleaned_data["code"].replace(" ", "")
        )
        if codes is not None:
            django_otp.login(request, device)
            return TemplateResponse(
                request,
                "core/admin/two_factor_recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("code", "That code is not right. Type the code the app shows now.")
    context = {
        "form": form,
        "next": _next_url(request),
        "required": two_factor_required(request.user),
        **presenters.setup_context(device),
    }
    return TemplateResponse(request, "core/admin/two_factor_setup.html", context)
