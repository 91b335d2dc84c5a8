"""Staff views of home programmes (the admin): the listing, create and inspect views with the
visibility guard, the link actions, the adherence grid and the copy from the library."""

from homecare.admin_views.actions import adherence_view, revoke_view, send_view
from homecare.admin_views.library import copy_view
from homecare.admin_views.programmes import (
    ADD,
    ProgrammeCreateView,
    ProgrammeEditView,
    ProgrammeIndexView,
    ProgrammeInspectView,
    link_state,
    visible_only,
)

__all__ = [
    "ADD",
    "ProgrammeCreateView",
    "ProgrammeEditView",
    "ProgrammeIndexView",
    "ProgrammeInspectView",
    "adherence_view",
    "copy_view",
    "link_state",
    "revoke_view",
    "send_view",
    "visible_only",
]
