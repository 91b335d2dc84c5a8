"""Admin views of core: lifting a sign-in lockout, the list of forms for Reception."""

from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.contrib.forms.views import FormPagesListView

from core.lockout import lockout_clear

SUBMISSIONS_PERMISSION = "wagtailforms.view_formsubmission"


class UnlockColumn(Column):
    cell_template_name = "core/admin/unlock_cell.html"


@require_POST
def lockout_unlock(request, pk):
    if not request.user.is_superuser:
        raise PermissionDenied
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    lockout_clear(attempt=attempt)
    who = ", ".join(filter(None, [attempt.username, attempt.ip_address]))
    messages.success(request, f"Unlocked {who}: they can sign in again.")
    return redirect("core_lockout:index")


class FormPagesView(FormPagesListView):
    """Wagtail's list of form pages opens only to page editors; here it also opens to those
    allowed to read submissions (Reception), who edit no pages. Which pages are listed is still
    decided by the filter_form_submissions_for_user hook."""

    def user_has_any_permission(self, permissions):
        return self.request.user.has_perm(
            SUBMISSIONS_PERMISSION
        ) or super().user_has_any_permission(permissions)
