from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

HONEYPOT_FIELD = "website"


class HoneypotField(forms.CharField):
    """A field people never see (hidden by CSS, skipped by keyboard and screen readers)."""

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            label="Leave this field empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
            **kwargs,
        )


def add_honeypot(form):
    form.fields[HONEYPOT_FIELD] = HoneypotField()
    return form


def honeypot_tripped(form) -> bool:
    return bool(form.data.get(HONEYPOT_FIELD, "").strip())


class SiteSettingsForm(WagtailAdminModelForm):
    """The practice settings form: warns at the offer code when no active promo code has that
    name, since every booking link would then carry a code the booking page refuses. A warning,
    not an error: the editor may be about to create the code."""

    OFFER_CODE_WARNING = (
        "Warning: no active promo code “{code}” exists, so booking links carry a code the "
        "booking page refuses. Create it under Bookings › Promo codes, or fix the spelling."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from core.selectors import offer_code_is_active

        field = self.fields.get("offer_code")
        code = (self.data.get("offer_code") if self.is_bound else self.instance.offer_code) or ""
        code = code.strip()
        self.offer_code_warning = ""
        if field is not None and code and not offer_code_is_active(code=code):
            self.offer_code_warning = self.OFFER_CODE_WARNING.format(code=code)
            field.help_text = f"{self.offer_code_warning} {field.help_text}"
