"""Writes of the blog: comments are stored in a transaction and moderators hear of them only
after it commits."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import RequestFactory

from blog import services
from blog.models import Comment, CommentStatus
from tests.blog.factories import CommentFactory
from tests.factories import SuperUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_from():
    def build(address="203.0.113.7"):
        return RequestFactory().post("/", REMOTE_ADDR=address)

    return build


def submit(post, request, text="Helpful, thanks."):
    return services.comment_submit(
        post=post, name="Ana", email="ana@example.com", text=text, request=request
    )


def test_submit_holds_for_moderation_and_mails_after_commit(
    post, request_from, django_capture_on_commit_callbacks
):
    SuperUserFactory(username="boss", email="boss@example.com")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        comment = submit(post, request_from())
        assert mail.outbox == []  # nothing leaves before commit
    assert comment.status == CommentStatus.PENDING
    assert comment.ip_hash == services.hash_ip("203.0.113.7")
    assert len(comment.ip_hash) == 64
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["boss@example.com"]]
    assert "Ana commented on" in mail.outbox[0].body
    assert "ana@example.com" not in mail.outbox[0].body


def test_no_mail_when_the_transaction_rolls_back(post, request_from):
    SuperUserFactory(username="boss", email="boss@example.com")

    class Boom(Exception):
        pass

    def submit_then_fail():
        with transaction.atomic():
            submit(post, request_from())
            raise Boom

    with pytest.raises(Boom):
        submit_then_fail()
    assert not Comment.objects.exists()
    assert mail.outbox == []


def test_rate_limit_raises_and_stores_nothing(post, request_from, settings):
    settings.BLOG_COMMENT_RATE_LIMIT = "1/h"
    submit(post, request_from())
    with pytest.raises(services.RateLimited):
        submit(post, request_from(), text="Again")
    assert Comment.objects.count() == 1
    submit(post, request_from("198.51.100.2"), text="Someone else")
    assert Comment.objects.count() == 2


def test_moderation_services(post):
    moderator = SuperUserFactory(username="mod")
    comments = [CommentFactory(post=post, status=CommentStatus.PENDING) for _ in range(3)]
    assert services.comment_approve(comments=comments[:2], user=moderator) == 2
    assert services.comment_reject(comments=[comments[2]], user=moderator) == 1
    assert services.comment_mark_spam(comments=[comments[0]], user=moderator) == 1
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert [statuses[c.pk] for c in comments] == ["spam", "approved", "rejected"]
    assert Comment.objects.filter(moderated_by=moderator).count() == 3


def test_hash_ip_is_keyed_and_empty_for_no_address(settings):
    first = services.hash_ip("203.0.113.7")
    settings.SECRET_KEY = "another-key"
    assert services.hash_ip("203.0.113.7") != first
    assert services.hash_ip("") == ""
