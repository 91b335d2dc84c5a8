from typing import TYPE_CHECKING

from django.apps import AppConfig

from core.cards import register_featured, register_home_child


class ExercisesConfig(AppConfig):
    name = "exercises"

    def ready(self):
        register_home_child("exercises.ExerciseIndexPage")
        register_featured(
            "exercises", "exercises.ExercisePage", "exercises.RoutinePage", "exercises.ProgramPage"
        )


if TYPE_CHECKING:
    # For the type checker: the library's pages offer what other apps' cards show (core.cards).
    from core.cards import CardPage, ExerciseCard, RoutineCard
    from exercises.models import ExercisePage, ProgramPage, RoutinePage

    _exercise_card: type[ExerciseCard] = ExercisePage
    _routine_card: type[RoutineCard] = RoutinePage
    _program_card: type[CardPage] = ProgramPage
