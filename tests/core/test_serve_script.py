"""`make run`'s scripts/serve: the e-mail worker beside gunicorn is started again when it stops
(it exits when its database connection breaks), and nothing of it is left once gunicorn stops.

The script runs for real, with stand-ins for Python and gunicorn in BIN: the worker stand-in
notes each start and exits at once, as the worker does on a broken connection; the gunicorn
stand-in serves for a moment, then stops."""

import os
import subprocess
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SERVE = REPO / "scripts" / "serve"


def stand_in(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/usr/bin/env bash\n{body}\n")
    path.chmod(0o755)


@pytest.fixture(scope="module")
def serve_run(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("serve")
    starts = tmp_path / "worker-starts"
    stand_in(tmp_path, "python", f'echo "$*" >> "{starts}"; exit 1')
    stand_in(tmp_path, "gunicorn", "sleep 1.5")
    environment = {**os.environ, "BIN": str(tmp_path), "WORKER_RESTART_SECONDS": "0.2"}
    finished = subprocess.run(
        ["bash", str(SERVE)], cwd=REPO, env=environment, capture_output=True, timeout=30
    )
    time.sleep(0.5)  # a worker the script failed to stop would note one more start by now
    return finished, starts


def test_the_worker_is_started_again_after_it_stops(serve_run):
    _, starts = serve_run
    assert len(starts.read_text().splitlines()) >= 3


def test_the_worker_runs_the_email_queue(serve_run):
    _, starts = serve_run
    first = starts.read_text().splitlines()[0]
    assert first == "manage.py db_worker --backend email --no-reload --no-startup-delay"


def test_each_stop_is_reported(serve_run):
    finished, _ = serve_run
    assert b"The e-mail worker stopped (exit 1); it starts again in 0.2 s." in finished.stderr


def test_no_worker_is_left_once_gunicorn_stops(serve_run):
    _, starts = serve_run
    seen = starts.read_text()
    time.sleep(0.8)
    assert starts.read_text() == seen


def test_the_script_ends_with_gunicorn(serve_run):
    finished, _ = serve_run
    assert finished.returncode == 0
