"""Background work of the core app, run through django-tasks."""

from django.core.mail import EmailMessage
from django_tasks import task
from wagtail.contrib.forms.models import FormSubmission


@task()
def send_contact_notification(*, submission_id: int) -> None:
    submission = FormSubmission.objects.select_related("page").get(pk=submission_id)
    page = submission.page.specific
    data = submission.get_data()
    lines, reply_to = [], None
    for field in page.get_form_fields():
        value = data.get(field.clean_name, "")
        if isinstance(value, list):
            value = ", ".join(value)
        lines.append(f"{field.label}: {value}")
        if field.field_type == "email" and value and reply_to is None:
            reply_to = [value]
    EmailMessage(
        subject=page.subject or f"New message from {page.title}",
        body="\n".join(lines),
        from_email=page.from_address or None,
        to=[a.strip() for a in page.to_address.split(",") if a.strip()],
        reply_to=reply_to,
    ).send()
