"""Admin: the taxonomy and caution snippets under one 'Exercise library' menu, and the
'Due for clinical review' report with its dashboard count."""

from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from exercises import selectors
from exercises.admin_views import ReviewDueReport
from exercises.models import BodyArea, Caution, Equipment, ExerciseCategory, Tissue


class TaxonomyViewSet(SnippetViewSet):
    # Small tables: plain ORM search over search_fields (the SQLite full-text backend cannot
    # restrict an autocomplete to named fields).
    search_backend_name = None


class ExerciseCategoryViewSet(TaxonomyViewSet):
    model = ExerciseCategory
    icon = "folder-open-inverse"
    menu_label = "Categories"
    list_display = ["name", "slug", "description"]
    search_fields = ["name", "description"]
    ordering = ["name"]


class BodyAreaViewSet(TaxonomyViewSet):
    model = BodyArea
    icon = "user"
    menu_label = "Body areas"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class TissueViewSet(TaxonomyViewSet):
    model = Tissue
    icon = "pick"
    menu_label = "Muscles and tissues"
    list_display = ["name", "body_area", "also_known_as"]
    search_fields = ["name", "also_known_as"]
    list_filter = ["body_area"]
    ordering = ["name"]


class EquipmentViewSet(TaxonomyViewSet):
    model = Equipment
    icon = "cog"
    menu_label = "Equipment"
    list_display = ["name", "size", "firmness", "slug"]
    search_fields = ["name", "size"]
    list_filter = ["firmness"]
    ordering = ["name", "size"]


class CautionViewSet(TaxonomyViewSet):
    model = Caution
    icon = "warning"
    menu_label = "Cautions"
    list_display = ["title", "kind", "text"]
    search_fields = ["title", "text"]
    list_filter = ["kind"]
    ordering = ["kind", "title"]


class ExerciseLibraryGroup(SnippetViewSetGroup):
    menu_label = "Exercise library"
    menu_icon = "list-ul"
    menu_order = 250
    items = (
        ExerciseCategoryViewSet,
        BodyAreaViewSet,
        TissueViewSet,
        EquipmentViewSet,
        CautionViewSet,
    )


register_snippet(ExerciseLibraryGroup)


# --- clinical review ------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def review_report_urls():
    view = ReviewDueReport.as_view()
    results = ReviewDueReport.as_view(results_only=True)
    return [
        path("reports/clinical-review/", view, name="exercises_review_due"),
        path("reports/clinical-review/results/", results, name="exercises_review_due_results"),
    ]


@hooks.register("register_reports_menu_item")
def review_report_menu_item():
    return MenuItem(
        "Due for clinical review",
        reverse("exercises_review_due"),
        name="clinical-review",
        icon_name="calendar-alt",
        order=700,
    )


class ReviewDuePanel(Component):
    name = "exercises_review_due"
    template_name = "exercises/admin/review_due_panel.html"
    order = 95

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        return {
            "count": selectors.exercises_due_for_review(today=today).count(),
            "report_url": reverse("exercises_review_due"),
        }


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin"):
        panels.append(ReviewDuePanel())
