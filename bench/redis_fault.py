"""Benchmark: the site under gunicorn while Redis refuses connections, hangs, then is healthy.

Builds a scratch SQLite database with the demo practice, requests every page once without Redis (so
image renditions exist before timing), then starts gunicorn with production settings on 127.0.0.1
once per case (no Redis, refused, hung, healthy), warms both workers with 4 concurrent untimed
requests per page, requests each page N times in turn and prints, per case, the number of requests, how
many answered 5xx (or not at all), the median and worst latency in milliseconds and how many
took over 1 s.

    .venv/bin/python bench/redis_fault.py [--requests 20] [--port 8210]
        [--redis redis://127.0.0.1:6379/0] [--scratch DIR]

Ports: gunicorn on --port, the refused Redis on --port + 1, the hung one on --port + 2.
The healthy case needs a real Redis at --redis (skipped with a note when none answers).
"""

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PAGES = [
    "/",
    "/exercises/",
    "/exercises/three-step-knee-reset/",
    "/exercises/knee-7/",
    "/blog/",
    "/search/?q=knee",
    "/contact/",
    "/book/",
    "/book/times/?service=initial-assessment",
    "/admin/login/",
]
REQUEST_TIMEOUT = 10  # seconds; a request that takes longer counts as a failure


def hung_server(port, stop):
    """Accept connections on 127.0.0.1:port and never answer, until `stop` is set."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", port))
    server.listen(128)
    server.settimeout(0.1)
    held = []

    def loop():
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue
        for conn in held:
            conn.close()
        server.close()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    return thread


def port_refuses(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def redis_answers(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        return False


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=600)


def first_post_url(env):
    """The URL of the first live blog post in the demo."""
    code = "from blog.models import BlogPostPage; print(BlogPostPage.objects.live().first().url)"
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return out.stdout.strip().splitlines()[-1]


def fetch(url):
    """(status, seconds); status 0 when the request failed or timed out."""
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        status = 0
    return status, time.perf_counter() - started


def run_case(name, redis_url, env, port, pages, repeats, log_dir):
    case_env = {**env, "REDIS_URL": redis_url, "CACHE_KEY_PREFIX": f"bench-{os.getpid()}"}
    if not redis_url:
        del case_env["REDIS_URL"]
    log = open(log_dir / f"gunicorn-{name}.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [GUNICORN, "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "2", "--threads", "2", "--access-logfile", "/dev/null"]
        + ["config.wsgi:application"],
        cwd=ROOT,
        env=case_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):  # up to ~20 s to start
            if fetch(f"{base}/robots.txt")[0] == 200:
                break
            time.sleep(0.2)
        else:
            raise SystemExit(f"gunicorn did not start for {name}; see {log.name}")
        # Warm both workers (first render compiles templates, in every case alike), untimed. Redis
        # is still tried again every 5 s per worker while the case runs.
        for page in pages:
            warmers = [threading.Thread(target=fetch, args=(base + page,)) for _ in range(4)]
            for warmer in warmers:
                warmer.start()
            for warmer in warmers:
                warmer.join()
        latencies, failures, slow = [], 0, []
        by_page: dict = {}
        for page in pages:
            for attempt in range(1, repeats + 1):
                status, seconds = fetch(base + page)
                latencies.append(seconds)
                if seconds > 1:
                    slow.append(f"{page} #{attempt} {seconds * 1000:.0f} ms")
                by_page.setdefault(page, []).append(status)
                if status == 0 or status >= 500:
                    failures += 1
        return {
            "requests": len(latencies),
            "failures": failures,
            "p50": statistics.median(latencies) * 1000,
            "max": max(latencies) * 1000,
            "slow": slow,
            "statuses": {page: sorted(set(codes)) for page, codes in by_page.items()},
        }
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="requests per page and case")
    parser.add_argument(
        "--scratch", help="folder for the database and logs (reused if it has them)"
    )
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8210)))
    parser.add_argument(
        "--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    args = parser.parse_args()
    port, refused_port, hung_port = args.port, args.port + 1, args.port + 2
    if not port_refuses(refused_port):
        raise SystemExit(f"port {refused_port} must have nothing listening")

    scratch = Path(args.scratch or tempfile.mkdtemp(prefix="redis-fault-"))
    scratch.mkdir(parents=True, exist_ok=True)
    fresh = not (scratch / "db.sqlite3").exists()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": f"bench-only-{time.time_ns()}",
        "DATABASE_URL": f"sqlite:///{scratch / 'db.sqlite3'}",
        "MEDIA_ROOT": str(scratch / "media"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT / "site"),
    }
    env.pop("REDIS_URL", None)
    print(f"Scratch database and logs in {scratch}", file=sys.stderr)
    if fresh:
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    pages = [*PAGES[:5], first_post_url(env), *PAGES[5:]]

    stop = threading.Event()
    hung = hung_server(hung_port, stop)
    cases = [
        ("no-redis", ""),  # the same pages on the same machine in the same run, for comparison
        ("refused", f"redis://127.0.0.1:{refused_port}/0"),
        ("hung", f"redis://127.0.0.1:{hung_port}/0"),
    ]
    if args.redis and redis_answers(args.redis):
        cases.append(("healthy", args.redis))
    elif args.redis:
        print(f"No Redis answers at {args.redis}: healthy case left out", file=sys.stderr)
    else:
        print("No --redis URL given: healthy case left out", file=sys.stderr)
    try:
        # Image renditions are made on first view and kept: make them before any case is timed.
        run_case("warm-up", "", env, port, pages, 1, scratch)
        results = [
            (name, run_case(name, url, env, port, pages, args.requests, scratch))
            for name, url in cases
        ]
    finally:
        stop.set()
        hung.join(timeout=5)

    print(f"{len(pages)} pages x {args.requests} requests, gunicorn 2 workers x 2 threads")
    print(f"{'case':<10}{'requests':>10}{'5xx':>6}{'p50 ms':>10}{'max ms':>10}{'> 1 s':>8}")
    for name, result in results:
        print(
            f"{name:<10}{result['requests']:>10}{result['failures']:>6}"
            f"{result['p50']:>10.1f}{result['max']:>10.1f}{len(result['slow']):>8}"
        )
    for name, result in results:
        if result["slow"]:
            print(f"{name}: over 1 s: {'; '.join(result['slow'])}")
        odd = {page: codes for page, codes in result["statuses"].items() if codes != [200]}
        if odd:
            print(f"{name}: statuses other than 200: {odd}")
    warnings = {
        name: len(
            re.findall("Cache server unavailable", (scratch / f"gunicorn-{name}.log").read_text())
        )
        for name, _ in results
    }
    print(f"'Cache server unavailable' log lines per case: {warnings}")


if __name__ == "__main__":
    main()
