"""What the apps hold about a patient beyond booking's own records, for the patient's export and
erasure (issue 7's data rights), without booking importing the apps that sit above it.

An app registers a section from its AppConfig.ready(): `export(patient_id)` returns the
section's records as plain JSON values (one dict per record; a record's "id" names it in the
CSV's item column) and `erase(patient_id)` removes them. booking's export includes every
registered section, and its erase calls every eraser inside the erase's transaction.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Exporter = Callable[[int], list[dict[str, Any]]]
Eraser = Callable[[int], None]


@dataclass(frozen=True)
class PatientDataSection:
    name: str
    export: Exporter
    erase: Eraser


SECTIONS: dict[str, PatientDataSection] = {}


def register_patient_data(name: str, *, export: Exporter, erase: Eraser) -> None:
    """Add a section to every patient's export and erasure. Registering a name again replaces
    it (ready() may run twice in tests)."""
    SECTIONS[name] = PatientDataSection(name=name, export=export, erase=erase)


def patient_data_export(patient_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every registered section's records for one patient, by section name."""
    return {name: section.export(patient_id) for name, section in SECTIONS.items()}


def patient_data_erase(patient_id: int) -> None:
    """Run every registered eraser for one patient (inside the caller's transaction)."""
    for section in SECTIONS.values():
        section.erase(patient_id)
