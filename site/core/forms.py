from django import forms

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
