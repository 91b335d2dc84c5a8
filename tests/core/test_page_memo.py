"""Pages built outside the page cache: what every page reads is kept per cache generation
(core.page_cache.memo), so each public page stays within 10 warm queries however much content
there is, and a purge (publish, a setting saved) shows the change on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import SiteSettings
from core.page_cache import purge_pages
from tests.blog.factories import (
    AuthorFactory,
    BlogCategoryFactory,
    BlogIndexPageFactory,
    BlogPostPageFactory,
)
from tests.exercises.factories import (
    BodyAreaFactory,
    CategoryFactory,
    ExerciseIndexPageFactory,
    ExercisePageFactory,
    ProgramPageFactory,
    RoutinePageFactory,
    day_items,
)
from tests.factories import ImageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

BUDGET = 10


@pytest.fixture(autouse=True)
def memo_on(settings, tmp_path):
    settings.PAGE_MEMO_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "pages.generation")


@pytest.fixture
def site_tree(home):
    library = ExerciseIndexPageFactory(parent=home, title="Exercises", slug="exercises")
    blog = BlogIndexPageFactory(parent=home, title="Blog", slug="blog")
    StandardPageFactory(parent=home, title="About", slug="about", show_in_menus=True)
    return {"home": home, "library": library, "blog": blog}


def add_content(tree, count, start=0):
    """`count` more exercises (with image, category, area), posts, and one routine and
    programme over them; then a purge, as publishing would."""
    category = CategoryFactory()
    area = BodyAreaFactory()
    blog_category = BlogCategoryFactory(slug=f"category-{start}")
    author = AuthorFactory()
    exercises = []
    for n in range(start, start + count):
        exercises.append(
            ExercisePageFactory(
                parent=tree["library"],
                slug=f"exercise-{n}",
                image=ImageFactory(),
                categories=[category],
                body_areas=[area],
                tag_names=[f"tag-{n}"],
            )
        )
        BlogPostPageFactory(
            parent=tree["blog"],
            slug=f"post-{n}",
            categories=[blog_category],
            tags=[f"tag-{n}"],
            authors=[author],
        )
    RoutinePageFactory(parent=tree["library"], slug=f"routine-{start}", exercises=exercises)
    ProgramPageFactory(
        parent=tree["library"],
        slug=f"programme-{start}",
        days=[{"title": "Day one", "items": day_items(*exercises[:3])}],
    )
    purge_pages(reason="content added")


def warm_queries(client, path) -> int:
    first = client.get(path)
    assert first.status_code == 200, path
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries.captured_queries)


PATHS = [
    "/",
    "/about/",
    "/exercises/",
    "/exercises/exercise-0/",
    "/exercises/routine-0/",
    "/exercises/programme-0/",
    "/blog/",
    "/blog/post-0/",
    "/blog/category/category-0/",
    "/search/?q=exercise",
]


@pytest.fixture
def counts(client, site_tree):
    """Warm queries of every public page with 3 items of each kind, then with 13."""
    add_content(site_tree, 3)
    few = {path: warm_queries(client, path) for path in PATHS}
    add_content(site_tree, 10, start=3)
    many = {path: warm_queries(client, path) for path in PATHS}
    return few, many


def test_every_public_page_within_budget(counts):
    few, many = counts
    over = [(path, n) for found in (few, many) for path, n in found.items() if n > BUDGET]
    assert over == []


def test_every_public_page_flat_as_content_grows(counts):
    few, many = counts
    assert many == few


def test_setting_change_shows_on_next_request(
    client, site_tree, django_capture_on_commit_callbacks
):
    client.get("/about/")
    settings_row = SiteSettings.objects.get()
    settings_row.practice_name = "Cedar Street Physio"
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.save()
    assert "Cedar Street Physio" in client.get("/about/").content.decode()


def test_published_title_shows_on_next_request(
    client, site_tree, django_capture_on_commit_callbacks
):
    add_content(site_tree, 1)
    client.get("/exercises/exercise-0/")
    page = site_tree["library"].get_children().get(slug="exercise-0").specific
    page.title = "Calf stretch against the wall"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "Calf stretch against the wall" in client.get("/exercises/exercise-0/").content.decode()


def test_without_a_purge_the_memo_serves_what_it_built(client, site_tree):
    """The other side of the contract: a change that no signal reports (a queryset update)
    is not seen until something purges, which is why services purge after bulk updates."""
    client.get("/about/")
    SiteSettings.objects.update(practice_name="Not yet shown")
    assert "Not yet shown" not in client.get("/about/").content.decode()


def test_a_view_changing_its_page_does_not_leak_into_the_next_request(client, site_tree):
    """A programme day sets the page's SEO title on the page it serves: a copy per request."""
    add_content(site_tree, 3)
    client.get("/exercises/programme-0/day/1/")
    html = client.get("/exercises/programme-0/").content.decode()
    assert "<title>Day 1:" not in html


def test_unknown_page_is_still_404(client, site_tree):
    client.get("/no-such-page/")
    assert client.get("/no-such-page/").status_code == 404
