"""Reads of the exercise library: the library's search (`library`) and the reads behind its
pages (`pages`). Every function runs a fixed number of queries whatever the size of the library.
"""

from exercises.selectors.library import (
    ActiveFilter,
    Facet,
    LibraryResult,
    Option,
    library_search,
    parse_library_params,
)
from exercises.selectors.pages import (
    REVIEW_WARNING_DAYS,
    DayView,
    ExerciseTerms,
    exercise_cautions,
    exercise_terms,
    exercises_due_for_review,
    library_collections,
    library_page_size,
    library_url_for,
    own_cautions_of,
    program_day_items,
    program_days,
    progression_chain,
    related_exercises,
)

__all__ = [
    "REVIEW_WARNING_DAYS",
    "ActiveFilter",
    "DayView",
    "ExerciseTerms",
    "Facet",
    "LibraryResult",
    "Option",
    "exercise_cautions",
    "exercise_terms",
    "exercises_due_for_review",
    "library_collections",
    "library_page_size",
    "library_search",
    "library_url_for",
    "own_cautions_of",
    "parse_library_params",
    "program_day_items",
    "program_days",
    "progression_chain",
    "related_exercises",
]
