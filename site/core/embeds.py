"""An embed finder that works offline: it reads the provider and video id from the URL itself.

Saving a page never calls the network, and unknown providers are refused with a clear admin error.
Registered through WAGTAILEMBEDS_FINDERS = [{"class": "core.embeds"}].
"""

import re
from urllib.parse import parse_qs, urlparse

from wagtail.embeds.exceptions import EmbedUnsupportedProviderException
from wagtail.embeds.finders.base import EmbedFinder

_YOUTUBE_HOSTS = {
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "youtube-nocookie.com",
    "www.youtube-nocookie.com",
}
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def parse_video_url(url: str) -> tuple[str, str] | None:
    """Return (provider, video id) for a YouTube or Vimeo URL, or None."""
    try:
        parsed = urlparse((url or "").strip())
    except ValueError:
        return None
    if parsed.scheme not in {"http", "https"}:
        return None
    host = (parsed.hostname or "").lower()
    parts = [p for p in parsed.path.split("/") if p]
    video_id = None
    if host == "youtu.be" and parts:
        video_id = parts[0]
    elif host in _YOUTUBE_HOSTS:
        if parts == ["watch"]:
            video_id = parse_qs(parsed.query).get("v", [None])[0]
        elif len(parts) >= 2 and parts[0] in {"embed", "shorts", "live", "v"}:
            video_id = parts[1]
    if video_id is not None:
        return ("youtube", video_id) if _YOUTUBE_ID.match(video_id) else None
    if host in _VIMEO_HOSTS:
        numeric = [p for p in parts if p.isdigit()]
        if numeric:
            return "vimeo", numeric[0]
    return None


def embed_url_for(provider: str, video_id: str) -> str:
    if provider == "youtube":
        return f"https://www.youtube-nocookie.com/embed/{video_id}"
    return f"https://player.vimeo.com/video/{video_id}?dnt=1"


class OfflineVideoFinder(EmbedFinder):
    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return parse_video_url(url) is not None

    def find_embed(self, url, max_width=None, max_height=None):
        found = parse_video_url(url)
        if found is None:
            raise EmbedUnsupportedProviderException(
                "Only YouTube and Vimeo video links are supported."
            )
        provider, video_id = found
        src = embed_url_for(provider, video_id)
        width, height = 640, 360
        thumb = f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg" if provider == "youtube" else ""
        return {
            "title": "",
            "author_name": "",
            "provider_name": "YouTube" if provider == "youtube" else "Vimeo",
            "type": "video",
            "thumbnail_url": thumb,
            "width": width,
            "height": height,
            "html": (
                f'<iframe src="{src}" width="{width}" height="{height}" loading="lazy" '
                'allow="encrypted-media; picture-in-picture; fullscreen" '
                'title="Video player"></iframe>'
            ),
        }


embed_finder_class = OfflineVideoFinder
