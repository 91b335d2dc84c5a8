"""Local development and the demo served by `make run`."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403
from .env import env_bool, env_str  # noqa: E402

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
ALLOWED_HOSTS = ["*"]
# The demo admin (make run) signs in with a password only; set TWO_FACTOR_REQUIRED=true to try
# the production behaviour. A user who has set up an authenticator is still asked for a code.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
