"""Booking e-mails move to the site-wide outbox (core.OutboxMessage): copy every row, keeping
its state, attempts, error and dates, and let the Reception group see and retry the new outbox."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECEPTION = "Reception"
BOOKING_KINDS = [
    "confirmation",
    "staff_new",
    "reminder",
    "cancelled",
    "staff_cancelled",
    "rescheduled",
    "staff_rescheduled",
]
ICS_TYPE = "text/calendar; charset=utf-8"


def forwards(apps, schema_editor):
    Old = apps.get_model("booking", "OutboxMessage")
    New = apps.get_model("core", "OutboxMessage")
    for old in Old.objects.select_related("booking").order_by("pk").iterator():
        new = New.objects.create(
            kind=old.kind,
            reference=old.booking.reference if old.booking_id else "",
            to=old.to,
            subject=old.subject,
            text=old.text,
            html=old.html,
            attachment=old.ics,
            attachment_name=old.ics_filename if old.ics else "",
            attachment_type=ICS_TYPE if old.ics else "",
            status=old.status,
            attempts=old.attempts,
            last_error=old.last_error,
            next_attempt_at=old.next_attempt_at,
            claimed_until=old.claimed_until,
            sent_at=old.sent_at,
        )
        # created_at is stamped on create; keep the original time.
        New.objects.filter(pk=new.pk).update(created_at=old.created_at)

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=RECEPTION).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="core",
                codename__in=["view_outboxmessage", "change_outboxmessage"],
            )
        )


def backwards(apps, schema_editor):
    Old = apps.get_model("booking", "OutboxMessage")
    New = apps.get_model("core", "OutboxMessage")
    Booking = apps.get_model("booking", "Booking")
    bookings = dict(Booking.objects.values_list("reference", "pk"))
    for new in New.objects.filter(kind__in=BOOKING_KINDS).order_by("pk").iterator():
        old = Old.objects.create(
            kind=new.kind,
            booking_id=bookings.get(new.reference),
            to=new.to,
            subject=new.subject,
            text=new.text,
            html=new.html,
            ics=new.attachment if new.attachment_type.startswith("text/calendar") else "",
            ics_filename=new.attachment_name,
            status=new.status,
            attempts=new.attempts,
            last_error=new.last_error,
            next_attempt_at=new.next_attempt_at,
            claimed_until=new.claimed_until,
            sent_at=new.sent_at,
        )
        Old.objects.filter(pk=old.pk).update(created_at=new.created_at)
        new.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("booking", "0003_reception_group"),
        ("core", "0003_outbox_message"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
