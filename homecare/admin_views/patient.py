"""The patient's home programmes on booking's patient record page (booking's
`register_patient_record_panels` hook): the ones this user may see, newest first, each with its
link's state and its adherence grid. A practitioner sees the programmes they built; Reception
and superusers see all of them."""

from typing import Any

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from homecare.admin_views.programmes import link_state
from homecare.models import HomeProgramme


class PatientProgrammesPanel(Component):
    template_name = "homecare/admin/patient_programmes.html"

    def __init__(self, *, programmes: list[HomeProgramme], sees_all: bool) -> None:
        self.programmes = programmes
        self.sees_all = sees_all

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        now = timezone.now()
        rows = [
            {
                "programme": programme,
                "link": link_state(programme, now),
                "inspect_url": reverse("homecare_programme:inspect", args=[programme.pk]),
                "adherence_url": reverse("homecare_programme_adherence", args=[programme.pk]),
            }
            for programme in self.programmes
        ]
        return {"rows": rows, "sees_all": self.sees_all}
