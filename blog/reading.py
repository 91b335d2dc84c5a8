"""Reading time of a post: a pure function of its intro and body, used when a post is published
and when an editor previews it."""

import math
import re
from collections.abc import Iterable
from typing import Any

from django.utils.html import strip_tags

WORDS_PER_MINUTE = 200
# Cards and media take a moment to look at even without many words.
BLOCK_WORD_ALLOWANCE = {"image": 12, "video": 60, "exercise_card": 40, "routine_card": 60}
_WORD = re.compile(r"\w+", re.UNICODE)


def _block_text(block: Any) -> str:
    value = block.value
    if block.block_type == "paragraph":
        return strip_tags(value.source if hasattr(value, "source") else str(value))
    if block.block_type in {"heading", "caution"}:
        return value.get("text", "")
    if block.block_type == "quote":
        return value.get("quote", "")
    if block.block_type == "image":
        return value.get("caption", "")
    if block.block_type == "call_to_book":
        return " ".join([value.get("heading", ""), value.get("text", "")])
    return ""


def reading_minutes(*, intro: str, body: Iterable[Any] | None) -> int:
    """Whole minutes to read a post at 200 words a minute, with a short allowance for images,
    videos and cards; at least one."""
    words = len(_WORD.findall(intro or ""))
    for block in body or []:
        words += len(_WORD.findall(_block_text(block)))
        words += BLOCK_WORD_ALLOWANCE.get(block.block_type, 0)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))
