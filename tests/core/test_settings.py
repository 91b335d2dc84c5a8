"""Settings come from the environment; production refuses to start without a secret."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'db': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'cache': s.CACHES['default']['BACKEND'], "
    "'cache_server': s.CACHES['default'].get('OPTIONS', {}).get('PRIMARY', {}), 'storage': s.STORAGES['default']['BACKEND'], "
    "'tz': s.TIME_ZONE, 'currency': s.PRACTICE_CURRENCY, 'debug': s.DEBUG, "
    "'hosts': s.ALLOWED_HOSTS, 'csrf': s.CSRF_TRUSTED_ORIGINS, 'email': s.EMAIL_BACKEND, "
    "'email_host': s.EMAIL_HOST}, default=str))"
)


def run_settings(module: str, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "DATABASE_URL",
            "REDIS_URL",
            "DEBUG",
            "TIME_ZONE",
            "AWS_STORAGE_BUCKET_NAME",
            "ALLOWED_HOSTS",
            "EMAIL_HOST",
        }
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=module, PYTHONPATH=f"{REPO}:{REPO / 'site'}")
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=clean,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_fails_with_one_line():
    result = run_settings("config.settings.production")
    assert result.returncode != 0
    lines = [line for line in result.stderr.strip().splitlines() if line]
    assert len(lines) == 1, result.stderr
    assert "SECRET_KEY" in lines[0]


def test_production_defaults_are_safe():
    result = run_settings("config.settings.production", SECRET_KEY="x" * 50)
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["storage"].endswith("FileSystemStorage")
    assert values["tz"] == "America/Vancouver"
    assert values["currency"] == "CAD"
    assert values["email"].endswith("smtp.EmailBackend")


def test_environment_switches_services_on():
    result = run_settings(
        "config.settings.production",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://u:p@db.internal:5432/practice",
        REDIS_URL="redis://127.0.0.1:6379/1",
        REDIS_SOCKET_TIMEOUT="0.3",
        AWS_STORAGE_BUCKET_NAME="media",
        ALLOWED_HOSTS="clinic.example,www.clinic.example",
        CSRF_TRUSTED_ORIGINS="https://clinic.example",
        EMAIL_HOST="smtp.example.com",
        TIME_ZONE="America/Toronto",
    )
    values = json.loads(result.stdout)
    assert values["db"] == "django.db.backends.postgresql"
    assert values["cache"] == "core.cache.FallbackCache"
    assert values["cache_server"]["LOCATION"] == "redis://127.0.0.1:6379/1"
    assert values["cache_server"]["OPTIONS"]["SOCKET_TIMEOUT"] == 0.3
    assert values["storage"] == "storages.backends.s3.S3Storage"
    assert values["hosts"] == ["clinic.example", "www.clinic.example"]
    assert values["csrf"] == ["https://clinic.example"]
    assert values["email_host"] == "smtp.example.com"
    assert values["tz"] == "America/Toronto"


def test_dev_settings_print_mail_to_console():
    values = json.loads(run_settings("config.settings.dev").stdout)
    assert values["debug"] is True
    assert values["email"].endswith("console.EmailBackend")


def test_env_example_lists_every_variable_the_settings_read():
    import re

    read = set()
    for path in (REPO / "site" / "config").rglob("*.py"):
        read |= set(
            re.findall(r'env_(?:str|bool|int|list|required)\(\s*"([A-Z_]+)"', path.read_text())
        )
    read |= set(re.findall(r'environ\.get\("([A-Z_]+)"', (REPO / "gunicorn.conf.py").read_text()))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (REPO / ".env.example").read_text(), re.M))
    assert read - documented == set()


PRINT_SIGN_IN = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'two_factor': s.TWO_FACTOR_REQUIRED, 'limit': s.AXES_FAILURE_LIMIT, "
    "'cooloff': s.AXES_COOLOFF_TIME.total_seconds(), 'handler': s.AXES_HANDLER, "
    "'proxies': s.TRUSTED_PROXY_COUNT, 'admin': 'django.contrib.admin' in s.INSTALLED_APPS}))"
)


def sign_in_settings(module: str, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TWO_FACTOR", "LOGIN_", "TRUSTED_PROXY")) and k != "SECRET_KEY"
    }
    clean.update(
        env,
        SECRET_KEY="x" * 50,
        DJANGO_SETTINGS_MODULE=module,
        PYTHONPATH=f"{REPO}:{REPO / 'site'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SIGN_IN],
        env=clean,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_production_requires_two_factor_and_locks_after_five_failures():
    values = sign_in_settings("config.settings.production")
    assert values == {
        "two_factor": True,
        "limit": 5,
        "cooloff": 900.0,
        "handler": "axes.handlers.database.AxesDatabaseHandler",
        "proxies": 0,
        "admin": False,
    }


def test_dev_lets_the_demo_admin_in_with_a_password():
    assert sign_in_settings("config.settings.dev")["two_factor"] is False


def test_dev_can_turn_two_factor_on():
    values = sign_in_settings("config.settings.dev", TWO_FACTOR_REQUIRED="true")
    assert values["two_factor"] is True


def test_sign_in_limits_come_from_the_environment():
    values = sign_in_settings(
        "config.settings.production",
        LOGIN_FAILURE_LIMIT="3",
        LOGIN_COOLOFF_MINUTES="30",
        TRUSTED_PROXY_COUNT="1",
    )
    assert (values["limit"], values["cooloff"], values["proxies"]) == (3, 1800.0, 1)
