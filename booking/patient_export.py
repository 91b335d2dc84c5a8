"""One patient's data as plain values (for JSON) and as spreadsheet rows (for CSV): the patient,
the bookings, the intake answers, the consents, the e-mails sent, and every section other apps
registered in core.patient_data (e.g. home programmes). CSV cells that a spreadsheet would run
as a formula are neutralised."""

import csv
import io
from datetime import datetime
from typing import Any

from booking.models import Booking
from booking.selectors.patients import PatientRecord
from core.exports import neutralise_formula
from core.patient_data import patient_data_export

OWN_SECTIONS = {"exported_at", "patient", "bookings", "intake", "consents", "emails"}
CONSENT_LABEL = "Agreed that the practice stores these details for the booking"


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value else ""


def _booking(booking: Booking) -> dict[str, Any]:
    return {
        "reference": booking.reference,
        "status": booking.get_status_display(),
        "start": _iso(booking.start),
        "end": _iso(booking.end),
        "service": booking.service_name,
        "practitioner": booking.practitioner.name,
        "name_given": booking.patient_name,
        "phone_given": booking.patient_phone,
        "notes": booking.notes,
        "staff_notes": booking.staff_notes,
        "price": str(booking.price),
        "promo_code": booking.promo_code_text,
        "discount": str(booking.discount),
        "total": str(booking.total),
        "currency": booking.currency,
        "created_at": _iso(booking.created_at),
        "confirmed_at": _iso(booking.confirmed_at),
        "cancelled_at": _iso(booking.cancelled_at),
    }


def _intake(bookings: list[Booking]) -> list[dict[str, Any]]:
    found = []
    for booking in bookings:
        response = getattr(booking, "intake", None)
        if response is not None:
            found.append(
                {
                    "booking": booking.reference,
                    "submitted_at": _iso(response.submitted_at),
                    "answers": list(response.answers),
                }
            )
    return found


def export_data(record: PatientRecord, *, exported_at: datetime) -> dict[str, Any]:
    data = _own_data(record, exported_at=exported_at)
    for name, records in patient_data_export(record.patient.pk).items():
        if name in data:
            raise ValueError(f"A patient data section may not be called {name!r}.")
        data[name] = records
    return data


def _own_data(record: PatientRecord, *, exported_at: datetime) -> dict[str, Any]:
    patient = record.patient
    return {
        "exported_at": _iso(exported_at),
        "patient": {
            "number": patient.pk,
            "name": patient.name,
            "email": patient.email,
            "phone": patient.phone,
            "known_to_clinic": patient.known_to_clinic,
            "created_at": _iso(patient.created_at),
        },
        "bookings": [_booking(b) for b in record.bookings],
        "intake": _intake(record.bookings),
        "consents": [
            {"booking": b.reference, "consent": CONSENT_LABEL, "at": _iso(b.consent_at)}
            for b in record.bookings
            if b.consent_at
        ],
        "emails": [
            {
                "created_at": _iso(m.created_at),
                "sent_at": _iso(m.sent_at),
                "kind": m.kind,
                "reference": m.reference,
                "subject": m.subject,
                "status": m.get_status_display(),
            }
            for m in record.emails
        ],
    }


def export_rows(data: dict[str, Any]) -> list[list[str]]:
    """The same data in four columns: section, item (a booking reference), field, value."""
    rows = [
        ["section", "item", "field", "value"],
        ["export", "", "exported_at", data["exported_at"]],
    ]
    rows += [["patient", "", key, str(value)] for key, value in data["patient"].items()]
    for booking in data["bookings"]:
        ref = booking["reference"]
        rows += [["booking", ref, key, str(value)] for key, value in booking.items()]
    for intake in data["intake"]:
        rows.append(["intake", intake["booking"], "submitted_at", intake["submitted_at"]])
        rows += [
            ["intake", intake["booking"], a["question"], a["answer"]] for a in intake["answers"]
        ]
    rows += [["consent", c["booking"], c["consent"], c["at"]] for c in data["consents"]]
    for email in data["emails"]:
        rows += [["email", email["reference"], k, str(v)] for k, v in email.items()]
    for name in sorted(data.keys() - OWN_SECTIONS):
        for number, record in enumerate(data[name], start=1):
            item = str(record.get("id", number))
            rows += [[name, item, field, value] for field, value in _flatten(record)]
    return rows


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """A registered section's record as (field, value) pairs; nested lists and dicts get dotted
    field names, e.g. items.1.title."""
    if isinstance(value, dict):
        pairs = [(f"{prefix}.{k}" if prefix else str(k), v) for k, v in value.items()]
    elif isinstance(value, list):
        pairs = [(f"{prefix}.{n}", v) for n, v in enumerate(value, start=1)]
    else:
        return [(prefix, "" if value is None else str(value))]
    if not pairs:
        return [(prefix, "")] if prefix else []
    return [flat for key, item in pairs for flat in _flatten(item, key)]


def export_csv(data: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in export_rows(data):
        writer.writerow([neutralise_formula(cell) for cell in row])
    return buffer.getvalue()
