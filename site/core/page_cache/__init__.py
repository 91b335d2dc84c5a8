"""The anonymous full-page cache (docs/decisions/0007-page-cache.md).

Anonymous GET requests for public pages, routable sub-pages, feeds and the sitemap are answered
from the "pages" cache. Every entry is tagged with the cache *generation*; any change to what
pages show (publish, unpublish, move, delete, a snippet, a setting, a comment approved) starts a
new generation, so every older entry stops being served, in every process:

- with REDIS_URL the generation is a key in Redis, read in the same round trip as the entry;
- without it (memory local to each gunicorn worker) it is a small file every worker reads.

`purge_pages(reason=...)` starts a new generation; apps call it after commit when they change
something pages show in a way no model signal reports (e.g. a queryset update).
"""

from core.page_cache.shown import register_shown_models
from core.page_cache.store import purge_pages, purge_pages_on_commit

__all__ = ["purge_pages", "purge_pages_on_commit", "register_shown_models"]
