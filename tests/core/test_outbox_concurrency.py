"""Two (or more) senders at once never send the same e-mail twice: threads, each with its own
database connection, run the real claim. On PostgreSQL rows are locked with skip_locked; on
SQLite the IMMEDIATE transaction serialises the claims. Run on both (DATABASE_URL=postgres://...)."""

import time
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import OperationalError
from django.db.models import QuerySet

from core.models import OutboxMessage
from core.outbox import services
from core.outbox.services import outbox_send
from tests.concurrency import race

pytestmark = pytest.mark.django_db(transaction=True)


class SlowBackend(EmailBackend):
    """A mail server that takes a moment per message, so the senders overlap."""

    def send_messages(self, messages):
        time.sleep(0.02)
        return super().send_messages(messages)


def pending(count):
    return [
        OutboxMessage.objects.create(
            kind="confirmation", to=f"p{n}@example.com", subject=f"Booked {n}", text="See you"
        )
        for n in range(count)
    ]


def test_four_senders_share_the_outbox_and_each_email_leaves_once(settings):
    settings.EMAIL_BACKEND = "tests.core.test_outbox_concurrency.SlowBackend"
    pending(24)
    results = race(4, lambda i: outbox_send())
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sum(sent for sent, _failed in results) == 24
    assert len(mail.outbox) == 24
    assert len({m.to[0] for m in mail.outbox}) == 24
    assert OutboxMessage.objects.filter(status=OutboxMessage.State.SENT).count() == 24


def test_senders_racing_for_one_email_send_it_once(settings):
    settings.EMAIL_BACKEND = "tests.core.test_outbox_concurrency.SlowBackend"
    (message,) = pending(1)
    results = race(4, lambda i: outbox_send(message_ids=[message.pk], force=True))
    assert sorted(results) == [(0, 0), (0, 0), (0, 0), (1, 0)]
    assert len(mail.outbox) == 1


class DatabaseRestartsAfterSMTP(EmailBackend):
    """SMTP accepts the e-mail, then the database drops the connection (a restart): the next
    write on it fails once."""

    def send_messages(self, messages):
        sent = super().send_messages(messages)

        def broken_once(queryset, **fields):
            patcher.stop()
            raise OperationalError("the connection is closed")

        patcher = mock.patch.object(QuerySet, "update", broken_once)
        patcher.start()
        return sent


def test_an_email_sent_while_the_database_restarts_is_recorded_and_not_sent_again(
    settings, monkeypatch
):
    settings.EMAIL_BACKEND = "tests.core.test_outbox_concurrency.DatabaseRestartsAfterSMTP"
    monkeypatch.setattr(services, "RECORD_WAITS", (0,), raising=False)
    (message,) = pending(1)
    assert outbox_send() == (1, 0)
    message.refresh_from_db()
    assert message.status == OutboxMessage.State.SENT
    assert message.claimed_until is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_outbox", "--now")
    assert len(mail.outbox) == 1
