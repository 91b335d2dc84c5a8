"""What purges the page cache: every change to something public pages show.

Pages show each other (cards, menus, breadcrumbs, feeds, the sitemap) and site-wide snippets and
settings (header, footer, offer bar, cautions), so a change purges every page, not one URL:
- a page published, unpublished, moved or deleted, or a live page saved outside a draft;
- a snippet, a site setting, an image or a document saved or deleted (except a new comment
  waiting for moderation, and a settings row created with its defaults when first read: neither
  changes what pages show);
- a site or a page's privacy changed;
- a row of a model an app says pages show (`register_shown_models`, e.g. booking's practitioners
  and services, which the team page and the profiles show).
Comment moderation updates rows in bulk, which sends no signal: blog.services purges itself.
Each purge waits for the transaction to commit.
"""

from typing import Any

from django.contrib.auth.models import Group
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from core.page_cache.shown import SHOWN_LABELS
from core.page_cache.store import purge_pages_on_commit

# Page.save() with only these fields is bookkeeping of drafts, locks and revisions.
DRAFT_FIELDS = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "live_revision",
        "locked",
        "locked_at",
        "locked_by",
    }
)
SHOWN_BASES: tuple[type, ...] = (
    BaseSiteSetting,
    BaseGenericSetting,
    AbstractImage,
    AbstractDocument,
    BaseViewRestriction,
    Site,
    Group,  # view restrictions by group
)
PENDING = "pending"


def _shown_on_pages(model: type[Model]) -> bool:
    return (
        issubclass(model, SHOWN_BASES)
        or model in get_snippet_models()
        or model._meta.label in SHOWN_LABELS
    )


def _nothing_shown_yet(instance: Model, kwargs: dict[str, Any]) -> bool:
    """A new comment waiting for moderation; a settings row made with its defaults on first read
    (pages were already showing those defaults)."""
    if not kwargs.get("created"):
        return False
    if isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        return True
    return getattr(instance, "status", None) == PENDING


def _page_changed(sender: Any, **kwargs: Any) -> None:
    purge_pages_on_commit(reason=f"page {getattr(kwargs.get('instance'), 'pk', '')} changed")


def _saved(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        fields = kwargs.get("update_fields")
        if not instance.live or (fields and set(fields) <= DRAFT_FIELDS):
            return
    elif not _shown_on_pages(sender) or _nothing_shown_yet(instance, kwargs):
        return
    purge_pages_on_commit(reason=f"{sender._meta.label} {instance.pk} saved")


def _deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if isinstance(instance, Page) or _shown_on_pages(sender):
        purge_pages_on_commit(reason=f"{sender._meta.label} {instance.pk} deleted")


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="page-cache-moved")
    post_save.connect(_saved, dispatch_uid="page-cache-saved")
    post_delete.connect(_deleted, dispatch_uid="page-cache-deleted")
