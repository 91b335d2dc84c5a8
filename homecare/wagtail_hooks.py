"""Admin of home programmes: a "Home programmes" menu item beside Bookings, the programme's
views (every one with a pk answers 404 to staff who may not see that programme), the link
actions, the adherence grid, the copy from the library, and a "Home programme after this
appointment" button on each booking (through booking's `register_booking_buttons` hook), and
the patient's programmes on booking's patient record (`register_patient_record_panels`)."""

from django.urls import URLPattern, path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button

from homecare import admin_views, selectors_admin, services
from homecare.admin_views.patient import PatientProgrammesPanel
from homecare.models import HomeProgramme

VIEW = "homecare.view_homeprogramme"

NOT_AFTER = {"cancelled", "expired", "held"}


class HomeProgrammeViewSet(ModelViewSet):
    model = HomeProgramme
    icon = "list-ul"
    menu_label = "Home programmes"
    menu_order = 255  # just after Bookings
    add_to_admin_menu = True
    index_view_class = admin_views.ProgrammeIndexView
    add_view_class = admin_views.ProgrammeCreateView
    edit_view_class = admin_views.ProgrammeEditView
    inspect_view_class = admin_views.ProgrammeInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "title",
        "patient",
        "practitioner",
        "start_date",
        Column("link", label="Link", accessor=admin_views.link_state),
    ]
    list_filter = ["practitioner"]
    search_fields = ["title", "patient__name", "patient__email"]
    ordering = ["-created_at"]

    def get_urlpatterns(self):
        """Every view of one programme (edit, inspect, delete, history, usage) is guarded."""
        return [
            URLPattern(p.pattern, admin_views.visible_only(p.callback), p.default_args, p.name)
            if isinstance(p, URLPattern) and "pk" in p.pattern.converters
            else p
            for p in super().get_urlpatterns()
        ]


@hooks.register("register_admin_viewset")
def register_home_programmes() -> HomeProgrammeViewSet:
    return HomeProgrammeViewSet("homecare_programme", url_prefix="homecare/programmes")


@hooks.register("register_admin_urls")
def home_programme_urls():
    return [
        path(
            "homecare/programmes/<int:pk>/send/",
            admin_views.send_view,
            name="homecare_programme_send",
        ),
        path(
            "homecare/programmes/<int:pk>/revoke/",
            admin_views.revoke_view,
            name="homecare_programme_revoke",
        ),
        path(
            "homecare/programmes/<int:pk>/adherence/",
            admin_views.adherence_view,
            name="homecare_programme_adherence",
        ),
        path(
            "homecare/programmes/copy-from-library/",
            admin_views.copy_view,
            name="homecare_programme_copy",
        ),
    ]


@hooks.register("register_booking_buttons")
def programme_after_booking(booking, user) -> list[Button]:
    """On a booking: build the patient's home programme, prefilled from the appointment."""
    if booking.status in NOT_AFTER or not user.has_perm(admin_views.ADD):
        return []
    query = f"?booking={booking.pk}"
    return [
        Button(
            "Home programme after this appointment",
            url=reverse("homecare_programme:add") + query,
            icon_name="list-ul",
            priority=60,
        ),
        Button(
            "Home programme from the library",
            url=reverse("homecare_programme_copy") + query,
            icon_name="copy",
            priority=61,
        ),
    ]


@hooks.register("register_patient_record_panels")
def patient_programmes(patient, user) -> list[PatientProgrammesPanel]:
    """On a patient's record: their programmes this user may see (none for editors)."""
    if not user.has_perm(VIEW):
        return []
    return [
        PatientProgrammesPanel(
            programmes=selectors_admin.patient_programmes(user=user, patient_id=patient.pk),
            sees_all=selectors_admin.sees_all_programmes(user),
        )
    ]


@hooks.register("register_log_actions")
def home_programme_log_actions(actions) -> None:
    actions.register_action(services.SENT, "Send link", "Link sent to the patient")
    actions.register_action(services.REVOKED, "Revoke link", "Link revoked")
    actions.register_action(services.COPIED, "Copy from the library", "Copied from the library")
