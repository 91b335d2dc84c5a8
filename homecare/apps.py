"""Home programmes: a programme built for one patient from the library, sent by signed link."""

from django.apps import AppConfig


class HomecareConfig(AppConfig):
    name = "homecare"
    verbose_name = "Home programmes"

    def ready(self) -> None:
        from core.patient_data import register_patient_data
        from homecare.patient_data import SECTION, programmes_erase, programmes_export

        # Part of the patient's export and erasure (booking's patient record).
        register_patient_data(SECTION, export=programmes_export, erase=programmes_erase)
