"""Benchmark: booking confirmations while SMTP hangs or refuses, then delivery once it is back.

Starts gunicorn (production settings, a dummy SECRET_KEY, a scratch PostgreSQL database loaded
with the demo) and two e-mail workers (`db_worker --backend email`), points e-mail at a loopback
port that either accepts connections and never answers (`--smtp hung`, the default) or has
nothing listening, so every connection is refused (`--smtp refused`), walks N bookings through
the real HTTP flow (CSRF included) while polling the home page, then starts an SMTP sink
(aiosmtpd) on that port (in place of the hung server), runs the `send_outbox --now` catch-up
beside the workers, and counts the e-mails each booking received. Every process it starts is
stopped at the end.

    .venv/bin/python bench/smtp_fault.py [--smtp hung|refused] [--bookings 8] [--port 8400]
        [--db h_mail_bench]

Ports: gunicorn on --port, SMTP on --port + 25. Needs PostgreSQL on 127.0.0.1:5432 (user
postgres, trust); the scratch database (--db) is created, and dropped at the end.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email import message_from_bytes
from html import unescape
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG = "postgres://postgres@127.0.0.1:5432"


# --- an SMTP server that accepts and never answers --------------------------------------------


class HungSMTP:
    def __init__(self, port):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.clients = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.clients.append(conn)  # held open, never a byte sent

    def close(self):
        if not self.running:
            return
        self.running = False
        self.thread.join()
        self.sock.close()
        for conn in self.clients:
            conn.close()


def port_refuses(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


FAULTS = {"hung": "hung (accepts, never answers)", "refused": "refused (nothing listens)"}


# --- the SMTP sink ----------------------------------------------------------------------------


class Sink:
    def __init__(self, port):
        from aiosmtpd.controller import Controller

        self.messages: list[tuple[list[str], bytes]] = []
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                sink.messages.append((list(envelope.rcpt_tos), envelope.content))
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)
        self.controller.start()

    def stop(self):
        self.controller.stop()


# --- a small HTTP client with a cookie store (production cookies are Secure) ------------------


class Client:
    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, url, data=None):
        path = urlsplit(url).path + (("?" + urlsplit(url).query) if urlsplit(url).query else "")
        conn = HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            # Behind the platform's TLS proxy: gunicorn trusts this header from 127.0.0.1.
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{self.port}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read().decode("utf-8", "replace")
        elapsed = time.perf_counter() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key.strip()] = rest.split(";", 1)[0]
        conn.close()
        location = response.getheader("Location")
        return response.status, content, (urljoin(path, location) if location else None), elapsed


def form_fields(html, must_contain):
    """Hidden inputs of the first form whose HTML contains `must_contain`."""
    for form in re.findall(r"<form\b.*?</form>", html, flags=re.S):
        if must_contain in form:
            fields = {}
            for tag in re.findall(r"<input\b[^>]*>", form):
                name = re.search(r'name="([^"]+)"', tag)
                value = re.search(r'value="([^"]*)"', tag)
                if name and 'type="hidden"' in tag:
                    fields[name.group(1)] = unescape(value.group(1)) if value else ""
            action = re.search(r'action="([^"]*)"', form)
            return fields, unescape(action.group(1)) if action else ""
    raise RuntimeError(f"no form with {must_contain!r}")


def found(pattern, html):
    """The first group of `pattern` in `html`; a page without it breaks the journey."""
    match = re.search(pattern, html)
    if not match:
        raise RuntimeError(f"no {pattern!r} on the page")
    return match.group(1)


def book(client, n, latencies):
    """One patient's journey; returns the booking's review URL, or raises."""

    def go(method, url, data=None):
        status, html, location, elapsed = client.request(method, url, data)
        latencies.append((status, elapsed, method, url.split("?")[0]))
        return status, html, location, elapsed

    _, html, _, _ = go("GET", "/book/")
    service = found(r'name="service"[^>]*value="([^"]+)"', html)
    _, html, _, _ = go("GET", "/book/times/?" + urlencode({"service": service}))
    for _ in range(6):  # the first free time may be a few pages of days ahead
        slot = re.search(r'class="slot" href="([^"]+)"', html)
        if slot:
            break
        later = re.search(r'next free time is on <a href="([^"]+)"', html)
        _, html, _, _ = go(
            "GET", unescape(later.group(1) if later else found(r'href="([^"]+)">Later days', html))
        )
    details = unescape(found(r'class="slot" href="([^"]+)"', html))
    _, html, _, _ = go("GET", details)
    fields, action = form_fields(html, 'name="email"')
    fields.update(
        name=f"Bench Patient {n}",
        email=f"bench-{n}@example.com",
        phone="604 555 0100",
        consent="on",
    )
    status, _, review, _ = go("POST", action or details, fields)
    if status != 302:
        raise RuntimeError(f"details step answered {status}")
    _, html, _, _ = go("GET", review)
    fields, action = form_fields(html, 'value="confirm"')
    fields["action"] = "confirm"
    status, _, done, elapsed = go("POST", action or review, fields)
    if status != 302:
        raise RuntimeError(f"confirm answered {status}")
    go("GET", done)
    return elapsed


# --- processes --------------------------------------------------------------------------------


def start(cmd, env, log):
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_http(port, seconds=90):
    """Until both gunicorn workers answer a page (the first request of each is slow)."""
    deadline = time.time() + seconds
    answered = 0
    while time.time() < deadline and answered < 4:
        try:
            conn = HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", "/", headers={"X-Forwarded-Proto": "https"})
            conn.getresponse().read()
            answered += 1
        except OSError:
            time.sleep(0.3)
    if answered < 4:
        raise RuntimeError("gunicorn did not start")


def outbox_counts(database_url):
    import psycopg

    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "select status || ' (attempts ' || sum(attempts) || ')', count(*) "
            "from core_outboxmessage group by status"
        ).fetchall()
        refs: dict[str, int] = dict(
            conn.execute("select reference, count(*) from core_outboxmessage group by 1").fetchall()
        )
    return dict(rows), refs


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def prepare_demo(env):
    """Migrate, load the demo practice and collect static files into the database `env` names."""
    for step in (["migrate", "--noinput", "-v", "0"], ["load_demo"]):
        subprocess.run(
            [PY, "manage.py", *step], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )


def production_env(database_url, smtp_port, **overrides):
    """Production settings with a dummy SECRET_KEY, plain SMTP on loopback and short retries."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        # Short waits between retries so the bench ends in a minute or two.
        "OUTBOX_RETRY_BASE_SECONDS": "2",
        "OUTBOX_RETRY_MAX_SECONDS": "8",
        "BOOKING_RATE_LIMIT": "100000/h",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "2",
        "PYTHONPATH": "site",
        **overrides,
    }


def gunicorn_command(port):
    return [GUNICORN, "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
            "--no-control-socket", "config.wsgi:application"]  # fmt: skip


def worker_command(worker_id):
    return [PY, "manage.py", "db_worker", "--backend", "email", "--no-reload",
            "--interval", "0.5", "--worker-id", worker_id]  # fmt: skip


# --- the benchmark ----------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smtp", choices=("hung", "refused"), default="hung")
    parser.add_argument("--bookings", type=int, default=8)
    parser.add_argument("--db", default="h_mail_bench", help="scratch database (dropped)")
    parser.add_argument("--port", type=int, default=8400, help="gunicorn; SMTP uses port + 25")
    parser.add_argument("--settle", type=float, default=90, help="max seconds to wait for mail")
    parser.add_argument(
        "--hang", type=float, default=25, help="seconds SMTP stays down after the last booking"
    )
    return parser.parse_args()


class HomePoller:
    """Requests the home page every 0.2 s in a thread, keeping (status, seconds) of each."""

    def __init__(self, port):
        self.port = port
        self.times = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll)

    def _poll(self):
        client = Client(self.port)
        while not self._stop.is_set():
            status, _, _, elapsed = client.request("GET", "/")
            self.times.append((status, elapsed))
            time.sleep(0.2)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()


@dataclass
class Run:
    """What one run measured."""

    baseline: list  # seconds per home page request before any booking
    home: list  # (status, seconds) of the home page while booking and while SMTP is down
    requests: list  # (status, seconds, method, path) of every booking step
    confirms: list  # seconds per confirm POST
    states_down: dict  # the outbox while SMTP is down
    states: dict  # the outbox after SMTP is back
    refs: dict  # outbox rows per reference
    messages: list  # (recipients, raw message) the sink received


def break_smtp(fault, smtp_port):
    """A hung server on the SMTP port, or check that nothing listens there (refused)."""
    if fault == "hung":
        return HungSMTP(smtp_port)
    if not port_refuses(smtp_port):
        raise RuntimeError(f"something listens on {smtp_port}; --smtp refused needs it free")
    return None


def send_outbox_now(env, logs):
    """The catch-up command, beside the workers."""
    with open(logs / "send_outbox.log", "w") as log:
        subprocess.run(
            [PY, "manage.py", "send_outbox", "--now"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_until_sent(database_url, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        states, _ = outbox_counts(database_url)
        if all(k.startswith("sent") for k in states):
            return
        time.sleep(1)


def run(args, env, logs):
    smtp_port = args.port + 25
    procs = []
    hung = sink = None
    try:
        prepare_demo(env)
        hung = break_smtp(args.smtp, smtp_port)
        procs.append(start(gunicorn_command(args.port), env, logs / "gunicorn.log"))
        for n in (1, 2):
            procs.append(start(worker_command(f"bench-{n}"), env, logs / f"worker{n}.log"))
        wait_http(args.port)

        # The home page alone first (no e-mail waiting), then polled while the patients book.
        baseline_client = Client(args.port)
        baseline = [baseline_client.request("GET", "/")[3] for _ in range(15)]
        requests: list[tuple[int, float, str, str]] = []
        confirms: list[float] = []
        with HomePoller(args.port) as home:
            for n in range(args.bookings):
                confirms.append(book(Client(args.port), n, requests))
            time.sleep(args.hang)  # the workers fail, back off and retry against the broken server
        states_down, _ = outbox_counts(env["DATABASE_URL"])

        # SMTP comes back: same port, a real server; the catch-up command runs beside the workers.
        if hung:
            hung.close()
        sink = Sink(smtp_port)
        send_outbox_now(env, logs)
        wait_until_sent(env["DATABASE_URL"], args.settle)
        time.sleep(3)  # anything sent twice would arrive now
        states, refs = outbox_counts(env["DATABASE_URL"])
        return Run(
            baseline, home.times, requests, confirms, states_down, states, refs, sink.messages
        )
    finally:
        for proc in procs:
            stop(proc)
        if hung:
            hung.close()
        if sink:
            sink.stop()


def count_deliveries(messages):
    """E-mails per patient address, staff notices per booking reference, copies per Message-ID."""
    patient: Counter[str] = Counter()
    staff: Counter[str] = Counter()
    ids: Counter[str] = Counter()
    for rcpts, raw in messages:
        msg = message_from_bytes(raw)
        ids[msg["Message-ID"]] += 1
        for rcpt in rcpts:
            if rcpt.startswith("bench-"):
                patient[rcpt] += 1
        match = re.search(r"New booking (\w+)", msg["Subject"] or "")
        if match:
            staff[match.group(1)] += 1
    return patient, staff, ids


def report(args, env, result):
    """Print what the run measured; True when it passed."""
    requests, home, confirms = result.requests, result.home, result.confirms
    every = [elapsed for _, elapsed, _, _ in requests] + [elapsed for _, elapsed in home]
    errors = sum(1 for s, *_ in requests if s >= 500) + sum(1 for s, _ in home if s >= 500)
    bookings = [r for r in result.refs if r and not r.startswith("comment-")]
    patient, staff, ids = count_deliveries(result.messages)
    print(
        f"SMTP {FAULTS[args.smtp]} for the bookings and {args.hang:.0f} s more, "
        f"EMAIL_TIMEOUT={env['EMAIL_TIMEOUT']}s, "
        f"2 gunicorn workers x 2 threads, 2 e-mail workers, {args.bookings} bookings"
    )
    print(
        f"requests: {len(every)} ({len(requests)} booking steps, {len(home)} home page); 5xx: {errors}"
    )
    print(
        f"confirm POST: p50 {statistics.median(confirms) * 1000:.0f} ms, "
        f"max {max(confirms) * 1000:.0f} ms"
    )
    home_times = [e for _, e in home]
    print(
        f"home page before any booking (baseline): "
        f"p50 {statistics.median(result.baseline) * 1000:.0f} ms"
    )
    print(
        f"home page while booking and while SMTP {args.smtp}: p50 {statistics.median(home_times) * 1000:.0f} ms, "
        f"max {max(home_times) * 1000:.0f} ms"
    )
    print(
        f"all requests: p50 {statistics.median(every) * 1000:.0f} ms, "
        f"p95 {percentile(every, 0.95) * 1000:.0f} ms, max {max(every) * 1000:.0f} ms"
    )
    print(f"outbox while SMTP {args.smtp}: {result.states_down}")
    print(f"outbox after SMTP is back: {result.states}")
    print(
        f"e-mails delivered: {len(result.messages)} (expected {2 * args.bookings}); "
        f"distinct Message-IDs: {len(ids)}; sent more than once: "
        f"{sum(1 for c in ids.values() if c > 1)}"
    )
    print(
        f"patients with exactly one confirmation: "
        f"{sum(1 for c in patient.values() if c == 1)}/{args.bookings}; "
        f"bookings with exactly one staff notice: "
        f"{sum(1 for r in bookings if staff[r] == 1)}/{len(bookings)}"
    )
    ok = (
        errors == 0
        and len(result.messages) == 2 * args.bookings
        and all(c == 1 for c in ids.values())
        and max(confirms) < 1.0
    )
    print("PASS" if ok else "FAIL")
    return ok


def main():
    args = parse_args()
    logs = Path(os.environ.get("BENCH_LOGS", "/tmp")) / "smtp_fault"
    logs.mkdir(parents=True, exist_ok=True)
    env = production_env(
        f"{PG}/{args.db}", args.port + 25, EMAIL_TIMEOUT=os.environ.get("EMAIL_TIMEOUT", "10")
    )
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", args.db], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.db], check=True)
    try:
        result = run(args, env, logs)
    finally:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", args.db])
    return 0 if report(args, env, result) else 1


if __name__ == "__main__":
    sys.exit(main())
