"""Staff actions on one programme: send (or re-send) the patient's link, revoke it, and read the
adherence grid. Each needs the permission and that the user may see the programme (else 404)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from homecare import selectors_admin, services
from homecare.admin_views.programmes import SEND, today
from homecare.models import HomeProgramme

VIEW_ANY = ["homecare.view_homeprogramme", "homecare.change_homeprogramme"]

ACTIONS = {
    "send": (
        "Send link",
        "E-mail the patient a link to this programme? It works for {days} days; any link sent "
        "before stops working.",
    ),
    "revoke": (
        "Revoke link",
        "End the patient's link now? They see a page with the practice's phone number instead. "
        "You can send a new link later.",
    ),
}


def _programme(request, pk: int) -> HomeProgramme:
    programme = selectors_admin.programme_for_staff(user=request.user, pk=pk)
    if programme is None:
        raise Http404("No such home programme.")
    return programme


def _link_action(request, pk: int, action: str):
    programme = _programme(request, pk)
    if not request.user.has_perm(SEND):
        raise PermissionDenied
    inspect_url = reverse("homecare_programme:inspect", args=[programme.pk])
    label, question = ACTIONS[action]
    if action == "send" and programme.sent_at:
        label = "Re-send link"
    if request.method == "POST":
        try:
            if action == "send":
                services.home_programme_send(programme=programme, user=request.user)
                messages.success(request, f"Link e-mailed to {programme.patient.email}.")
            else:
                services.home_programme_revoke(programme=programme, user=request.user)
                messages.success(request, "The patient's link no longer works.")
        except services.HomecareError as error:
            messages.error(request, error.message)
        return redirect(inspect_url)
    context = {
        "programme": programme,
        "question": question.format(days=programme.link_days),
        "label": label,
        "back_url": inspect_url,
        "page_title": label,
        "header_title": label,
        "header_icon": "mail" if action == "send" else "cross",
    }
    return TemplateResponse(request, "homecare/admin/confirm.html", context)


def send_view(request, pk: int):
    """Confirm (GET) and send or re-send (POST) the patient's link."""
    return _link_action(request, pk, "send")


def revoke_view(request, pk: int):
    """Confirm (GET) and revoke (POST) the patient's link."""
    return _link_action(request, pk, "revoke")


def adherence_view(request, pk: int):
    """Days done per item, from the start to today (the last 60 days at most)."""
    programme = _programme(request, pk)
    if not any(request.user.has_perm(permission) for permission in VIEW_ANY):
        raise PermissionDenied
    grid = selectors_admin.programme_adherence(programme=programme, today=today())
    context = {
        "programme": programme,
        "grid": grid,
        "rows": [(item, zip(grid.days, item.cells, strict=True)) for item in grid.items],
        "inspect_url": reverse("homecare_programme:inspect", args=[programme.pk]),
        "page_title": "Adherence",
        "header_title": f"Adherence: {programme.title}",
        "header_icon": "table",
    }
    response = TemplateResponse(request, "homecare/admin/adherence.html", context)
    add_never_cache_headers(response)
    return response
