"""Create pages the way an editor does: by posting the Wagtail admin's add form."""

from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield


def admin_create_page(client, model, parent, data: dict, publish: bool = True):
    """Post the admin 'add page' form and return the created page (asserting it was saved)."""
    url = reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )
    assert client.get(url).status_code == 200
    payload = nested_form_data(data)
    if publish:
        payload["action-publish"] = "action-publish"
    response = client.post(url, payload)
    if response.status_code != 302:
        form = response.context.get("form") if response.context else None
        errors = form.errors.as_json() if form is not None else response.content[:2000]
        raise AssertionError(f"admin did not save the {model.__name__}: {errors}")
    page = model.objects.get(slug=data["slug"])
    assert page.get_parent().pk == parent.pk
    return page


__all__ = ["admin_create_page", "nested_form_data", "streamfield", "verified_login"]


def verified_login(client, user):
    """Sign `user` in as if they had passed both steps: password and a two-factor code.

    Gives the user a confirmed authenticator (if they have none) and marks the session as
    verified with it, the way django_otp.login does after a correct code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user
