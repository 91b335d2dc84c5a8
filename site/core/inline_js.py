"""The site's scripts that are written into the page rather than fetched.

Two small scripts run from inside public pages (the `inline_script` tag): the loader that
starts the other scripts once the page is on screen, and the form-token filler, whose submit
hold must be in place before a form can be sent. The Content-Security-Policy allows exactly
these `<script>` elements by their SHA-256 hashes (settings: `INLINE_SCRIPTS`); as for the
inline styles, no nonce is needed, so the page cache can share the page.

The settings import this module before Django is set up: it reads files, never settings.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from core.inline_css import csp_hash


@cache
def script_text(file: Path) -> str:
    """The text of one script, read once per process (as written: no minifying)."""
    return file.read_text(encoding="utf-8").strip()


def script_hashes(folder: Path, names: tuple[str, ...]) -> list[str]:
    return [csp_hash(script_text(folder / name)) for name in names]
