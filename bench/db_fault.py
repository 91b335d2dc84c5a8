"""Benchmark: the site under gunicorn while PostgreSQL restarts, and whether it recovers alone.

Runs a private PostgreSQL cluster (initdb into a temporary folder as the `postgres` user, listening
on 127.0.0.1 only), loads the demo practice into it, starts gunicorn (production settings, a dummy
SECRET_KEY) and one e-mail worker (`db_worker --backend email`) with e-mail going to an SMTP sink
(aiosmtpd), then sends a steady stream of requests (home, an exercise, the library, a blog post,
the booking start page, and complete bookings through the real HTTP flow with CSRF) for
--before seconds, restarts the cluster (`pg_ctl restart -m fast`), keeps going for --after
seconds, waits for the outbox to drain, runs the scheduled catch-up (`send_outbox`) once every
claim has run out, and prints: requests, 5xx (before, during the restart window, after), p50 and
max latency, whether gunicorn recovered by itself (no 5xx after the window, no worker booted
again), and e-mails delivered against expected (two per confirmed booking: patient and staff).
The e-mail worker exits when its database connection breaks while it polls (django-tasks-db
re-raises it), so the script starts it again as a process manager would and counts how often.
The cluster is stopped and deleted at the end, whatever happens.

    .venv/bin/python bench/db_fault.py [--port 8400] [--before 20] [--after 20]

Ports: gunicorn on --port, PostgreSQL on --port + 1, SMTP on --port + 25. Must run as root (the
cluster is run as `postgres`). It never touches the PostgreSQL server on 5432.
"""

import argparse
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path

from smtp_fault import (
    GUNICORN,
    PY,
    ROOT,
    Client,
    Sink,
    book,
    percentile,
    prepare_demo,
    start,
    stop,
    wait_http,
)

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
DB_NAME = "bench"
PAGES = ["/", "/exercises/", "/exercises/three-step-knee-reset/", "/book/"]


class Cluster:
    """A throwaway PostgreSQL cluster owned by the `postgres` user."""

    def __init__(self, port):
        self.port = port
        self.dir = Path(tempfile.mkdtemp(prefix="db_fault_"))
        self.data = self.dir / "data"
        shutil.chown(self.dir, "postgres", "postgres")
        self.options = f"-p {port} -k {self.dir} -c listen_addresses=127.0.0.1"

    def run(self, *args, check=True):
        command = " ".join(str(a) for a in args)
        return subprocess.run(
            ["su", "postgres", "-c", command],
            check=check,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )

    def init(self):
        self.run(f"{PG_BIN}/initdb", "-D", self.data, "-A", "trust", "-U", "postgres")
        self.pg_ctl("start")
        self.run(f"{PG_BIN}/createdb", "-h", "127.0.0.1", "-p", self.port, DB_NAME)

    def pg_ctl(self, action, *extra, check=True):
        log = self.dir / "postgres.log"
        return self.run(
            f"{PG_BIN}/pg_ctl", action, "-w", "-D", self.data, "-l", log,
            "-o", f"'{self.options}'", *extra, check=check,
        )  # fmt: skip

    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/{DB_NAME}"

    def destroy(self):
        if self.data.exists():
            self.pg_ctl("stop", "-m", "immediate", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8400, help="gunicorn; PostgreSQL on port + 1")
    parser.add_argument("--before", type=float, default=20, help="seconds of traffic before")
    parser.add_argument("--after", type=float, default=20, help="seconds of traffic after")
    parser.add_argument("--settle", type=float, default=45, help="max seconds to wait for mail")
    args = parser.parse_args()
    logs = Path(os.environ.get("BENCH_LOGS", "/tmp")) / "db_fault"
    logs.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(args.port + 1)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "DATABASE_URL": cluster.url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(args.port + 25),
        "EMAIL_USE_TLS": "false",
        "OUTBOX_RETRY_BASE_SECONDS": "2",
        "OUTBOX_RETRY_MAX_SECONDS": "8",
        # A short claim, so an e-mail whose outcome was lost would be sent again within --settle.
        "EMAIL_TIMEOUT": "2",
        "OUTBOX_CLAIM_SECONDS": "20",
        "BOOKING_RATE_LIMIT": "100000/h",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "2",
        "PYTHONPATH": "site",
    }
    procs, sink, supervisor = [], None, None
    settled, exits = threading.Event(), []
    # (started, status, seconds, path); status 0 when the connection failed outright.
    log, confirmed, failed_bookings = [], [], []
    try:
        cluster.init()
        prepare_demo(env)
        sink = Sink(args.port + 25)
        gunicorn_cmd = [GUNICORN, "--config", "gunicorn.conf.py", "--bind",
                        f"127.0.0.1:{args.port}", "--no-control-socket",
                        "config.wsgi:application"]  # fmt: skip
        worker_cmd = [PY, "manage.py", "db_worker", "--backend", "email", "--no-reload",
                      "--interval", "0.5", "--worker-id", "bench-db"]  # fmt: skip
        procs.append(start(gunicorn_cmd, env, logs / "gunicorn.log"))
        procs.append(start(worker_cmd, env, logs / "worker-0.log"))
        wait_http(args.port)
        _, html, _, _ = Client(args.port).request("GET", "/blog/")
        post = re.search(r'href="(/blog/[^"/?#]+/)"', html)
        pages = [*PAGES, post.group(1)] if post else PAGES

        done = threading.Event()

        def browse():
            client = Client(args.port)
            while not done.is_set():
                for path in pages:
                    began = time.time()
                    try:
                        status, _, _, elapsed = client.request("GET", path)
                    except OSError:
                        status, elapsed = 0, time.time() - began
                    log.append((began, status, elapsed, path))
                    time.sleep(0.1)

        def booker():
            n = 0
            while not done.is_set():
                steps = []
                began = time.time()
                try:
                    book(Client(args.port), n, steps)
                    confirmed.append(n)
                except Exception as error:  # a 500 page breaks the journey anywhere
                    failed_bookings.append((n, repr(error)[:120]))
                # Each step's own start time is not kept by `book`; spread them from `began`.
                at = began
                for status, elapsed, _method, path in steps:
                    log.append((at, status, elapsed, path))
                    at += elapsed
                n += 1
                time.sleep(1)

        def supervise():
            """What the platform's process manager does: start the worker again if it exits."""
            while not settled.is_set():
                if procs[-1].poll() is not None:
                    exits.append(procs[-1].returncode)
                    procs.append(start(worker_cmd, env, logs / f"worker-{len(exits)}.log"))
                time.sleep(0.5)

        supervisor = threading.Thread(target=supervise)
        supervisor.start()
        threads = [threading.Thread(target=browse), threading.Thread(target=booker)]
        t0 = time.time()
        for thread in threads:
            thread.start()
        time.sleep(args.before)
        window_start = time.time()
        cluster.pg_ctl("restart", "-m", "fast")
        window_end = time.time()
        time.sleep(args.after)
        done.set()
        for thread in threads:
            thread.join()
        t1 = time.time()

        import psycopg

        def outbox_states():
            with psycopg.connect(cluster.url()) as conn:
                rows = conn.execute("select status, count(*) from core_outboxmessage group by 1")
                return dict(rows.fetchall())

        deadline = time.time() + args.settle
        while time.time() < deadline and not set(outbox_states()) <= {"sent"}:
            time.sleep(1)
        # The scheduled catch-up, once every claim taken before the restart has run out.
        time.sleep(max(0, window_end + 25 - time.time()))
        with open(logs / "send_outbox.log", "w") as out:
            subprocess.run([PY, "manage.py", "send_outbox"], cwd=ROOT, env=env, stdout=out)
        time.sleep(3)  # anything sent twice would arrive now
        states = outbox_states()
        gunicorn_alive = procs[0].poll() is None
    finally:
        if supervisor:
            settled.set()
            supervisor.join()
        for proc in procs:
            stop(proc)
        if sink:
            sink.stop()
        cluster.destroy()

    # A request is "during" the restart if it was in flight at any moment of it.
    before = [r for r in log if r[0] + r[2] < window_start]
    during = [r for r in log if r[0] < window_end and r[0] + r[2] >= window_start]
    after = [r for r in log if r[0] >= window_end]
    every = [r[2] for r in log]
    ids = Counter(message_from_bytes(raw)["Message-ID"] for _, raw in sink.messages)

    def errors(rows):
        return sum(1 for r in rows if r[1] >= 500 or r[1] == 0)

    print(
        f"PostgreSQL (private cluster, port {cluster.port}) restarted with pg_ctl restart -m fast "
        f"after {window_start - t0:.0f} s of traffic; restart took {window_end - window_start:.1f} s; "
        f"{t1 - window_end:.0f} s of traffic after; 2 gunicorn workers x 2 threads, 1 e-mail worker"
    )
    print(
        f"requests: {len(log)} ({len(before)} before, {len(during)} during the restart, "
        f"{len(after)} after)"
    )
    print(
        f"5xx or no answer: {errors(before)} before, {errors(during)} during, {errors(after)} after"
    )
    print(
        f"latency, all requests: p50 {statistics.median(every) * 1000:.0f} ms, "
        f"p95 {percentile(every, 0.95) * 1000:.0f} ms, max {max(every) * 1000:.0f} ms"
    )
    if after:
        print(f"latency after the restart: max {max(r[2] for r in after) * 1000:.0f} ms")
    statuses = Counter(r[1] for r in log)
    print(f"statuses: {dict(sorted(statuses.items()))}")
    print(f"bookings confirmed: {len(confirmed)}; failed: {len(failed_bookings)}")
    for n, error in failed_bookings:
        print(f"  booking {n}: {error}")
    booted = (logs / "gunicorn.log").read_text().count("Booting worker")
    print(
        f"gunicorn master still running: {gunicorn_alive}; gunicorn workers booted: {booted} "
        f"(2 at start); e-mail worker exits (started again, as a process manager would): "
        f"{len(exits)} {exits}"
    )
    print(f"outbox at the end: {states}")
    expected = 2 * len(confirmed)
    print(
        f"e-mails delivered: {len(sink.messages)} (expected {expected}); "
        f"sent more than once: {sum(1 for c in ids.values() if c > 1)}"
    )
    recovered = errors(after) == 0 and gunicorn_alive and booted == 2
    print(f"gunicorn recovered without a restart: {'yes' if recovered else 'NO'}")
    ok = (
        recovered
        and len(sink.messages) == expected
        and all(c == 1 for c in ids.values())
        and set(states) <= {"sent"}
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
