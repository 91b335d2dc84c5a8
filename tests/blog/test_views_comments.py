"""Comments over HTTP: held for moderation, spam defences, field errors, inert text."""

import time

import pytest
from django.core import mail, signing

from blog.forms import TIMESTAMP_SALT, new_timestamp
from blog.models import Comment, CommentStatus
from blog.services import comment_approve
from tests.blog.factories import CommentFactory
from tests.clock import TUESDAY_MORNING
from tests.factories import SuperUserFactory

pytestmark = pytest.mark.django_db


def comment_data(**extra):
    return {
        "name": "Priya",
        "email": "priya@example.com",
        "text": "Tried the ball on my calf.\nStairs feel easier already.",
        "rendered_at": new_timestamp(),
        "website": "",
        **extra,
    }


def test_comment_is_held_until_approved_then_shown(
    client, post, django_capture_on_commit_callbacks
):
    SuperUserFactory(username="moderator", email="moderator@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(post.url, comment_data())
    assert response.status_code == 302
    assert response["Location"] == f"{post.url}?comment=pending#comments"

    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.post_id == post.pk
    assert comment.ip_hash
    assert "127.0.0.1" not in comment.ip_hash

    notice = client.get(response["Location"]).content.decode()
    assert "Your comment is waiting for moderation" in notice
    assert "Stairs feel easier already." not in notice

    # The moderators were told, after commit.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["moderator@example.com"]
    assert "Why the back of the knee tightens" in mail.outbox[0].subject
    assert "/admin/snippets/blog/comment/?status=pending" in mail.outbox[0].body

    comment_approve(comments=[comment])
    html = client.get(post.url).content.decode()
    assert "Stairs feel easier already." in html
    assert "Priya" in html
    assert "Comments (1)" in html
    # The e-mail address is never shown.
    assert "priya@example.com" not in html


def test_a_comment_notice_goes_through_the_outbox(
    client, post, settings, django_capture_on_commit_callbacks
):
    from core.models import OutboxMessage

    settings.EMAIL_BACKEND = "tests.core.test_outbox.FailingBackend"
    SuperUserFactory(username="moderator", email="moderator@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(post.url, comment_data()).status_code == 302
    notice = OutboxMessage.objects.get(kind="comment")
    assert notice.to == "moderator@example.com"
    assert notice.status == OutboxMessage.State.FAILED  # kept for the retry, not lost
    assert notice.reference == f"comment-{Comment.objects.get().pk}"


def test_rejected_and_spam_comments_stay_hidden(client, post):
    CommentFactory(post=post, text="Rejected words", status=CommentStatus.REJECTED)
    CommentFactory(post=post, text="Spam words", status=CommentStatus.SPAM)
    CommentFactory(post=post, text="Pending words", status=CommentStatus.PENDING)
    html = client.get(post.url).content.decode()
    assert "Rejected words" not in html
    assert "Spam words" not in html
    assert "Pending words" not in html
    assert "No comments yet." in html


def test_staff_reply_is_marked_as_from_the_practice(client, post):
    from blog.services import comment_staff_reply

    question = CommentFactory(post=post, name="Sam", text="How long should I hold it?")
    staff = SuperUserFactory(username="maya", first_name="Maya", last_name="Chen")
    comment_staff_reply(
        post=post, text="About a minute, breathing slowly.", user=staff, reply_to=question
    )
    html = client.get(post.url).content.decode()
    assert "From the practice" in html
    assert "Maya Chen" in html
    assert "in reply to Sam" in html


def test_html_and_script_are_shown_as_inert_text(client, post):
    client.post(
        post.url,
        comment_data(
            text='<script>alert("x")</script> <b>bold</b> <a href="https://x.example">x</a>'
        ),
    )
    comment = Comment.objects.get()
    assert comment.text.startswith("<script>")  # stored as typed, as plain text
    comment_approve(comments=[comment])
    html = client.get(post.url).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert '<a href="https://x.example"' not in html


def test_links_are_not_made_clickable(client, post):
    CommentFactory(post=post, text="See https://example.com/knee for more")
    html = client.get(post.url).content.decode()
    assert "See https://example.com/knee for more" in html
    assert 'href="https://example.com/knee"' not in html


def test_honeypot_stores_nothing_and_looks_like_success(client, post):
    response = client.post(post.url, comment_data(website="https://spam.example"))
    assert response.status_code == 302
    assert "comment=pending" in response["Location"]
    assert not Comment.objects.exists()
    assert mail.outbox == []


def test_too_fast_post_is_refused_and_values_kept(client, post, settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 3
    response = client.post(post.url, comment_data(text="Quick words"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "That was very quick" in html
    assert "Quick words" in html
    assert 'value="Priya"' in html
    assert not Comment.objects.exists()


def test_post_after_the_minimum_time_is_accepted(client, post, settings):
    settings.BLOG_COMMENT_MIN_SECONDS = 3
    started = signing.dumps(time.time() - 5, salt=TIMESTAMP_SALT)
    response = client.post(post.url, comment_data(rendered_at=started))
    assert response.status_code == 302
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "token",
    ["", "garbage", signing.dumps(1.0, salt="other")],
    ids=["missing", "garbage", "wrong-salt"],
)
def test_missing_or_forged_timestamp_is_refused_with_a_fresh_one(client, post, token):
    response = client.post(post.url, comment_data(rendered_at=token))
    assert response.status_code == 400
    assert "Something went wrong with the form" in response.content.decode()
    assert response.context["comment_form"].data["rendered_at"] != token
    assert not Comment.objects.exists()


def test_expired_form_is_refused(client, post, settings, time_machine):
    settings.BLOG_COMMENT_FORM_MAX_AGE = 60
    time_machine.move_to(TUESDAY_MORNING, tick=False)
    old = new_timestamp()
    time_machine.shift(120)  # the form stayed open for two minutes
    response = client.post(post.url, comment_data(rendered_at=old))
    assert response.status_code == 400
    assert "open for a long time" in response.content.decode()


def test_over_long_text_is_a_field_error(client, post):
    response = client.post(post.url, comment_data(text="a" * 2001))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_text_error"' in html
    assert "at most 2000 characters" in html
    assert not Comment.objects.exists()


def test_too_many_links_is_a_field_error(client, post):
    text = "https://a.example https://b.example www.c.example"
    response = client.post(post.url, comment_data(text=text))
    assert response.status_code == 400
    assert "at most 2 links" in response.content.decode()
    two = client.post(post.url, comment_data(text="https://a.example and www.b.example"))
    assert two.status_code == 302


def test_missing_fields_are_field_errors_and_nothing_valid_is_lost(client, post):
    response = client.post(post.url, comment_data(name="", email="not-an-address"))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_name_error"' in html
    assert 'id="id_email_error"' in html
    assert "Stairs feel easier already." in html  # the comment text is still there
    assert 'value="not-an-address"' in html
    assert not Comment.objects.exists()


def test_blank_text_is_refused(client, post):
    response = client.post(post.url, comment_data(text="   \n  "))
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_rate_limit_per_address(client, post, settings):
    settings.BLOG_COMMENT_RATE_LIMIT = "2/h"
    for n in range(2):
        assert client.post(post.url, comment_data(text=f"Comment {n}")).status_code == 302
    response = client.post(post.url, comment_data(text="One more"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "several comments in a short time" in html
    assert "One more" in html
    assert Comment.objects.count() == 2
    # Another address is not affected.
    other = client.post(post.url, comment_data(text="Hello"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_other_methods_are_refused(client, post):
    assert client.put(post.url).status_code == 405


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "Priya\u202e"), ("text", "Nice\x00post"), ("text", "a \u2066b\u2069 c")],
)
def test_control_and_bidi_characters_are_a_field_error(client, post, field, value):
    response = client.post(post.url, comment_data(**{field: value}))
    assert response.status_code == 400
    assert "invisible control or text-direction characters" in response.content.decode()
    assert Comment.objects.count() == 0


def test_accents_emoji_and_cjk_in_a_comment_are_kept(client, post):
    client.post(post.url, comment_data(name="Zoë 中文", text="Très bien 😀\n膝が楽になった"))
    comment = Comment.objects.get()
    assert comment.text == "Très bien 😀\n膝が楽になった"
