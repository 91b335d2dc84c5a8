"""Send generated hostile values to every public form and link of a running server; print the
responses counted by status (any 500 is a bug).

The values come from the same generators as the property tests (tests/fuzz.py). Real values
(a service, a slot, signed review and manage links, a post, a category, a tag, the contact form's
fields) are found over HTTP first: the script books one appointment and releases one hold on
the demo practice.

Usage (from the repository root, with the demo loaded and a server on 127.0.0.1):
    .venv/bin/python bench/fuzz.py http://127.0.0.1:8300 [COUNT_PER_FORM] [--seconds TOTAL]
        [--workers N] [--only 'book: intake,search']
Only 127.0.0.1 is accepted. POSTs carry a CSRF token, so they reach the forms' validation; give
the server high rate limits (BOOKING_RATE_LIMIT and the like) to fuzz past them.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import threading
import time
from collections import Counter
from html import unescape
from pathlib import Path
from urllib.parse import urlencode, urlparse

import requests
from hypothesis import HealthCheck, Phase, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzz import Target, requests_for, tampered  # noqa: E402

DETAILS = {
    "name": "Ana Silva",
    "email": "fuzz@example.com",
    "phone": "604 555 0101",
    "notes": "Left knee",
    "promo_code": "",
    "consent": "on",
    "website": "",
}


class TimeUp(Exception):
    """This form's share of the time bound is used up."""


class Site:
    """An HTTP client for one server: keeps the CSRF cookie itself (production marks it Secure,
    which a client on plain http would otherwise never send back)."""

    def __init__(self, base: str):
        self.base = base.rstrip("/")
        self.http = requests.Session()
        self.csrf = ""

    def _keep_csrf(self, response):
        token = response.cookies.get("csrftoken")
        if token:
            self.csrf = token

    def get(self, path, **kw):
        response = self.http.get(
            self.base + path, allow_redirects=False, timeout=60, headers=self._cookie(), **kw
        )
        self._keep_csrf(response)
        return response

    def post(self, path, data):
        body = {**data, "csrfmiddlewaretoken": self.csrf}
        response = self.http.post(
            self.base + path, data=body, allow_redirects=False, timeout=60, headers=self._cookie()
        )
        self._keep_csrf(response)
        return response

    def _cookie(self):
        return {"Cookie": f"csrftoken={self.csrf}"} if self.csrf else {}


def _first(pattern: str, html: str, default: str = "") -> str:
    found = re.search(pattern, html)
    return unescape(found.group(1)) if found else default


def _path_and_query(url: str) -> tuple[str, dict]:
    parsed = urlparse(url)
    query = dict(pair.split("=", 1) for pair in parsed.query.split("&") if "=" in pair)
    from urllib.parse import unquote_plus

    return parsed.path, {k: unquote_plus(v) for k, v in query.items()}


def _hold(site: Site, service: str) -> tuple[str, str]:
    """(details link, review token) of a new hold."""
    times = site.get(f"/book/times/?{urlencode({'service': service})}").text
    link = _first(r'href="(/book/details/[^"]+)"', times)
    site.get(link)
    review = site.post(link, DETAILS).headers.get("Location", "")
    return link, _path_and_query(review)[1].get("t", "")


def discover(site: Site) -> list[Target]:
    home = site.get("/").text
    book = site.get("/book/").text
    service = _first(r'name="service" value="([^"]+)"', book, "treatment-30")
    link, held = _hold(site, service)
    _, details_query = _path_and_query(link)
    # A confirmed appointment with its manage link, and a released hold.
    _, confirmed = _hold(site, service)
    site.get(f"/book/review/?t={confirmed}")
    site.post(f"/book/review/?t={confirmed}", {"action": "confirm", "accept_policy": "on"})
    done = site.get(f"/book/done/?t={confirmed}").text
    manage = _path_and_query(_first(r'href="([^"]*/book/manage/\?t=[^"]+)"', done))[1].get("t", "")
    intake = _path_and_query(_first(r'href="([^"]*/book/intake/\?t=[^"]+)"', done))[1].get("t", "")
    intake_html = site.get(f"/book/intake/?t={intake}").text
    intake_fields = {
        name: "no"
        for name in re.findall(r'<(?:input|textarea|select)[^>]*name="([^"]+)"', intake_html)
        if name != "csrfmiddlewaretoken"
    }
    _, released = _hold(site, service)
    site.post(f"/book/review/?t={released}", {"action": "release"})
    access = [t for t in (held, confirmed, released) if t]
    bad_access = [bad for token in access for bad in tampered(token)] + [manage]
    bad_manage = [*tampered(manage), *access[:1]]
    slot = details_query.get("slot", "1-202601011000")
    slots = {"slot": [slot, "1-999912312359", "1-000101010000"]}

    library = site.get("/exercises/").text
    exercise = _first(r'href="(/exercises/[-\w]+/)"', library, "/exercises/")
    handout = site.get(exercise + "print/").text
    short = _first(r"/x/(\d+)/", handout, "1")
    blog = site.get("/blog/").text
    post = _first(r'href="(/blog/(?!category/|tag/|feed/|\d{4}/)[-\w]+/)"', blog, "/blog/")
    category = _first(r'href="/blog/category/([-\w]+)/"', blog, "knee-care")
    tag = _first(r'href="/blog/tag/([-\w]+)/"', blog, "knee")
    post_html = site.get(post).text
    rendered_at = _first(r'name="rendered_at" value="([^"]+)"', post_html)
    team = site.get("/team/").text
    person = _first(r'href="/team/([-\w]+)/"', team, "maya")
    practitioner = _first(r"/book/\?practitioner=([-\w]+)", team, "maya")
    page_id = _first(r'data-page="(\d+)"', home, "3")
    contact_path = _first(r'href="(/contact/)"', home, "/contact/")
    contact_html = site.get(contact_path).text
    contact_fields = {
        name: "Robin"
        for name in re.findall(r'<(?:input|textarea)[^>]*name="([^"]+)"', contact_html)
        if name not in {"csrfmiddlewaretoken", "website"}
    }
    for name in contact_fields:
        if "mail" in name:
            contact_fields[name] = "robin@example.com"

    return [
        Target(
            "book: service",
            "/book/",
            {"service": service, "promo": "FIRST15", "practitioner": practitioner, "from": "3"},
        ),
        Target("book: next free", "/api/booking/next-free/", {"service": service, "promo": ""}),
        Target(
            "book: intake",
            "/book/intake/",
            {"t": intake},
            body=intake_fields,
            extra={"t": [*tampered(intake), *access]},
        ),
        Target(
            "book: practitioner feed",
            "/api/booking/calendar/{token}.ics",
            segments={"token": tampered(manage)[0]},
        ),
        Target(
            "book: times",
            "/book/times/",
            {"service": service, "practitioner": "any", "promo": "", "from": "2026-01-05"},
        ),
        Target("book: details", "/book/details/", details_query, body=DETAILS, extra=slots),
        Target(
            "book: review",
            "/book/review/",
            {"t": held},
            body={"action": "confirm", "promo_code": "FIRST15"},
            extra={"t": [*access, *bad_access]},
        ),
        Target("book: done", "/book/done/", {"t": confirmed}, extra={"t": [*access, *bad_access]}),
        Target(
            "book: calendar",
            "/book/calendar/",
            {"t": confirmed},
            extra={"t": [*access, *bad_access]},
        ),
        Target(
            "book: manage",
            "/book/manage/",
            {"t": manage, "moved": "1", "note": ""},
            body={"action": "cancel"},
            extra={"t": bad_manage},
        ),
        Target(
            "book: move",
            "/book/manage/move/",
            {"t": manage, "practitioner": "any", "slot": slot, "from": "2026-01-05"},
            body={"slot": slot},
            extra={"t": bad_manage, **slots},
        ),
        Target(
            "exercises: library",
            "/exercises/",
            {
                "category": "mobility",
                "area": "knee",
                "equipment": "chair",
                "difficulty": "gentle",
                "tag": "runners",
                "q": "knee",
                "page": "1",
            },
        ),
        Target("exercises: handout", exercise + "print/", {"print": "1"}),
        Target("exercises: short link", "/x/{pk}/", segments={"pk": short}),
        Target("exercises: programme day", "/exercises/knee-7/day/{n}/", segments={"n": "1"}),
        Target("blog: index", "/blog/", {"page": "1"}),
        Target("blog: category", "/blog/category/{s}/", {"page": "1"}, segments={"s": category}),
        Target("blog: tag", "/blog/tag/{s}/", {"page": "1"}, segments={"s": tag}),
        Target(
            "blog: archive",
            "/blog/{y}/{m}/",
            {"page": "1"},
            segments={"y": "2026", "m": "3"},
        ),
        Target(
            "blog: feeds",
            "/blog/category/{s}/feed/{kind}/",
            segments={"s": category, "kind": "rss"},
        ),
        Target(
            "blog: comment",
            post,
            {"comment": "pending"},
            body={
                "name": "Priya",
                "email": "priya@example.com",
                "text": "Tried the ball on my calf.",
                "rendered_at": rendered_at,
                "website": "",
            },
        ),
        Target("search", "/search/", {"q": "knee", "page": "1"}),
        Target("team: profile", "/team/{s}/", segments={"s": person}),
        Target("counts: beacon", "/counts/", {"p": page_id, "k": "view"}, body={}),
        Target("contact", contact_path, body={**contact_fields, "website": ""}),
    ]


def fuzz(site, target: Target, count: int, deadline: float, totals: Counter, bad: list, lock):
    counts: Counter = Counter()

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(requests_for(target))
    def run(request):
        if time.monotonic() > deadline:
            raise TimeUp
        url = request.path + ("?" + urlencode(request.query, doseq=True) if request.query else "")
        try:
            if request.method == "POST":
                status = site.post(url, request.body).status_code
            else:
                status = site.get(url).status_code
        except requests.RequestException as error:
            status = type(error).__name__
        counts[status] += 1
        if status == 500 and len(bad) < 10:
            bad.append(str(request))

    with contextlib.suppress(TimeUp):
        run()
    sent = sum(counts.values())
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0])))
    with lock:
        totals.update(counts)
        print(f"{target.name:28} {sent:6} requests  {summary}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url")
    parser.add_argument("count", nargs="?", type=int, default=1000, help="requests per form")
    parser.add_argument("--seconds", type=float, default=600, help="time bound for the whole run")
    parser.add_argument("--workers", type=int, default=2, help="forms fuzzed at the same time")
    parser.add_argument(
        "--only", default="", help="comma-separated form names (as printed) to fuzz, e.g. 'search'"
    )
    args = parser.parse_args()
    if urlparse(args.base_url).hostname != "127.0.0.1":
        sys.exit("Only http://127.0.0.1:<port> is accepted.")
    site = Site(args.base_url)
    started = time.monotonic()
    targets = discover(site)
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        targets = [t for t in targets if t.name in wanted]
    print(f"{len(targets)} forms and links, up to {args.count} requests each", flush=True)
    totals: Counter[int | str] = Counter()
    bad: list[str] = []
    lock = threading.Lock()
    queue = list(enumerate(targets))

    def worker():
        client = Site(args.base_url)
        client.csrf = site.csrf
        while True:
            with lock:
                if not queue:
                    return
                i, target = queue.pop(0)
                # Share what is left of the time bound among the forms still to run.
                left = args.seconds - (time.monotonic() - started)
                deadline = time.monotonic() + max(left, 0) * args.workers / (len(targets) - i)
            fuzz(client, target, args.count, deadline, totals, bad, lock)

    threads = [threading.Thread(target=worker) for _ in range(args.workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"total {sum(totals.values())} requests in {time.monotonic() - started:.0f} s:")
    for status, n in sorted(totals.items(), key=lambda kv: str(kv[0])):
        print(f"  {status}: {n}")
    for line in bad:
        print("500:", line[:400])
    sys.exit(1 if totals.get(500) else 0)


if __name__ == "__main__":
    main()
