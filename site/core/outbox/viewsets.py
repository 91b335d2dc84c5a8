"""The outbox in the admin: every e-mail the site sends, its state and last error, and a
"Retry now" button. The booking app mounts it in its Bookings menu for Reception."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from core.outbox import services
from core.outbox.models import OutboxMessage

CHANGE_PERMISSION = "core.change_outboxmessage"


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """Only the site writes e-mails: staff may view and retry them, never add one."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


class OutboxIndexView(generic.IndexView):
    @property
    def retry_url_name(self) -> str:
        namespace = self.index_url_name.rpartition(":")[0]
        return f"{namespace}:retry"

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status != OutboxMessage.State.SENT and self.request.user.has_perm(
            CHANGE_PERMISSION
        ):
            buttons.append(
                ListingButton(
                    "Retry now",
                    url=reverse(self.retry_url_name, args=[instance.pk]),
                    icon_name="resubmit",
                    priority=40,
                )
            )
        return buttons


def retry_view(request, pk, *, index_url_name):
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    message = get_object_or_404(OutboxMessage, pk=pk)
    if request.method == "POST":
        sent, _failed = services.outbox_retry(message=message)
        if sent:
            messages.success(request, f"Sent: {message.subject}")
        else:
            message.refresh_from_db()
            messages.error(request, f"Still failing: {message.last_error}")
        return redirect(index_url_name)
    return TemplateResponse(
        request,
        "core/admin/outbox_confirm_retry.html",
        {"message": message, "page_title": "Retry e-mail", "header_title": "Retry e-mail"},
    )


class OutboxViewSet(ModelViewSet):
    model = OutboxMessage
    icon = "mail"
    menu_label = "Outbox"
    index_view_class = OutboxIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["subject", "to", "kind", "status", "attempts", "last_error", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject", "to", "reference"]
    form_fields: list[str] = []
    inspect_view_fields = [
        "kind",
        "reference",
        "to",
        "subject",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "text",
    ]

    @property
    def permission_policy(self):
        return OutboxPermissionPolicy(OutboxMessage)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/send-again/",
                retry_view,
                {"index_url_name": self.get_url_name("index")},
                name="retry",
            ),
        ]
