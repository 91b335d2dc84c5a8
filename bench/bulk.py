"""Fill a bench database with many exercises and blog posts, fast, as real Wagtail pages.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_big \\
        .venv/bin/python bench/bulk.py [--exercises 10000] [--posts 10000] [--force]

Needs the demo loaded first (`manage.py load_demo`): the new pages are copies of the demo's
exercises and posts (steps, cautions, body, images, categories, tags, equipment, authors) under the
demo's exercise library and blog page, with their own titles, slugs and dates. Published, with
no revision (as a page imported from elsewhere), and indexed for site search at the end.

Speed: `parent.add_child()` per page takes a lock, reads the last child and writes the parent
for every page (minutes for 10,000). Here the tree paths are computed up front (treebeard's
materialised path: the parent's path plus a 4-character step per level), the Page rows go in
with one bulk insert per batch, the page-type rows and the many-to-many/tag/author rows with
bulk inserts too, and the parent's numchild is set once. The search index is filled with the
backend's bulk call (what `manage.py update_index` does) for the new pages only.

It refuses to write to a database whose name does not contain "bench" or "big" unless
--force is given, so it cannot fill a real practice's database by mistake.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "site"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

BATCH = 1000
WORDS = [
    *("gentle", "knee", "hip", "shoulder", "neck", "calf", "foam", "roller", "release"),
    *("stretch", "mobility", "strength", "posture", "desk", "runner", "ankle", "wrist"),
    *("breathing", "balance", "glute", "hamstring", "quad", "back"),
]


def title_for(kind: str, n: int) -> str:
    a, b, c = WORDS[n % len(WORDS)], WORDS[(n // 7) % len(WORDS)], WORDS[(n // 49) % len(WORDS)]
    return f"{kind} {n}: {a} {b} {c}".capitalize()


def tree_paths(parent, count: int) -> list[str]:
    """The materialised paths of `count` new children after the parent's last child."""
    last = parent.get_last_child()
    start = parent._str2int(last.path[-parent.steplen :]) + 1 if last else 1
    return [parent._get_path(parent.path, parent.depth + 1, start + i) for i in range(count)]


def page_rows(model, parent, templates, count: int, kind: str, extra) -> list:
    """Unsaved page objects copied from the templates, placed under the parent."""
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    skip = {"id", "page_ptr", "path", "depth", "numchild", "title", "draft_title", "slug"}
    skip |= {"url_path", "translation_key", "latest_revision", "live_revision"}
    fields = [f.attname for f in model._meta.concrete_fields if f.name not in skip]
    rows = []
    for i, path in enumerate(tree_paths(parent, count)):
        template = templates[i % len(templates)]
        title = title_for(kind, i + 1)
        slug = f"bench-{kind.lower()}-{i + 1}"
        page = model(**{name: getattr(template, name) for name in fields})
        page.title = page.draft_title = title
        page.slug, page.path, page.depth, page.numchild = slug, path, parent.depth + 1, 0
        page.url_path = f"{parent.url_path}{slug}/"
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now - timedelta(minutes=i)
        page.latest_revision_created_at = None
        extra(page, template, i)
        rows.append(page)
    return rows


def insert_pages(model, parent, rows: list) -> list:
    """Insert the Page rows, then the page type's own rows, in batches; fix the parent."""
    from django.db import transaction
    from wagtail.models import Page

    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    own_fields = list(model._meta.local_concrete_fields)
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            chunk = rows[start : start + BATCH]
            bases = [Page(**{f.attname: getattr(p, f.attname) for f in base_fields}) for p in chunk]
            Page.objects.bulk_create(bases)
            for page, base in zip(chunk, bases, strict=True):
                page.pk = page.id = page.page_ptr_id = base.pk
            model.objects._insert(chunk, fields=own_fields, returning_fields=None)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.get_children().count())
    return rows


def bulk_links(through, rows: list, templates: list, source: str, *copied: str) -> int:
    """Copy each template's link rows (many-to-many, tags, authors) onto its copies.

    `source` is the link's column naming the page; `copied` the columns copied as they are.
    """
    by_template: dict[int, list[dict]] = {}
    wanted = through.objects.filter(**{f"{source}__in": [t.pk for t in templates]})
    for row in wanted.values(source, *copied):
        by_template.setdefault(row.pop(source), []).append(row)
    links = [
        through(**{source: page.pk, **row})
        for i, page in enumerate(rows)
        for row in by_template.get(templates[i % len(templates)].pk, [])
    ]
    through.objects.bulk_create(links, batch_size=BATCH)
    return len(links)


def make_exercises(count: int) -> list:
    from exercises.models import ExerciseEquipment, ExerciseIndexPage, ExercisePage, ExercisePageTag

    parent = ExerciseIndexPage.objects.first()
    templates = list(ExercisePage.objects.live().exclude(slug__startswith="bench-").order_by("pk"))
    if parent is None or not templates:
        raise SystemExit("Load the demo first: manage.py load_demo")

    def extra(page, template, i):
        page.summary = f"{template.summary} (bench copy {i + 1})"
        page.easier_id = page.harder_id = None

    rows = insert_pages(
        ExercisePage, parent, page_rows(ExercisePage, parent, templates, count, "Exercise", extra)
    )
    for name in ("categories", "body_areas", "tissues"):
        field = ExercisePage._meta.get_field(name)
        through = field.remote_field.through
        bulk_links(through, rows, templates, field.m2m_column_name(), field.m2m_reverse_name())
    bulk_links(ExercisePageTag, rows, templates, "content_object_id", "tag_id")
    bulk_links(ExerciseEquipment, rows, templates, "page_id", "equipment_id", "note", "sort_order")
    return rows


def make_posts(count: int) -> list:
    from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage, BlogPostTag

    parent = BlogIndexPage.objects.first()
    templates = list(BlogPostPage.objects.live().exclude(slug__startswith="bench-").order_by("pk"))
    if parent is None or not templates:
        raise SystemExit("Load the demo first: manage.py load_demo")

    def extra(page, template, i):
        page.intro = f"{template.intro} (bench copy {i + 1})"
        page.date = page.first_published_at.date()

    rows = insert_pages(
        BlogPostPage, parent, page_rows(BlogPostPage, parent, templates, count, "Post", extra)
    )
    field = BlogPostPage._meta.get_field("categories")
    through = field.remote_field.through
    bulk_links(through, rows, templates, field.m2m_column_name(), field.m2m_reverse_name())
    bulk_links(BlogPostTag, rows, templates, "content_object_id", "tag_id")
    bulk_links(BlogPostAuthor, rows, templates, "page_id", "author_id", "sort_order")
    return rows


def index_pages(model, rows: list) -> None:
    """Add the new pages to the search index with the backend's bulk call."""
    from wagtail.search.backends import get_search_backends

    pks = [p.pk for p in rows]
    for backend in get_search_backends(with_auto_update=True):
        search_index = backend.get_index_for_model(model)
        for start in range(0, len(pks), BATCH):
            objs = list(model.objects.filter(pk__in=pks[start : start + BATCH]))
            search_index.add_items(model, objs)


def copy_index(model) -> int:
    """Index the bench copies still missing from the database search index by copying their
    template's entry with the copy's own title (PostgreSQL only). Seconds instead of the
    backend's minutes, which prepare every page's text one by one; the copy's "(bench copy N)"
    suffix is left out of its indexed text."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    templates = [
        str(pk)
        for pk in model.objects.live()
        .exclude(slug__startswith="bench-")
        .order_by("pk")
        .values_list("pk", flat=True)
    ]
    kind = model.__name__.replace("Page", "").replace("BlogPost", "Post").lower()
    copies = list(
        model.objects.filter(slug__startswith=f"bench-{kind}-").values_list("pk", "slug", "title")
    )
    rows = [
        (pk, title, templates[(int(slug.rsplit("-", 1)[1]) - 1) % len(templates)])
        for pk, slug, title in copies
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry (content_type_id, object_id, title, autocomplete,"
            " body, title_norm, title_text, body_text)"
            " SELECT e.content_type_id, n.id::text, setweight(to_tsvector(%s::regconfig, n.title),"
            # The template's title weight (its boost): "'knee':3B"; none shown for D.
            " coalesce(substring(e.title::text from ':[0-9]+([ABC])'), 'D')::\"char\"),"
            " to_tsvector(%s::regconfig, n.title), e.body, 1.0, n.title, e.body_text"
            " FROM unnest(%s::int[], %s::text[], %s::text[]) AS n(id, title, tpl)"
            " JOIN wagtailsearch_indexentry e ON e.object_id = n.tpl AND e.content_type_id = %s"
            " ON CONFLICT (content_type_id, object_id) DO NOTHING",
            [
                backend.config or "english",
                backend.autocomplete_config or "simple",
                [r[0] for r in rows],
                [r[1] for r in rows],
                [r[2] for r in rows],
                ContentType.objects.get_for_model(model).pk,
            ],
        )
        added = cursor.rowcount
        cursor.execute(
            "UPDATE wagtailsearch_indexentry SET title_norm = (SELECT avg(length(title))"
            " FROM wagtailsearch_indexentry WHERE length(title) > 0) / length(title)"
            " WHERE title_norm = 1.0 AND length(title) > 0"
        )
    return added


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exercises", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--force", action="store_true", help="write to any database")
    parser.add_argument(
        "--copy-index",
        action="store_true",
        help="index copies by copying their template's entry (PostgreSQL; much faster)",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    if not args.force and not any(word in Path(name).name for word in ("bench", "big")):
        raise SystemExit(f"Refusing to fill {name!r}: not a bench database (use --force).")
    from blog.models import BlogPostPage
    from exercises.models import ExercisePage

    for label, model, count, make in (
        ("exercises", ExercisePage, args.exercises, make_exercises),
        ("posts", BlogPostPage, args.posts, make_posts),
    ):
        if count <= 0:
            continue
        started = time.perf_counter()
        rows = make(count)
        created = time.perf_counter() - started
        if not args.copy_index:
            index_pages(model, rows)
        print(
            f"{count} {label}: created in {created:.1f} s, "
            f"indexed in {time.perf_counter() - started - created:.1f} s"
        )
    if args.copy_index:
        for model in (ExercisePage, BlogPostPage):
            print(f"{model.__name__}: {copy_index(model)} copies indexed from their templates")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would
            cursor.execute("ANALYZE")
    for alias in caches:
        caches[alias].clear()


if __name__ == "__main__":
    main()
