"""Reader comments, held for moderation, and the practice's replies."""

from django.conf import settings
from django.db import models
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel

COMMENT_MAX_LENGTH = 2000
COMMENT_NAME_MAX_LENGTH = 80


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Awaiting moderation"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    SPAM = "spam", "Spam"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)


class Comment(models.Model):
    """A comment on a post. Readers' comments stay invisible until a moderator approves them;
    the text is plain text, escaped when shown. Created only through blog.services."""

    post = models.ForeignKey(
        "blog.BlogPostPage",
        on_delete=models.CASCADE,
        related_name="comments",
        help_text="The post the comment belongs to.",
    )
    reply_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the comment this answers.",
    )
    name = models.CharField(max_length=COMMENT_NAME_MAX_LENGTH, help_text="Shown with the comment.")
    email = models.EmailField(
        blank=True, help_text="For the practice to reply privately; never shown on the site."
    )
    text = models.TextField(
        max_length=COMMENT_MAX_LENGTH, help_text="Plain text; links are not made clickable."
    )
    status = models.CharField(
        max_length=10,
        choices=CommentStatus.choices,
        default=CommentStatus.PENDING,
        db_index=True,
        help_text="Only approved comments are shown on the post.",
    )
    is_staff_reply = models.BooleanField(
        default=False,
        verbose_name="from the practice",
        help_text="Written by the practice in the admin; marked as such on the post.",
    )
    author_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The staff member who wrote a reply.",
    )
    ip_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="A keyed hash of the sender's address, to spot repeat senders without storing it.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CommentQuerySet.as_manager()

    panels = [FieldPanel("post"), FieldPanel("reply_to"), FieldPanel("name"), FieldPanel("text")]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "comment"
        indexes = [models.Index(fields=["post", "status", "created_at"])]

    def __str__(self):
        return f"{self.name}: {Truncator(self.text).chars(60)}"

    @property
    def excerpt(self) -> str:
        return Truncator(self.text).chars(120)
