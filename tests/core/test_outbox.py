"""The e-mail outbox: queued inside the caller's transaction, sent after commit, kept with its
error and a growing wait when SMTP fails, sent once when it comes back, and handed to a worker
through the database queue."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from core.models import OutboxMessage
from core.outbox.services import outbox_enqueue, outbox_send

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
FAILING = "tests.core.test_outbox.FailingBackend"
DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "email": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}


class FailingBackend(EmailBackend):
    """SMTP that is down: every send raises."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")


def enqueue(capture, **extra):
    fields = {"kind": "contact", "to": ["clinic@example.com"], "subject": "Hi", "text": "Hello"}
    with capture(execute=True):
        return outbox_enqueue(**{**fields, **extra})


def test_an_email_is_written_in_the_transaction_and_sent_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = outbox_enqueue(
            kind="contact", to="a@example.com, b@example.com", subject="Hi", text="Hello"
        )
        assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == OutboxMessage.State.SENT
    assert message.attempts == 1
    assert mail.outbox[0].to == ["a@example.com", "b@example.com"]


def test_no_row_and_no_mail_when_the_transaction_rolls_back():
    class Boom(Exception):
        pass

    def enqueue_then_fail():
        with transaction.atomic():
            outbox_enqueue(kind="contact", to=["a@example.com"], subject="Hi", text="Hello")
            raise Boom

    with pytest.raises(Boom):
        enqueue_then_fail()
    assert not OutboxMessage.objects.exists()


def test_no_recipient_writes_nothing():
    assert outbox_enqueue(kind="contact", to=[], subject="Hi", text="Hello") is None


def test_every_attempt_carries_the_same_message_id(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with time_machine.travel(NOW, tick=False):
        message = enqueue(django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        outbox_send()
    assert mail.outbox[0].extra_headers["Message-ID"].startswith(f"<outbox-{message.pk}.")


def test_failing_smtp_keeps_the_row_with_attempts_error_and_a_later_attempt(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    with time_machine.travel(NOW, tick=False):
        message = enqueue(django_capture_on_commit_callbacks)
    message.refresh_from_db()
    assert message.status == OutboxMessage.State.FAILED
    assert message.attempts == 1
    assert message.last_error == "ConnectionRefusedError: SMTP down"
    assert message.next_attempt_at == NOW + timedelta(seconds=60)
    assert message.claimed_until is None
    assert mail.outbox == []


def test_the_retry_waits_for_the_back_off_then_delivers_once(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    with time_machine.travel(NOW, tick=False):
        message = enqueue(django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOW + timedelta(seconds=59), tick=False):
        assert outbox_send() == (0, 0)
    with time_machine.travel(NOW + timedelta(seconds=60), tick=False):
        assert outbox_send() == (1, 0)
        assert outbox_send(force=True) == (0, 0)
        call_command("send_outbox", "--now")
    message.refresh_from_db()
    assert message.status == OutboxMessage.State.SENT
    assert message.attempts == 2
    assert message.last_error == ""
    assert len(mail.outbox) == 1


def test_the_wait_doubles_after_each_failure_and_then_gives_up(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    settings.OUTBOX_MAX_ATTEMPTS = 3
    with time_machine.travel(NOW, tick=False):
        message = enqueue(django_capture_on_commit_callbacks)
    waits = []
    when = NOW
    for _ in range(2):
        message.refresh_from_db()
        waits.append(message.next_attempt_at - when)
        when = message.next_attempt_at
        with time_machine.travel(when, tick=False):
            outbox_send()
    message.refresh_from_db()
    assert waits == [timedelta(seconds=60), timedelta(seconds=120)]
    assert message.status == OutboxMessage.State.GAVE_UP
    assert message.attempts == 3
    assert message.next_attempt_at is None


def test_send_outbox_command_catches_up_on_everything_due(settings):
    for n in range(3):
        OutboxMessage.objects.create(
            kind="reminder", to=f"p{n}@example.com", subject="Reminder", text="See you"
        )
    call_command("send_outbox")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "p0@example.com",
        "p1@example.com",
        "p2@example.com",
    ]


# --- the database queue and its worker -------------------------------------------------------


def run_worker():
    """The real worker command, once through the queue. It closes stale connections between
    tasks, which would close the test's transaction, so that step is skipped here."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command(
            "db_worker",
            "--backend",
            "email",
            "--batch",
            "--no-reload",
            "--no-startup-delay",
            "-v",
            "0",
        )


def test_with_the_database_queue_the_request_only_queues_and_the_worker_sends(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    message = enqueue(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(backend_name="email").count() == 1
    run_worker()
    message.refresh_from_db()
    assert message.status == OutboxMessage.State.SENT
    assert len(mail.outbox) == 1


def test_a_failed_delivery_queues_its_retry_for_the_end_of_the_wait(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_BACKEND = FAILING
    with time_machine.travel(NOW, tick=False):
        message = enqueue(django_capture_on_commit_callbacks)
        run_worker()
    waiting = DBTaskResult.objects.filter(backend_name="email", status="READY")
    assert [t.run_after for t in waiting] == [NOW + timedelta(seconds=60)]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOW + timedelta(seconds=61), tick=False):
        run_worker()
    message.refresh_from_db()
    assert message.status == OutboxMessage.State.SENT
    assert len(mail.outbox) == 1
