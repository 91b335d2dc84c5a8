"""Models that are not snippets but that public pages show: a change to one of their rows
purges the page cache (core.page_cache.signals). Apps add theirs from AppConfig.ready()."""

# "app_label.ModelName" labels.
SHOWN_LABELS: set[str] = set()


def register_shown_models(*labels: str) -> None:
    """A change to a row of these models purges the page cache."""
    SHOWN_LABELS.update(labels)
