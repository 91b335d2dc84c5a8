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

        self.messages = []
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


def book(client, n, latencies):
    """One patient's journey; returns the booking's review URL, or raises."""

    def go(method, url, data=None):
        status, html, location, elapsed = client.request(method, url, data)
        latencies.append((status, elapsed, method, url.split("?")[0]))
        return status, html, location, elapsed

    _, html, _, _ = go("GET", "/book/")
    service = re.search(r'name="service"[^>]*value="([^"]+)"', html).group(1)
    _, html, _, _ = go("GET", "/book/times/?" + urlencode({"service": service}))
    for _ in range(6):  # the first free time may be a few pages of days ahead
        slot = re.search(r'class="slot" href="([^"]+)"', html)
        if slot:
            break
        later = re.search(r'next free time is on <a href="([^"]+)"', html) or re.search(
            r'href="([^"]+)">Later days', html
        )
        _, html, _, _ = go("GET", unescape(later.group(1)))
    details = unescape(slot.group(1))
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
        refs = dict(
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smtp", choices=("hung", "refused"), default="hung")
    parser.add_argument("--bookings", type=int, default=8)
    parser.add_argument("--db", default="h_mail_bench", help="scratch database (dropped)")
    parser.add_argument("--port", type=int, default=8400, help="gunicorn; SMTP uses port + 25")
    parser.add_argument("--settle", type=float, default=90, help="max seconds to wait for mail")
    parser.add_argument(
        "--hang", type=float, default=25, help="seconds SMTP stays down after the last booking"
    )
    args = parser.parse_args()
    smtp_port = args.port + 25
    database_url = f"{PG}/{args.db}"
    logs = Path(os.environ.get("BENCH_LOGS", "/tmp")) / "smtp_fault"
    logs.mkdir(parents=True, exist_ok=True)

    env = {
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
        "EMAIL_TIMEOUT": os.environ.get("EMAIL_TIMEOUT", "10"),
        # Short waits between retries so the bench ends in a minute or two.
        "OUTBOX_RETRY_BASE_SECONDS": "2",
        "OUTBOX_RETRY_MAX_SECONDS": "8",
        "BOOKING_RATE_LIMIT": "100000/h",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "2",
        "PYTHONPATH": "site",
    }
    subprocess.run(
        ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", args.db], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.db], check=True)
    procs = []
    hung = sink = None
    try:
        prepare_demo(env)
        if args.smtp == "hung":
            hung = HungSMTP(smtp_port)
        elif not port_refuses(smtp_port):
            raise RuntimeError(f"something listens on {smtp_port}; --smtp refused needs it free")
        procs.append(
            start(
                [
                    GUNICORN,
                    "--config",
                    "gunicorn.conf.py",
                    "--bind",
                    f"127.0.0.1:{args.port}",
                    "--no-control-socket",
                    "config.wsgi:application",
                ],
                env,
                logs / "gunicorn.log",
            )
        )
        for n in (1, 2):
            procs.append(
                start(
                    [
                        PY,
                        "manage.py",
                        "db_worker",
                        "--backend",
                        "email",
                        "--no-reload",
                        "--interval",
                        "0.5",
                        "--worker-id",
                        f"bench-{n}",
                    ],
                    env,
                    logs / f"worker{n}.log",
                )
            )
        wait_http(args.port)

        # The home page alone first (no e-mail waiting), then polled while the patients book.
        baseline_client = Client(args.port)
        baseline = [baseline_client.request("GET", "/")[3] for _ in range(15)]
        home, stop_home = [], threading.Event()

        def poll_home():
            client = Client(args.port)
            while not stop_home.is_set():
                status, _, _, elapsed = client.request("GET", "/")
                home.append((status, elapsed))
                time.sleep(0.2)

        poller = threading.Thread(target=poll_home)
        poller.start()
        requests, confirms = [], []
        for n in range(args.bookings):
            confirms.append(book(Client(args.port), n, requests))
        time.sleep(args.hang)  # the workers fail, back off and retry against the broken server
        stop_home.set()
        poller.join()
        states_down, _ = outbox_counts(database_url)

        # SMTP comes back: same port, a real server; the catch-up command runs beside the workers.
        if hung:
            hung.close()
        sink = Sink(smtp_port)
        with open(logs / "send_outbox.log", "w") as log:
            subprocess.run(
                [PY, "manage.py", "send_outbox", "--now"],
                cwd=ROOT,
                env=env,
                check=True,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.time() + args.settle
        while time.time() < deadline:
            states, refs = outbox_counts(database_url)
            if all(k.startswith("sent") for k in states):
                break
            time.sleep(1)
        time.sleep(3)  # anything sent twice would arrive now
        states, refs = outbox_counts(database_url)

        # Count what arrived: per patient address, and staff notices per booking reference.
        patient, staff, ids = Counter(), Counter(), Counter()
        for rcpts, raw in sink.messages:
            msg = message_from_bytes(raw)
            ids[msg["Message-ID"]] += 1
            for rcpt in rcpts:
                if rcpt.startswith("bench-"):
                    patient[rcpt] += 1
            match = re.search(r"New booking (\w+)", msg["Subject"] or "")
            if match:
                staff[match.group(1)] += 1
    finally:
        for proc in procs:
            stop(proc)
        if hung:
            hung.close()
        if sink:
            sink.stop()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", args.db])

    every = [elapsed for _, elapsed, _, _ in requests] + [elapsed for _, elapsed in home]
    errors = sum(1 for s, *_ in requests if s >= 500) + sum(1 for s, _ in home if s >= 500)
    bookings = [r for r in refs if r and not r.startswith("comment-")]
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
        f"home page before any booking (baseline): p50 {statistics.median(baseline) * 1000:.0f} ms"
    )
    print(
        f"home page while booking and while SMTP {args.smtp}: p50 {statistics.median(home_times) * 1000:.0f} ms, "
        f"max {max(home_times) * 1000:.0f} ms"
    )
    print(
        f"all requests: p50 {statistics.median(every) * 1000:.0f} ms, "
        f"p95 {percentile(every, 0.95) * 1000:.0f} ms, max {max(every) * 1000:.0f} ms"
    )
    print(f"outbox while SMTP {args.smtp}: {states_down}")
    print(f"outbox after SMTP is back: {states}")
    print(
        f"e-mails delivered: {len(sink.messages)} (expected {2 * args.bookings}); "
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
        and len(sink.messages) == 2 * args.bookings
        and all(c == 1 for c in ids.values())
        and max(confirms) < 1.0
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
