"""Where the browser fetches uploaded media from, for the Content-Security-Policy's img-src."""

from urllib.parse import urlsplit


def media_origins(*, bucket: str, custom_domain: str, endpoint_url: str) -> list[str]:
    """The origin django-storages puts in media URLs for this S3 configuration; none when media
    is served by the site itself (no bucket)."""
    if not bucket:
        return []
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        return [f"{parts.scheme}://{parts.netloc}"]
    return [f"https://{bucket}.s3.amazonaws.com"]
