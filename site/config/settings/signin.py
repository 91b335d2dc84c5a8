"""Admin sign-in settings: lockout after failed passwords (django-axes) and two-factor
authentication (django-otp). base.py installs the apps and middleware and imports these."""

from datetime import timedelta

from .env import env_bool, env_int, env_str

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses any password while locked out
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
# Cool-off after a lockout, in minutes; each further failed attempt while locked restarts it.
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
# Lock a user name after N failures from anywhere, and an address after N failures on any name.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The client address is REMOTE_ADDR unless the site runs behind proxies that each append the
# address they saw to X-Forwarded-For: set TRUSTED_PROXY_COUNT to their number (e.g. 1 behind one
# load balancer). Addresses a client writes into the header itself are never trusted.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.lockout.client_ip"
# Two-factor authentication (TOTP app + one-time recovery codes). It is required for superusers
# and for anyone holding one of these permissions (patients, bookings, contact submissions);
# a user who has set up a device is asked for a code whether it is required or not.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
TWO_FACTOR_PERMISSIONS = [
    "booking.view_patient",
    "booking.view_booking",
    "booking.view_intakeresponse",
    "homecare.view_homeprogramme",
    "wagtailforms.view_formsubmission",
]
TWO_FACTOR_ISSUER = env_str("TWO_FACTOR_ISSUER", "Cedar & Tide admin")
TWO_FACTOR_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = TWO_FACTOR_ISSUER
