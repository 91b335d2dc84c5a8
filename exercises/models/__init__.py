"""Models of the exercise library: taxonomy snippets, the library, exercise, routine and
programme pages, and the library's site settings."""

from exercises.models.collections import ProgramDay, ProgramPage, RoutineItem, RoutinePage
from exercises.models.pages import (
    DIFFICULTY_CHOICES,
    POSITION_CHOICES,
    ExerciseEquipment,
    ExerciseIndexPage,
    ExercisePage,
    ExercisePageTag,
    RelatedExercise,
)
from exercises.models.settings import ExerciseSettings
from exercises.models.taxonomy import (
    BodyArea,
    Caution,
    CautionItem,
    Equipment,
    ExerciseCategory,
    Tissue,
)

__all__ = [
    "DIFFICULTY_CHOICES",
    "POSITION_CHOICES",
    "BodyArea",
    "Caution",
    "CautionItem",
    "Equipment",
    "ExerciseCategory",
    "ExerciseEquipment",
    "ExerciseIndexPage",
    "ExercisePage",
    "ExercisePageTag",
    "ExerciseSettings",
    "ProgramDay",
    "ProgramPage",
    "RelatedExercise",
    "RoutineItem",
    "RoutinePage",
    "Tissue",
]
