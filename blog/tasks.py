"""Background work of the blog, run through django-tasks."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django_tasks import task


@task()
def send_comment_notification(*, comment_id: int) -> None:
    """Tell the moderators a comment is waiting, with a link to the moderation list."""
    from blog.models import Comment
    from blog.selectors import comment_moderator_emails

    comment = Comment.objects.select_related("post").filter(pk=comment_id).first()
    if comment is None:
        return
    post = comment.post
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
    EmailMessage(
        subject=f"New comment awaiting moderation: {post.title}",
        body=body,
        to=recipients,
    ).send()
