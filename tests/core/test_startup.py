"""Web workers never import demo content: only the load_demo command discovers the apps' demo
modules (issue 10 §5)."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

SERVE_ONE_REQUEST = """
import json, sys
from wsgiref.util import setup_testing_defaults

from config.wsgi import application

environ = {}
setup_testing_defaults(environ)
environ.update({"PATH_INFO": "/robots.txt", "HTTP_HOST": "localhost", "SERVER_NAME": "localhost"})
statuses = []
body = b"".join(application(environ, lambda status, headers, exc_info=None: statuses.append(status)))
demo = sorted(
    name for name in sys.modules
    if name.rsplit(".", 1)[-1] in {"demo", "demo_content"}
)
print(json.dumps({"status": statuses[0], "demo": demo}))
"""


def test_a_web_worker_imports_no_demo_content():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(REPO / "site")])
    result = subprocess.run(
        [sys.executable, "-c", SERVE_ONE_REQUEST],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["status"]  # the request went through the whole stack
    assert report["demo"] == []
