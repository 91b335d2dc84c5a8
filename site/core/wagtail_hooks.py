"""The People snippet (practitioners, authors and reviewers in one record). Admin guards: the
two-factor pages, sign-in lockouts a superuser can lift, and contact submissions readable only
by those allowed to see health details; accessible names for inputs Wagtail leaves unnamed."""

from axes.models import AccessAttempt
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import admin_views
from core.admin_views import SUBMISSIONS_PERMISSION
from core.models import Person
from core.two_factor import views as two_factor_views


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", two_factor_views.verify, name="core_two_factor_verify"),
        path("two-factor/set-up/", two_factor_views.setup, name="core_two_factor_setup"),
        path(
            "login-lockouts/<int:pk>/unlock/",
            admin_views.lockout_unlock,
            name="core_lockout_unlock",
        ),
        # Resolved before wagtail.contrib.forms' own "forms/" (core comes first in INSTALLED_APPS).
        path("forms/", admin_views.FormPagesView.as_view(), name="core_forms_index"),
        path(
            "forms/results/",
            admin_views.FormPagesView.as_view(results_only=True),
            name="core_forms_index_results",
        ),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("core_two_factor_setup"),
        "label": "Two-factor authentication",
        "help_text": "Set up an authenticator app (or replace it) and get new recovery codes.",
    }


@hooks.register("filter_form_submissions_for_user")
def submissions_only_with_permission(user, editable_forms):
    """Contact submissions can hold health details: editing the form page is not enough.
    Those with the submissions permission (Reception, superusers) read every form's."""
    if not user.has_perm(SUBMISSIONS_PERMISSION):
        return editable_forms.none()
    return Page.objects.filter(content_type__in=get_form_types())


class SuperuserOnlyPolicy(ModelPermissionPolicy):
    """Lockout records: superusers view them and unlock; nobody adds or edits them here."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser and action in {"view", "delete"}

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = "Sign-in lockouts"
    add_to_settings_menu = True
    permission_policy = SuperuserOnlyPolicy(AccessAttempt)
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "username",
        "ip_address",
        Column("failures_since_start", label="Failed sign-ins"),
        "attempt_time",
        admin_views.UnlockColumn("unlock", label="Unlock"),
    ]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    form_fields: list[str] = []


@hooks.register("register_admin_viewset")
def register_lockouts():
    return LockoutViewSet("core_lockout", url_prefix="login-lockouts")


@hooks.register("insert_global_admin_js")
def admin_labels_js():
    return format_html('<script src="{}" defer></script>', static("js/admin-labels.js"))


class PersonViewSet(SnippetViewSet):
    """The people of the practice: booking's practitioners, the blog's authors and the exercise
    reviewers all point at one of these."""

    model = Person
    icon = "user"
    menu_label = "People"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "role", "on_team_page"]
    list_filter = ["on_team_page"]
    search_fields = ["name", "role"]
    search_backend_name = None


register_snippet(PersonViewSet)
