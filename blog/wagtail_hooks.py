"""Admin registration of the blog: categories and comment moderation under one "Blog" menu
(authors are People, in core), moderation bulk actions, and a dashboard panel counting comments
awaiting moderation."""

from collections.abc import Callable

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.widgets import MenuItem
from wagtail.admin.widgets.button import HeaderButton, ListingButton
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from blog import selectors, services
from blog.forms import new_timestamp
from blog.models import BlogCategory, BlogPostPage, Comment, CommentStatus
from core.exports import SafeSpreadsheetExportMixin

# --- snippets -----------------------------------------------------------------------------


class BlogCategoryViewSet(SnippetViewSet):
    model = BlogCategory
    icon = "folder-open-inverse"
    menu_label = "Categories"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


# --- comment moderation -------------------------------------------------------------------

MODERATION_ACTIONS = [
    ("approve", "Approve", "check"),
    ("reject", "Reject", "cross"),
    ("spam", "Mark as spam", "warning"),
]


def moderation_url(action: str, comments, next_url: str) -> str:
    """Wagtail's bulk-action confirmation page for these comments (works for one as well)."""
    query = [("id", c.pk) for c in comments] + [("next", next_url)]
    return reverse("wagtail_bulk_action", args=("blog", "comment", action)) + "?" + urlencode(query)


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        choices=CommentStatus.choices, empty_label="All", label="Status"
    )
    post = django_filters.ModelChoiceFilter(
        queryset=BlogPostPage.objects.order_by("title").only("pk", "title"), label="Post"
    )
    created_at = django_filters.DateFromToRangeFilter(label="Posted", widget=DateRangePickerWidget)

    class Meta:
        model = Comment
        fields = ["status", "post", "created_at"]


# Approve and reject are shown as buttons of their own (in each row and on the edit view);
# "Mark as spam" stays in the "More options" menu.
DIRECT_ACTIONS = {"approve", "reject"}
STATUS_AFTER = {"approve": "approved", "reject": "rejected", "spam": "spam"}


def moderation_actions(comment):
    """(action, label, icon) the comment can still take: not the status it already has."""
    return [a for a in MODERATION_ACTIONS if comment.status != STATUS_AFTER[a[0]]]


class CommentIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("post")

    def get_list_buttons(self, instance):
        if not self.request.user.has_perm("blog.change_comment"):
            return super().get_list_buttons(instance)
        next_url = self.request.get_full_path()
        direct = [
            ListingButton(
                label,
                url=moderation_url(action, [instance], next_url),
                icon_name=icon,
                attrs={"aria-label": f"{label} the comment by {instance.name}"},
                priority=priority,
            )
            for priority, (action, label, icon) in enumerate(moderation_actions(instance), 1)
            if action in DIRECT_ACTIONS
        ]
        return direct + super().get_list_buttons(instance)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        next_url = self.request.get_full_path()
        for priority, (action, label, icon) in enumerate(moderation_actions(instance), start=1):
            if action in DIRECT_ACTIONS:
                continue
            buttons.append(
                MenuItem(
                    label,
                    url=moderation_url(action, [instance], next_url),
                    icon_name=icon,
                    priority=priority,
                )
            )
        return buttons


class CommentEditView(EditView):
    """The comment's own page offers Approve and Reject in its header."""

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if not self.request.user.has_perm("blog.change_comment"):
            return buttons
        next_url = self.request.get_full_path()
        for priority, (action, label, icon) in enumerate(moderation_actions(self.object), 1):
            if action in DIRECT_ACTIONS:
                buttons.append(
                    HeaderButton(
                        label,
                        url=moderation_url(action, [self.object], next_url),
                        icon_name=icon,
                        priority=priority,
                    )
                )
        return buttons


class CommentCreateView(CreateView):
    """Comments written in the admin are the practice's replies: approved and marked as staff."""

    def save_instance(self):
        data = self.form.cleaned_data
        return services.comment_staff_reply(
            post=data["post"],
            reply_to=data.get("reply_to"),
            name=data.get("name", ""),
            text=data["text"],
            user=self.request.user,
        )


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = "Comments"
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "post",
        "name",
        "email",
        "text",
        "status",
        "is_staff_reply",
        "reply_to",
        "created_at",
        "moderated_at",
        "moderated_by",
        "ip_hash",
    ]
    index_view_class = CommentIndexView
    add_view_class = CommentCreateView
    edit_view_class = CommentEditView
    filterset_class = CommentFilterSet
    list_display = [
        "name",  # the title column: links to the edit view and carries the row's action menu
        Column("excerpt", label="Comment"),
        Column("post", label="Post"),
        StatusTagColumn(
            "get_status_display",
            label="Status",
            primary=lambda c: c.status == CommentStatus.APPROVED,
            sort_key="status",
        ),
        Column(
            "is_staff_reply",
            label="From the practice",
            accessor=lambda c: "Yes" if c.is_staff_reply else "",
        ),
        DateColumn("created_at", label="Posted", sort_key="created_at"),
    ]
    list_export = ["post", "name", "text", "status", "is_staff_reply", "created_at"]
    search_fields = ["name", "text"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50


class BlogViewSetGroup(SnippetViewSetGroup):
    items = (BlogCategoryViewSet, CommentViewSet)
    menu_icon = "doc-full"
    menu_label = "Blog"
    menu_name = "blog"
    menu_order = 250


register_snippet(BlogViewSetGroup)


class ModerateCommentsBulkAction(SnippetBulkAction):
    """Approve, reject or mark comments as spam, from the list's checkboxes or a row's menu."""

    template_name = "blog/admin/confirm_bulk_moderation.html"
    service: Callable[..., int]
    verb = ""

    models = [Comment]

    def check_perm(self, obj):
        return self.request.user.has_perm("blog.change_comment")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return cls.service(comments=objects, user=user), 0

    def get_execution_context(self):
        return {"user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verb"] = self.verb
        context["action_label"] = self.display_name
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment %(verb)s.", "%(count)d comments %(verb)s.", num_parent_objects
        ) % {"count": num_parent_objects, "verb": self.verb}


class ApproveCommentsBulkAction(ModerateCommentsBulkAction):
    display_name = "Approve"
    action_type = "approve"
    aria_label = "Approve the selected comments"
    action_priority = 10
    verb = "approved"
    service = staticmethod(services.comment_approve)


class RejectCommentsBulkAction(ModerateCommentsBulkAction):
    display_name = "Reject"
    action_type = "reject"
    aria_label = "Reject the selected comments"
    action_priority = 20
    verb = "rejected"
    service = staticmethod(services.comment_reject)


class SpamCommentsBulkAction(ModerateCommentsBulkAction):
    display_name = "Mark as spam"
    action_type = "spam"
    aria_label = "Mark the selected comments as spam"
    action_priority = 25
    verb = "marked as spam"
    service = staticmethod(services.comment_mark_spam)


for action_class in (ApproveCommentsBulkAction, RejectCommentsBulkAction, SpamCommentsBulkAction):
    hooks.register("register_bulk_action", action_class)


# --- dashboard ----------------------------------------------------------------------------


class PendingCommentsPanel(Component):
    name = "blog_pending_comments"
    template_name = "blog/admin/pending_comments_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        count = selectors.pending_comment_count()
        return {
            "count": count,
            # register_snippet gives the model its viewset at start-up.
            "list_url": reverse(Comment.snippet_viewset.get_url_name("list"))  # type: ignore[attr-defined]
            + "?"
            + urlencode({"status": CommentStatus.PENDING}),
        }


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm("blog.change_comment"):
        panels.append(PendingCommentsPanel())


# --- page cache -----------------------------------------------------------------------------


@hooks.register("page_cache_fresh_form_fields")
def comment_form_fresh_timestamp(request):
    """A post served from the page cache carries the comment form's time of caching; the form's
    script replaces it with the time the reader opened the page (the too-fast check needs it)."""
    return {"rendered_at": new_timestamp()}
