"""The offline embed finder turns video links into privacy-friendly players, without the network."""

import pytest
from wagtail.embeds.exceptions import EmbedUnsupportedProviderException

from core.embeds import OfflineVideoFinder, parse_video_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://youtu.be/dQw4w9WgXcQ?t=10", ("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://www.youtube.com/live/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ")),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share", ("youtube", "dQw4w9WgXcQ")),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871", ("vimeo", "76979871")),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://example.com/video/1", None),
        ("javascript:alert(1)", None),
        ("not a url", None),
        ("", None),
    ],
)
def test_parse_video_url(url, expected):
    assert parse_video_url(url) == expected


def test_finder_builds_nocookie_and_dnt_players():
    finder = OfflineVideoFinder()
    youtube = finder.find_embed("https://youtu.be/dQw4w9WgXcQ")
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in youtube["html"]
    vimeo = finder.find_embed("https://vimeo.com/76979871")
    assert "https://player.vimeo.com/video/76979871?dnt=1" in vimeo["html"]


def test_finder_refuses_unknown_providers():
    finder = OfflineVideoFinder()
    assert not finder.accept("https://example.com/v/1")
    with pytest.raises(EmbedUnsupportedProviderException):
        finder.find_embed("https://example.com/v/1")


@pytest.mark.django_db
def test_wagtail_embeds_use_the_offline_finder(monkeypatch):
    import socket

    from wagtail.embeds import embeds

    def no_network(*args, **kwargs):
        raise AssertionError("the embed finder tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    embed = embeds.get_embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in embed.html
