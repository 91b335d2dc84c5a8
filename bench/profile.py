"""Profile one page rendered in-process: the top functions by cumulative time.

The page is requested through Django's test Client with production settings, the anonymous page
cache off (PAGE_CACHE_ENABLED=false) and warm caches (a few requests first), then N more times
under cProfile. Also prints the SQL queries of one warm request and the mean wall time.

    .venv/bin/python bench/profile.py /blog/ [-n 50] [--top 40] [--sort cumulative|tottime]
    .venv/bin/python bench/profile.py /exercises/ --queries   # list the warm queries too

Needs the demo loaded (make demo).
"""

import sys
from pathlib import Path

# This file is named like the standard library's `profile`, which cProfile imports: take bench/
# off the path first.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import pstats  # noqa: E402
import time  # noqa: E402

ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "site"))
sys.path.insert(0, str(ROOT))

os.environ.update(
    DJANGO_SETTINGS_MODULE="config.settings.production",
    SECRET_KEY=os.environ.get("SECRET_KEY", "profile-only-not-secret-" + "x" * 40),
    ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    SECURE_SSL_REDIRECT="false",
    SECURE_HSTS_SECONDS="0",
    LOG_LEVEL="WARNING",
    PAGE_CACHE_ENABLED="false",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("-n", type=int, default=30, help="profiled renders (default 30)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--queries", action="store_true", help="print the warm SQL queries")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")

    def get() -> None:
        response = client.get(args.path)
        if response.status_code != 200:
            raise SystemExit(f"{args.path} answered {response.status_code}")

    for _ in range(3):  # warm: site root paths, renditions, template loaders, caches
        get()
    with CaptureQueriesContext(connection) as ctx:
        get()
    print(f"{args.path}: {len(ctx.captured_queries)} SQL queries per warm request")
    if args.queries:
        for query in ctx.captured_queries:
            print("  ", query["sql"][:200])

    started = time.perf_counter()
    for _ in range(args.n):
        get()
    wall = (time.perf_counter() - started) / args.n * 1000
    print(f"mean {wall:.1f} ms per request unprofiled ({args.n} requests)")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.n):
        get()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(args.sort)
    stats.print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
