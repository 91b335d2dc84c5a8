"""The site's small stylesheets, printed inside the page (no render-blocking request).

Public pages carry their styles in `<style>` elements (the `inline_stylesheet` tag). The
Content-Security-Policy allows exactly these elements by their SHA-256 hashes (settings:
`INLINE_STYLESHEETS`), so no other inline style runs and no nonce is needed: a page holding
one could not be shared by the page cache (docs/decisions/0007-page-cache.md).

The settings import this module before Django is set up: it reads files, never settings.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_SPACE = re.compile(r"\s+")
_AROUND_PUNCTUATION = re.compile(r"\s*([{};])\s*")


def minify(css: str) -> str:
    """Comments and runs of white space out; nothing that could change what a rule means."""
    css = _COMMENT.sub("", css)
    css = _SPACE.sub(" ", css)
    return _AROUND_PUNCTUATION.sub(r"\1", css).replace(";}", "}").strip()


@cache
def stylesheet_text(file: Path) -> str:
    """The minified text of one stylesheet, read once per process."""
    return minify(file.read_text(encoding="utf-8"))


def csp_hash(text: str) -> str:
    """The CSP source expression that allows a `<style>` element holding exactly `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def style_hashes(folder: Path, names: tuple[str, ...]) -> list[str]:
    return [csp_hash(stylesheet_text(folder / name)) for name in names]
