"""Helpers for the data migrations that moved booking's practitioners, the blog's authors and the
exercise reviewers onto one `core.Person` each. They take the migration's historical models, so
they keep working as the models change. The apps' migrations run in any order: each finds a
person by name (the same name is the same person) before it creates one."""

from typing import Any

from django.utils.text import slugify

# Fields copied onto a person only where the person's own is still empty.
FILLABLE = ("role", "qualifications", "bio", "photo_id")


def _free_slug(person_model: Any, wanted: str) -> str:
    base = (slugify(wanted) or "person")[:70]
    slug, n = base, 2
    while person_model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def person_for(person_model: Any, *, name: str, slug: str = "", **fields: Any) -> Any:
    """The person with this name (trimmed, any case), or a new one; their empty fields are
    filled from `fields`, so nothing the old record held is lost."""
    name = " ".join((name or "").split()) or "Unnamed"
    person = person_model.objects.filter(name__iexact=name).order_by("pk").first()
    if person is None:
        extra = {k: v for k, v in fields.items() if k not in FILLABLE}
        person = person_model(name=name, slug=_free_slug(person_model, slug or name), **extra)
    for key in FILLABLE:
        if fields.get(key) and not getattr(person, key):
            setattr(person, key, fields[key])
    person.save()
    return person


def rewrite_revisions(apps: Any, *, app_label: str, model: str, rewrite: Any) -> None:
    """Apply `rewrite(content) -> bool` to the saved revisions (drafts, history) of one page
    type, so an editor opening an older revision still sees the right people."""
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label=app_label, model=model)
        .first()
    )
    if content_type is None:
        return
    revisions = apps.get_model("wagtailcore", "Revision").objects
    for revision in revisions.filter(content_type=content_type).iterator():
        content = revision.content
        if isinstance(content, dict) and rewrite(content):
            revision.content = content
            revision.save(update_fields=["content"])
