"""Moderation in the Wagtail admin: the comment list and its filters, per-comment and bulk
actions, staff replies, the dashboard count, and the author and category snippets."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from blog.models import BlogCategory, Comment, CommentStatus
from tests.blog.factories import BlogPostPageFactory, CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/blog/comment/"


def bulk_url(action, comments, next_url=LIST_URL):
    ids = "&".join(f"id={c.pk}" for c in comments)
    return f"/admin/bulk/blog/comment/{action}/?{ids}&next={next_url}"


@pytest.fixture
def comments(post, blog):
    other = BlogPostPageFactory(parent=blog, title="Ankle circles")
    old = CommentFactory(post=post, name="Old Ann", text="Older pending", status="pending")
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=40))
    return {
        "pending": CommentFactory(post=post, name="Pat", text="Pending one", status="pending"),
        "old": old,
        "approved": CommentFactory(post=post, name="Al", text="Approved one"),
        "other": CommentFactory(post=other, name="Oz", text="On the other post", status="pending"),
    }


def listed(response) -> set[str]:
    return {c.name for c in response.context["object_list"]}


def test_comment_list_and_filters(admin_client, comments, post):
    response = admin_client.get(LIST_URL)
    assert response.status_code == 200
    assert listed(response) == {"Pat", "Old Ann", "Al", "Oz"}
    html = response.content.decode()
    assert "Pending one" in html
    assert "Awaiting moderation" in html

    assert listed(admin_client.get(LIST_URL, {"status": "pending"})) == {"Pat", "Old Ann", "Oz"}
    assert listed(admin_client.get(LIST_URL, {"post": post.pk})) == {"Pat", "Old Ann", "Al"}
    recent = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    assert listed(admin_client.get(LIST_URL, {"created_at_from": recent})) == {"Pat", "Al", "Oz"}
    assert listed(admin_client.get(LIST_URL, {"q": "other post"})) == {"Oz"}
    # Odd filter values never break the list.
    for params in ({"status": "nope"}, {"post": "abc"}, {"created_at_from": "yesterday"}):
        assert admin_client.get(LIST_URL, params).status_code == 200


def test_row_menu_links_to_moderation_actions(admin_client, comments):
    html = admin_client.get(LIST_URL).content.decode()
    pending = comments["pending"]
    assert f"/admin/bulk/blog/comment/approve/?id={pending.pk}" in html
    assert f"/admin/bulk/blog/comment/spam/?id={pending.pk}" in html
    # An approved comment offers no second approval.
    assert f"/admin/bulk/blog/comment/approve/?id={comments['approved'].pk}" not in html


def row_of(html, comment):
    import re

    rows = re.findall(r"<tr[^>]*>.*?</tr>", html, re.S)
    return next(r for r in rows if f"/admin/snippets/blog/comment/edit/{comment.pk}/" in r)


@pytest.mark.parametrize("action", ["Approve", "Reject"])
def test_approve_and_reject_are_direct_buttons_in_each_row(admin_client, comments, action):
    html = admin_client.get(LIST_URL).content.decode()
    row = row_of(html, comments["pending"])
    button = f'aria-label="{action} the comment by Pat"'
    # A link of its own, before the "More options" dropdown: one Tab away, no menu to open.
    assert row.index(button) < row.index("More options")


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_edit_view_offers_approve_and_reject(admin_client, comments, action):
    pending = comments["pending"]
    edit_url = f"/admin/snippets/blog/comment/edit/{pending.pk}/"
    html = admin_client.get(edit_url).content.decode()
    from urllib.parse import quote

    back = quote(edit_url, safe="")
    assert f"/admin/bulk/blog/comment/{action}/?id={pending.pk}&amp;next={back}" in html


def test_edit_view_of_an_approved_comment_offers_no_approve(admin_client, comments):
    approved = comments["approved"]
    html = admin_client.get(f"/admin/snippets/blog/comment/edit/{approved.pk}/").content.decode()
    assert f"/admin/bulk/blog/comment/approve/?id={approved.pk}" not in html


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("reject", "rejected"), ("spam", "spam")],
)
def test_single_moderation_action(admin_client, comments, action, status):
    comment = comments["pending"]
    confirm = admin_client.get(bulk_url(action, [comment]))
    assert confirm.status_code == 200
    assert "Pending one" in confirm.content.decode()
    comment.refresh_from_db()
    assert comment.status == "pending"  # GET only asks
    response = admin_client.post(bulk_url(action, [comment]))
    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.moderated_by.username == "editor"
    assert comment.moderated_at


def test_bulk_approve_from_the_list(admin_client, comments, client, post):
    chosen = [comments["pending"], comments["old"]]
    list_html = admin_client.get(LIST_URL).content.decode()
    assert "data-bulk-action-checkbox" in list_html  # checkboxes for bulk actions
    for action in ("approve", "reject", "spam"):
        assert f'<a href="/admin/bulk/blog/comment/{action}/" class="bulk-action-btn' in list_html
    response = admin_client.post(bulk_url("approve", chosen))
    assert response.status_code == 302
    assert Comment.objects.filter(pk__in=[c.pk for c in chosen], status="approved").count() == 2
    assert Comment.objects.get(pk=comments["other"].pk).status == "pending"
    messages = [str(m).strip() for m in admin_client.get(LIST_URL).context["messages"]]
    assert "2 comments approved." in messages
    html = client.get(post.url).content.decode()
    assert "Pending one" in html
    assert "Older pending" in html


def test_bulk_spam(admin_client, comments):
    response = admin_client.post(bulk_url("spam", [comments["pending"], comments["other"]]))
    assert response.status_code == 302
    assert set(Comment.objects.filter(status="spam").values_list("name", flat=True)) == {
        "Pat",
        "Oz",
    }


def test_moderation_needs_permission(client, comments):
    editor = UserFactory(username="writer", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.post(bulk_url("approve", [comments["pending"]]))
    comments["pending"].refresh_from_db()
    assert comments["pending"].status == "pending"
    assert response.status_code in {200, 302, 403}


def test_moderator_group_can_moderate(client, comments):
    moderator = UserFactory(username="mod", is_staff=True)
    group = Group.objects.create(name="Comment moderators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(content_type__app_label="blog", codename="change_comment"),
        Permission.objects.get(content_type__app_label="blog", codename="view_comment"),
    )
    moderator.groups.add(group)
    client.force_login(moderator)
    assert client.get(LIST_URL).status_code == 200
    client.post(bulk_url("approve", [comments["pending"]]))
    comments["pending"].refresh_from_db()
    assert comments["pending"].status == "approved"


def test_dashboard_panel_counts_pending_comments(admin_client, comments):
    html = admin_client.get("/admin/").content.decode()
    assert "3 comments awaiting moderation" in html
    assert 'href="/admin/snippets/blog/comment/?status=pending"' in html


def test_dashboard_panel_with_nothing_pending(admin_client, post):
    html = admin_client.get("/admin/").content.decode()
    assert "No comments are awaiting moderation." in html


def test_staff_reply_written_in_admin_is_approved_and_marked(admin_client, comments, post, client):
    question = comments["approved"]
    response = admin_client.post(
        "/admin/snippets/blog/comment/add/",
        {
            "post": post.pk,
            "reply_to": question.pk,
            "name": "Maya at the clinic",
            "text": "Glad it helped! Keep the pressure gentle.",
        },
    )
    assert response.status_code == 302
    reply = Comment.objects.get(is_staff_reply=True)
    assert reply.status == CommentStatus.APPROVED
    assert reply.author_user.username == "editor"
    assert reply.reply_to == question
    html = client.get(post.url).content.decode()
    assert "From the practice" in html
    assert "Glad it helped!" in html


def test_inspect_shows_the_private_email(admin_client, comments):
    comment = comments["pending"]
    html = admin_client.get(f"/admin/snippets/blog/comment/inspect/{comment.pk}/").content.decode()
    assert comment.email in html


def test_categories_created_in_admin(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_blog_blogcategory:add"),
        {"name": "Hip mobility", "slug": "hip-mobility", "description": "Hips."},
    )
    assert response.status_code == 302
    assert BlogCategory.objects.get().slug == "hip-mobility"
    menu = admin_client.get("/admin/").content.decode()
    assert "Blog" in menu


def test_comments_csv_export_writes_formulas_as_text(admin_client, post):
    import csv

    CommentFactory(post=post, name="Mallory", text='=HYPERLINK("https://evil.example","x")')
    response = admin_client.get(f"{LIST_URL}?export=csv")
    rows = list(csv.DictReader(b"".join(response.streaming_content).decode().splitlines()))
    assert rows[0]["Text"] == '\'=HYPERLINK("https://evil.example","x")'
