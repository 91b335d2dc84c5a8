"""Factories for home programmes. A programme is built for a patient and a practitioner; items
point at an exercise (or a routine) of the library, with the patient's own dosage on top."""

from datetime import date

import factory

from homecare.models import HomeProgramme, HomeProgrammeItem, HomeProgrammeTick
from tests.booking.factories import PatientFactory, PractitionerFactory


class HomeProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HomeProgramme

    patient = factory.SubFactory(PatientFactory)
    practitioner = factory.SubFactory(PractitionerFactory)
    title = "Your knee programme"
    note = "Little and often. Stop if the pain is sharp."
    start_date = date(2026, 12, 1)
    review_in_days = 14


class HomeProgrammeItemFactory(factory.django.DjangoModelFactory):
    """Give it exercise=<ExercisePage> or routine=<RoutinePage>."""

    class Meta:
        model = HomeProgrammeItem

    programme = factory.SubFactory(HomeProgrammeFactory)
    sort_order = factory.Sequence(int)


class HomeProgrammeTickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HomeProgrammeTick

    item = factory.SubFactory(HomeProgrammeItemFactory)
    day = date(2026, 12, 1)
