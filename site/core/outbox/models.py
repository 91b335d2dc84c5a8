"""The outbox row: one e-mail, its content, and where its delivery stands."""

from __future__ import annotations

from typing import Any

from django.db import models


class OutboxMessage(models.Model):
    """One e-mail the site sends. Written inside the transaction that caused it; a worker sends
    it after commit, and a failure keeps the row with its error until the next attempt."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (will retry)"
        GAVE_UP = "gave_up", "Failed (gave up; retry by hand)"

    kind = models.CharField(
        max_length=40,
        help_text="What the e-mail is, e.g. confirmation, reminder, comment, contact.",
    )
    reference = models.CharField(
        max_length=40,
        blank=True,
        db_index=True,
        help_text="What it is about, e.g. a booking reference; used to find an e-mail.",
    )
    from_email = models.CharField(
        max_length=254, blank=True, help_text="Sender; empty means the site's default sender."
    )
    to = models.CharField(max_length=500, help_text="Comma-separated addresses.")
    reply_to = models.CharField(
        max_length=500, blank=True, help_text="Comma-separated reply-to addresses, if any."
    )
    subject = models.CharField(max_length=200, help_text="Subject line.")
    text = models.TextField(help_text="Plain-text body.")
    html = models.TextField(blank=True, help_text="HTML body, sent as an alternative, if any.")
    attachment = models.TextField(blank=True, help_text="Text of one attachment, if any.")
    attachment_name = models.CharField(
        max_length=80, blank=True, help_text="File name of the attachment."
    )
    attachment_type = models.CharField(
        max_length=80, blank=True, help_text="MIME type of the attachment."
    )
    status = models.CharField(
        max_length=10,
        choices=State.choices,
        default=State.PENDING,
        help_text="Where delivery stands.",
    )
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times sending was tried."
    )
    last_error = models.TextField(blank=True, help_text="Why the last attempt failed.")
    created_at = models.DateTimeField(auto_now_add=True, help_text="When it was written.")
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="Not sent before this time (back-off after a failure)."
    )
    claimed_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="A sender is working on it until this time; nobody else takes it meanwhile.",
    )
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When it was sent.")

    panels: list[Any] = []

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "outbox e-mail"
        verbose_name_plural = "outbox"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx")]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    @property
    def recipients(self) -> list[str]:
        return split_addresses(self.to)


def split_addresses(value: str) -> list[str]:
    return [a.strip() for a in (value or "").split(",") if a.strip()]
