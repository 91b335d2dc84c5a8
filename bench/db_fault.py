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
from dataclasses import dataclass, field
from email import message_from_bytes
from pathlib import Path

from smtp_fault import (
    PY,
    ROOT,
    Client,
    Sink,
    book,
    gunicorn_command,
    percentile,
    prepare_demo,
    production_env,
    start,
    stop,
    wait_http,
    worker_command,
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


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8400, help="gunicorn; PostgreSQL on port + 1")
    parser.add_argument("--before", type=float, default=20, help="seconds of traffic before")
    parser.add_argument("--after", type=float, default=20, help="seconds of traffic after")
    parser.add_argument("--settle", type=float, default=45, help="max seconds to wait for mail")
    return parser.parse_args()


class Traffic:
    """Two threads until stopped: one browses the pages, one books through the HTTP flow.

    `log` holds (started, status, seconds, path) per request, status 0 when the connection
    failed outright; `confirmed` the numbers of the bookings that went through, and
    `failed_bookings` (number, error) of the others.
    """

    def __init__(self, port, pages):
        self.port = port
        self.pages = pages
        self.log, self.confirmed, self.failed_bookings = [], [], []
        self._done = threading.Event()
        self._threads = [threading.Thread(target=self._browse), threading.Thread(target=self._book)]

    def start(self):
        for thread in self._threads:
            thread.start()

    def stop(self):
        self._done.set()
        for thread in self._threads:
            thread.join()

    def _browse(self):
        client = Client(self.port)
        while not self._done.is_set():
            for path in self.pages:
                began = time.time()
                try:
                    status, _, _, elapsed = client.request("GET", path)
                except OSError:
                    status, elapsed = 0, time.time() - began
                self.log.append((began, status, elapsed, path))
                time.sleep(0.1)

    def _book(self):
        n = 0
        while not self._done.is_set():
            steps: list[tuple[int, float, str, str]] = []
            began = time.time()
            try:
                book(Client(self.port), n, steps)
                self.confirmed.append(n)
            except Exception as error:  # a 500 page breaks the journey anywhere
                self.failed_bookings.append((n, repr(error)[:120]))
            # Each step's own start time is not kept by `book`; spread them from `began`.
            at = began
            for status, elapsed, _method, path in steps:
                self.log.append((at, status, elapsed, path))
                at += elapsed
            n += 1
            time.sleep(1)


class Supervisor:
    """What the platform's process manager does: start the e-mail worker again if it exits."""

    def __init__(self, env, logs):
        self.env, self.logs = env, logs
        self.procs = [start(worker_command("bench-db"), env, logs / "worker-0.log")]
        self.exits = []
        self._settled = threading.Event()
        self._thread = threading.Thread(target=self._supervise)
        self._thread.start()

    def _supervise(self):
        while not self._settled.is_set():
            if self.procs[-1].poll() is not None:
                self.exits.append(self.procs[-1].returncode)
                log = self.logs / f"worker-{len(self.exits)}.log"
                self.procs.append(start(worker_command("bench-db"), self.env, log))
            time.sleep(0.5)

    def stop(self):
        self._settled.set()
        self._thread.join()
        for proc in self.procs:
            stop(proc)


@dataclass
class Run:
    """What one run measured; times from time.time()."""

    traffic: Traffic
    t0: float  # the traffic starts
    window_start: float  # the restart starts
    window_end: float  # the restart is over
    t1: float  # the traffic stops
    states: dict = field(default_factory=dict)  # the outbox at the end
    gunicorn_alive: bool = False
    exits: list = field(default_factory=list)  # return codes of the e-mail worker's exits
    messages: list = field(default_factory=list)  # (recipients, raw message) the sink received


def outbox_states(database_url):
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute("select status, count(*) from core_outboxmessage group by 1")
        return dict(rows.fetchall())


def blog_post_path(port):
    """The first blog post the blog index links to, or None."""
    _, html, _, _ = Client(port).request("GET", "/blog/")
    post = re.search(r'href="(/blog/[^"/?#]+/)"', html)
    return post.group(1) if post else None


def restart_under_traffic(args, cluster, pages):
    """Traffic for --before seconds, the restart, traffic for --after seconds."""
    traffic = Traffic(args.port, pages)
    t0 = time.time()
    traffic.start()
    try:
        time.sleep(args.before)
        window_start = time.time()
        cluster.pg_ctl("restart", "-m", "fast")
        window_end = time.time()
        time.sleep(args.after)
    finally:
        traffic.stop()
    return Run(traffic, t0, window_start, window_end, time.time())


def settle_mail(args, env, logs, result):
    """Until the outbox drains (--settle at most), then the scheduled catch-up once."""
    url = env["DATABASE_URL"]
    deadline = time.time() + args.settle
    while time.time() < deadline and not set(outbox_states(url)) <= {"sent"}:
        time.sleep(1)
    # The scheduled catch-up, once every claim taken before the restart has run out.
    time.sleep(max(0, result.window_end + 25 - time.time()))
    with open(logs / "send_outbox.log", "w") as out:
        subprocess.run([PY, "manage.py", "send_outbox"], cwd=ROOT, env=env, stdout=out)
    time.sleep(3)  # anything sent twice would arrive now
    result.states = outbox_states(url)


def run(args, cluster, env, logs):
    gunicorn = supervisor = sink = None
    try:
        cluster.init()
        prepare_demo(env)
        sink = Sink(args.port + 25)
        gunicorn = start(gunicorn_command(args.port), env, logs / "gunicorn.log")
        supervisor = Supervisor(env, logs)
        wait_http(args.port)
        post = blog_post_path(args.port)
        result = restart_under_traffic(args, cluster, [*PAGES, post] if post else PAGES)
        settle_mail(args, env, logs, result)
        result.gunicorn_alive = gunicorn.poll() is None
        result.exits = supervisor.exits
        result.messages = sink.messages
        return result
    finally:
        if supervisor:
            supervisor.stop()
        if gunicorn:
            stop(gunicorn)
        if sink:
            sink.stop()
        cluster.destroy()


def report(cluster, logs, result):
    """Print what the run measured; True when gunicorn recovered alone and every e-mail left once."""
    log = result.traffic.log
    confirmed, failed_bookings = result.traffic.confirmed, result.traffic.failed_bookings
    window_start, window_end = result.window_start, result.window_end
    # A request is "during" the restart if it was in flight at any moment of it.
    before = [r for r in log if r[0] + r[2] < window_start]
    during = [r for r in log if r[0] < window_end and r[0] + r[2] >= window_start]
    after = [r for r in log if r[0] >= window_end]
    every = [r[2] for r in log]
    ids = Counter(message_from_bytes(raw)["Message-ID"] for _, raw in result.messages)

    def errors(rows):
        return sum(1 for r in rows if r[1] >= 500 or r[1] == 0)

    print(
        f"PostgreSQL (private cluster, port {cluster.port}) restarted with pg_ctl restart -m fast "
        f"after {window_start - result.t0:.0f} s of traffic; restart took {window_end - window_start:.1f} s; "
        f"{result.t1 - window_end:.0f} s of traffic after; 2 gunicorn workers x 2 threads, 1 e-mail worker"
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
        f"gunicorn master still running: {result.gunicorn_alive}; gunicorn workers booted: "
        f"{booted} (2 at start); e-mail worker exits (started again, as a process manager "
        f"would): {len(result.exits)} {result.exits}"
    )
    print(f"outbox at the end: {result.states}")
    expected = 2 * len(confirmed)
    print(
        f"e-mails delivered: {len(result.messages)} (expected {expected}); "
        f"sent more than once: {sum(1 for c in ids.values() if c > 1)}"
    )
    recovered = errors(after) == 0 and result.gunicorn_alive and booted == 2
    print(f"gunicorn recovered without a restart: {'yes' if recovered else 'NO'}")
    ok = (
        recovered
        and len(result.messages) == expected
        and all(c == 1 for c in ids.values())
        and set(result.states) <= {"sent"}
    )
    print("PASS" if ok else "FAIL")
    return ok


def main():
    args = parse_args()
    logs = Path(os.environ.get("BENCH_LOGS", "/tmp")) / "db_fault"
    logs.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(args.port + 1)
    env = production_env(
        cluster.url(),
        args.port + 25,
        # A short claim, so an e-mail whose outcome was lost would be sent again within --settle.
        EMAIL_TIMEOUT="2",
        OUTBOX_CLAIM_SECONDS="20",
    )
    result = run(args, cluster, env, logs)
    return 0 if report(cluster, logs, result) else 1


if __name__ == "__main__":
    sys.exit(main())
