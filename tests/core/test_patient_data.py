"""The registry through which apps above booking add to a patient's export and erasure."""

import pytest

from core import patient_data


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(patient_data, "SECTIONS", {})
    return patient_data


def test_export_holds_every_registered_section(registry):
    registry.register_patient_data(
        "notes", export=lambda pk: [{"id": pk, "text": "hi"}], erase=lambda pk: None
    )
    assert registry.patient_data_export(7) == {"notes": [{"id": 7, "text": "hi"}]}


def test_erase_calls_every_registered_eraser(registry):
    erased = []
    registry.register_patient_data("a", export=lambda pk: [], erase=erased.append)
    registry.register_patient_data("b", export=lambda pk: [], erase=erased.append)
    registry.patient_data_erase(3)
    assert erased == [3, 3]


def test_registering_a_name_again_replaces_it(registry):
    registry.register_patient_data("a", export=lambda pk: [{"v": 1}], erase=lambda pk: None)
    registry.register_patient_data("a", export=lambda pk: [{"v": 2}], erase=lambda pk: None)
    assert registry.patient_data_export(1) == {"a": [{"v": 2}]}
