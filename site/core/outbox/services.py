"""Writes of the outbox: queue an e-mail inside the caller's transaction, send due e-mails
exactly once, and let staff retry one.

Exactly once, even with several workers: a sender first claims one row in a short transaction
(`select_for_update(skip_locked=True)` on PostgreSQL; on SQLite the IMMEDIATE transaction takes
the database lock at BEGIN, so claims run one after another), stamping `claimed_until`. It then
talks to SMTP with no lock held and records the outcome only while it still holds the claim.
A claim outlives the slowest possible SMTP exchange (see `claim_seconds`), so nobody else picks
the row up meanwhile; a sender that dies mid-way leaves a claim that simply runs out.
"""

import logging
import time
from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from core.outbox.models import OutboxMessage, split_addresses

logger = logging.getLogger(__name__)

State = OutboxMessage.State
OPEN_STATES = [State.PENDING, State.FAILED]


def max_attempts() -> int:
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", 8)


def claim_seconds() -> int:
    """How long a sender keeps a row: never shorter than a whole SMTP exchange can take (each
    of its ~8 steps may wait EMAIL_TIMEOUT)."""
    timeout = getattr(settings, "EMAIL_TIMEOUT", None) or 60
    return max(getattr(settings, "OUTBOX_CLAIM_SECONDS", 300), int(timeout) * 10)


def backoff(attempts: int) -> timedelta:
    """Wait before attempt `attempts + 1`: the base, doubled after each failure, capped."""
    base = getattr(settings, "OUTBOX_RETRY_BASE_SECONDS", 60)
    cap = getattr(settings, "OUTBOX_RETRY_MAX_SECONDS", 4 * 60 * 60)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def _as_text(addresses: str | Iterable[str] | None) -> str:
    if isinstance(addresses, str):
        addresses = split_addresses(addresses)
    return ", ".join(a for a in (addresses or []) if a)


def outbox_enqueue(
    *,
    kind: str,
    to: str | Iterable[str],
    subject: str,
    text: str,
    html: str = "",
    reference: str = "",
    from_email: str = "",
    reply_to: str | Iterable[str] = (),
    attachment: tuple[str, str, str] | None = None,
) -> OutboxMessage | None:
    """Write one e-mail to the outbox and have the worker send it once the caller's transaction
    commits. `attachment` is (file name, text, MIME type). None when there is no recipient."""
    to = _as_text(to)
    if not to:
        return None
    name, content, mimetype = attachment or ("", "", "")
    with transaction.atomic():
        message = OutboxMessage.objects.create(
            kind=kind[:40],
            reference=reference[:40],
            from_email=from_email[:254],
            to=to[:500],
            reply_to=_as_text(reply_to)[:500],
            subject=" ".join(subject.split())[:200],
            text=text,
            html=html,
            attachment=content,
            attachment_name=name[:80],
            attachment_type=mimetype[:80],
        )
        transaction.on_commit(lambda: schedule_delivery(message_id=message.pk))
    return message


def schedule_delivery(*, message_id: int, run_after: datetime | None = None) -> None:
    """Hand one e-mail to the task queue. Never raises: the row stays in the outbox, and
    `manage.py send_outbox` sends whatever the queue missed."""
    from core.outbox.tasks import deliver_outbox_message

    try:
        task = deliver_outbox_message
        if run_after is not None:
            if not task.get_backend().supports_defer:
                return  # the scheduled `send_outbox` picks it up when its wait is over
            task = task.using(run_after=run_after)
        task.enqueue(message_id=message_id)
    except Exception:
        logger.exception("could not queue e-mail %s; send_outbox will send it", message_id)


def _claim(
    *, message_ids: list[int] | None, exclude: list[int], now: datetime, force: bool
) -> OutboxMessage | None:
    with transaction.atomic():
        rows = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status__in=OPEN_STATES)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .exclude(pk__in=exclude)
        )
        if not force:
            rows = rows.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        if message_ids is not None:
            rows = rows.filter(pk__in=message_ids)
        message = rows.order_by("created_at", "pk").first()
        if message is None:
            return None
        message.claimed_until = now + timedelta(seconds=claim_seconds())
        message.save(update_fields=["claimed_until"])
    return message


def _email(message: OutboxMessage) -> EmailMultiAlternatives:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.text,
        from_email=message.from_email or None,
        to=message.recipients,
        reply_to=split_addresses(message.reply_to) or None,
        # The same Message-ID on every attempt, so a mail server can drop a repeat.
        headers={"Message-ID": f"<outbox-{message.pk}.{message.created_at:%Y%m%d%H%M%S}@{domain}>"},
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    if message.attachment:
        email.attach(
            message.attachment_name or "attachment.txt",
            message.attachment,
            message.attachment_type or "text/plain; charset=utf-8",
        )
    return email


# Seconds between tries to record a sent e-mail after the database connection broke (about 15 s
# in all: a PostgreSQL restart or fail-over), well inside the shortest claim.
RECORD_WAITS = (0.5, 1, 2, 4, 8)


def _record_sent(mine: Any) -> None:
    """SMTP has accepted the e-mail: losing this write would leave the row claimed, and the
    catch-up would send it again once the claim runs out. So a broken database connection is
    retried on a fresh one for a few seconds (never inside a caller's transaction)."""
    fields = {
        "attempts": F("attempts") + 1,
        "status": State.SENT,
        "sent_at": timezone.now(),
        "next_attempt_at": None,
        "claimed_until": None,
        "last_error": "",
    }
    for wait in RECORD_WAITS:
        try:
            mine.update(**fields)
            return
        except DatabaseError as error:
            if connection.in_atomic_block:
                raise
            logger.warning("recording a sent e-mail failed, retrying in %s s: %s", wait, error)
            connection.close()
            time.sleep(wait)
    mine.update(**fields)


def _send_claimed(message: OutboxMessage, *, now: datetime) -> bool:
    mine = OutboxMessage.objects.filter(pk=message.pk, claimed_until=message.claimed_until)
    try:
        _email(message).send(fail_silently=False)
    except Exception as error:  # any backend failure: keep the row and retry later
        attempts = message.attempts + 1
        gave_up = attempts >= max_attempts()
        mine.update(
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            status=State.GAVE_UP if gave_up else State.FAILED,
            next_attempt_at=None if gave_up else now + backoff(attempts),
            claimed_until=None,
        )
        logger.warning("e-mail %s (%s) failed: %s", message.pk, message.kind, error)
        return False
    _record_sent(mine)
    return True


def outbox_send(
    *,
    message_ids: Iterable[int] | None = None,
    now: datetime | None = None,
    force: bool = False,
    limit: int = 200,
) -> tuple[int, int]:
    """Send due e-mails (all, or only `message_ids`), one claimed row at a time; returns
    (sent, failed). `force` ignores the back-off wait (staff retry, `send_outbox --now`)."""
    sent = failed = 0
    tried: list[int] = []
    ids = list(message_ids) if message_ids is not None else None
    while len(tried) < limit:
        current = now or timezone.now()
        message = _claim(message_ids=ids, exclude=tried, now=current, force=force)
        if message is None:
            break
        tried.append(message.pk)
        if _send_claimed(message, now=current):
            sent += 1
        else:
            failed += 1
    return sent, failed


def outbox_retry(*, message: OutboxMessage) -> tuple[int, int]:
    """Staff retry: an e-mail that gave up gets a fresh start and is sent now."""
    OutboxMessage.objects.filter(pk=message.pk).exclude(status=State.SENT).update(
        status=State.PENDING, attempts=0, next_attempt_at=None
    )
    return outbox_send(message_ids=[message.pk], force=True)
