"""WAGTAILFRONTENDCACHE from the environment: a CDN that Wagtail asks to drop a page's URLs when
the page is published or unpublished (wagtail.contrib.frontend_cache). Off when nothing is set.

- Cloudflare: FRONTEND_CACHE_CLOUDFLARE_ZONEID and FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN (an API
  token allowed to purge the zone).
- CloudFront: FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID; credentials come from boto3's usual
  sources (AWS_* variables or the instance role).
"""

from .env import env_str

CLOUDFLARE = "wagtail.contrib.frontend_cache.backends.CloudflareBackend"
CLOUDFRONT = "wagtail.contrib.frontend_cache.backends.CloudfrontBackend"


def frontend_cache_from_env() -> dict[str, dict[str, str]]:
    backends: dict[str, dict[str, str]] = {}
    zone = env_str("FRONTEND_CACHE_CLOUDFLARE_ZONEID")
    token = env_str("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN")
    if zone and token:
        backends["cloudflare"] = {"BACKEND": CLOUDFLARE, "ZONEID": zone, "BEARER_TOKEN": token}
    distribution = env_str("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID")
    if distribution:
        backends["cloudfront"] = {"BACKEND": CLOUDFRONT, "DISTRIBUTION_ID": distribution}
    return backends
