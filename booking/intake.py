"""The patient's intake form, built from the questions staff arranged (booking.blocks), and the
answers it yields: plain values, no database."""

from collections.abc import Iterable
from typing import Any, cast

from django import forms

YES_NO = [("yes", "Yes"), ("no", "No")]
ANSWER_MAX_LENGTH = 2000


def _field(kind: str, value: Any) -> forms.Field:
    common: dict[str, Any] = {
        "label": value["label"],
        "help_text": value.get("help_text") or "",
        "required": bool(value.get("required")),
    }
    if kind == "choice_question":
        choices = [(str(i), choice) for i, choice in enumerate(value["choices"])]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == "yes_no_question":
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    widget = forms.Textarea(attrs={"rows": 3}) if value.get("multiline") else forms.TextInput
    return forms.CharField(max_length=ANSWER_MAX_LENGTH, widget=widget, **common)


def intake_form_class(questions: Iterable[tuple[str, Any]]) -> type[forms.Form]:
    """A form with one field per question, named q1, q2, … in the order staff gave.
    `questions` are (block type, value) pairs, e.g. from a StreamField."""
    fields = {f"q{i}": _field(kind, value) for i, (kind, value) in enumerate(questions, start=1)}
    return type("IntakeForm", (forms.Form,), fields)


def answers_from(form: forms.Form) -> list[dict[str, str]]:
    """Each question as the patient saw it, with the answer in words (the choice, not its key)."""
    answers = []
    for name, field in form.fields.items():
        raw = form.cleaned_data.get(name, "")
        if isinstance(field, forms.ChoiceField):
            labels = dict(cast(list[tuple[str, str]], field.choices))
            answer = str(labels.get(raw, "")) if raw else ""
        else:
            answer = str(raw).strip()
        answers.append({"question": str(field.label), "answer": answer})
    return answers
