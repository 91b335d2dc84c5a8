"""Home programmes in a patient's export and erasure (registered in core.patient_data from
HomecareConfig.ready()): the programmes with their items (exercise or routine, the patient's
dosage, the note) and the days ticked done; erasing deletes them, items and ticks with them."""

from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from wagtail.models import ModelLogEntry

from homecare.models import HomeProgramme, HomeProgrammeItem
from homecare.selectors_admin import item_label

SECTION = "home_programmes"


def _iso(value: date | datetime | None) -> str:
    return value.isoformat() if value else ""


def _item(item: HomeProgrammeItem) -> dict[str, Any]:
    return {
        "what": item_label(item),
        "kind": "exercise" if item.exercise_id else "routine",
        "dosage": item.dosage.as_text,
        "note": item.note,
        "days_done": [_iso(tick.day) for tick in item.ticks.all()],
    }


def programmes_export(patient_id: int) -> list[dict[str, Any]]:
    """The patient's programmes as plain values, in three queries however many there are."""
    items = HomeProgrammeItem.objects.select_related("exercise", "routine").prefetch_related(
        "ticks"
    )
    programmes = (
        HomeProgramme.objects.filter(patient_id=patient_id)
        .select_related("practitioner")
        .prefetch_related(Prefetch("items", queryset=items.order_by("sort_order", "pk")))
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": programme.pk,
            "title": programme.title,
            "note": programme.note,
            "practitioner": programme.practitioner.name,
            "start_date": _iso(programme.start_date),
            "review_in_days": programme.review_in_days,
            "created_at": _iso(programme.created_at),
            "link_sent_at": _iso(programme.sent_at),
            "link_expires_at": _iso(programme.expires_at),
            "link_revoked_at": _iso(programme.revoked_at),
            "items": [_item(item) for item in programme.items.all()],
        }
        for programme in programmes
    ]


def programmes_erase(patient_id: int) -> None:
    """Delete the patient's programmes; their items and ticks go with them, and so do the admin's
    history entries of them (their labels name the patient)."""
    programmes = HomeProgramme.objects.filter(patient_id=patient_id)
    ids = [str(pk) for pk in programmes.values_list("pk", flat=True)]
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(HomeProgramme), object_id__in=ids
    ).delete()
    programmes.delete()
