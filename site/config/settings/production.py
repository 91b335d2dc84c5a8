"""Production: base settings plus HTTPS hardening. SECRET_KEY and ALLOWED_HOSTS must be set."""

from .base import *  # noqa: F403
from .env import env_bool, env_int

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# security.W019 asks for X_FRAME_OPTIONS = "DENY"; Wagtail's preview panel frames pages from the same
# origin, so base.py keeps "SAMEORIGIN", which still refuses framing by any other site.
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]  # noqa: F405
