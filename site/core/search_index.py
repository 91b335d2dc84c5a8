"""Keeps the search index in step with what a published page really holds."""

from wagtail.search import index


def reindex_after_publish(sender, instance, **kwargs):
    """Index a page again once it is published.

    Wagtail indexes a page on post_save, which fires before modelcluster commits the page's
    many-to-many and inline children (tags, muscles, equipment, authors). Without this, an edit
    that changes only those would be missing from site search.
    """
    index.insert_or_update_object(instance)
