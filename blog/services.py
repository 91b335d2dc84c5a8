"""Writes of the blog. Each runs in a transaction; e-mail is written to the outbox inside it and
sent by the worker after commit."""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django_ratelimit.core import is_ratelimited

from blog.models import BlogPostPage, Comment, CommentStatus
from blog.selectors import comment_moderator_emails
from core.outbox.services import outbox_enqueue
from core.page_cache import purge_pages_on_commit


class RateLimited(Exception):
    """Too many comments from one address."""


def comment_rate_limited(*, request: HttpRequest, increment: bool) -> bool:
    return bool(
        is_ratelimited(
            request,
            group="blog-comment",
            key="ip",
            rate=settings.BLOG_COMMENT_RATE_LIMIT,
            method="POST",
            increment=increment,
        )
    )


def hash_ip(address: str) -> str:
    """A keyed hash of the sender's address: repeat senders stand out, the address is not kept."""
    if not address:
        return ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"blog-comment:{address}".encode(), hashlib.sha256).hexdigest()


def comment_submit(
    *, post: BlogPostPage, name: str, email: str, text: str, request: HttpRequest
) -> Comment:
    """Store a reader's comment, held for moderation, and tell the moderators after commit.

    Raises RateLimited when this address has posted too many comments recently.
    """
    if comment_rate_limited(request=request, increment=True):
        raise RateLimited
    with transaction.atomic():
        comment = Comment.objects.create(
            post=post,
            name=name,
            email=email,
            text=text,
            status=CommentStatus.PENDING,
            ip_hash=hash_ip(request.META.get("REMOTE_ADDR", "")),
        )
        _queue_moderator_notification(comment=comment, post=post)
    return comment


def _queue_moderator_notification(*, comment: Comment, post: BlogPostPage) -> None:
    """Tell the moderators a comment is waiting, with a link to the moderation list."""
    recipients = comment_moderator_emails(site=post.get_site())
    if not recipients:
        return
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    list_url = base + reverse("wagtailsnippets_blog_comment:list") + "?status=pending"
    body = "\n".join(
        [
            f"{comment.name} commented on “{post.title}”:",
            "",
            comment.text,
            "",
            "It stays hidden until a moderator approves it:",
            list_url,
        ]
    )
    outbox_enqueue(
        kind="comment",
        reference=f"comment-{comment.pk}",
        to=recipients,
        subject=f"New comment awaiting moderation: {post.title}",
        text=body,
    )


def comment_staff_reply(
    *,
    post: BlogPostPage,
    text: str,
    user: Any,
    name: str = "",
    reply_to: Comment | None = None,
) -> Comment:
    """A reply written by the practice in the admin: approved at once, marked as staff."""
    with transaction.atomic():
        return Comment.objects.create(
            post=post,
            reply_to=reply_to,
            name=name or user.get_full_name() or user.get_username(),
            email=user.email or "",
            text=text,
            status=CommentStatus.APPROVED,
            is_staff_reply=True,
            author_user=user,
            moderated_at=timezone.now(),
            moderated_by=user,
        )


def _moderate(comments: Any, *, status: str, user: Any) -> int:
    ids = [c.pk for c in comments]
    with transaction.atomic():
        # A bulk update sends no model signal: the posts' cached pages are purged here.
        purge_pages_on_commit(reason=f"comments moderated: {status}")
        return Comment.objects.filter(pk__in=ids).update(
            status=status, moderated_at=timezone.now(), moderated_by=user
        )


def comment_approve(*, comments: Any, user: Any = None) -> int:
    """Show these comments on their posts. Returns how many were changed."""
    return _moderate(comments, status=CommentStatus.APPROVED, user=user)


def comment_reject(*, comments: Any, user: Any = None) -> int:
    """Hide these comments (kept for the record, never shown)."""
    return _moderate(comments, status=CommentStatus.REJECTED, user=user)


def comment_mark_spam(*, comments: Any, user: Any = None) -> int:
    """Hide these comments as spam."""
    return _moderate(comments, status=CommentStatus.SPAM, user=user)
