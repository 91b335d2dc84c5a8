"""Browser tests: Debian Chromium driven by Playwright (sync API) against pytest-django's live server.

Every request to a host other than the live server is aborted, so the tests never touch the
network; the aborted URLs are kept on the page as `page.blocked_requests`.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# ORM calls from it (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.factories import ContactPageFactory, StandardPageFactory, build_site  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    }
}
ACTION_TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's items: mark only those collected from this folder.
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_browser():
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install -y chromium). "
            "Do not run `playwright install`.",
            pytrace=False,
        )
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    except Exception as exc:
        playwright.stop()
        pytest.fail(f"Could not launch {CHROMIUM}: {exc}", pytrace=False)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(autouse=True)
def _media_on_disk(settings, tmp_path):
    """The live server serves uploaded images from MEDIA_ROOT, so keep them on disk here
    (the rest of the suite stores them in memory)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def site_tree(transactional_db):
    """The page tree the journey walks: home, About (mentions 'knee') and Contact, both in the menu.

    live_server tests flush the database after each test, so the tree is built here every time.
    """
    site, home = build_site()
    about = StandardPageFactory(
        parent=home,
        title="About",
        slug="about",
        show_in_menus=True,
        intro="Who we are and how we work.",
        body=[
            (
                "paragraph",
                "<p>We treat back, shoulder and knee pain with hands-on care and simple "
                "exercises you can do at home.</p>",
            )
        ],
    )
    contact = ContactPageFactory(parent=home, show_in_menus=True)
    return {"site": site, "home": home, "about": about, "contact": contact}


@pytest.fixture
def browser_page(chromium_browser, live_server):
    """A fresh context and page per test; requests to any other host than the live server are
    aborted and listed in `page.blocked_requests`."""
    allowed = urlsplit(live_server.url)
    context = chromium_browser.new_context(
        viewport=VIEWPORTS["desktop"], base_url=live_server.url, service_workers="block"
    )
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = context.new_page()
    page.blocked_requests = []

    def only_live_server(route):
        url = urlsplit(route.request.url)
        if (url.scheme, url.netloc) == (allowed.scheme, allowed.netloc):
            route.continue_()
        else:
            page.blocked_requests.append(route.request.url)
            route.abort("blockedbyclient")

    page.route("**/*", only_live_server)
    yield page
    context.close()


def assert_accessible(page, name: str) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) on the current page; fail listing violations."""
    results = Axe().run(page, options=AXE_OPTIONS)
    if results.violations_count > 0:
        lines = [f"{name} ({page.url}): {results.violations_count} accessibility violation(s)"]
        for violation in results.response["violations"]:
            lines.append(
                f"- {violation['id']} [{violation.get('impact')}]: {violation['help']} "
                f"({violation.get('helpUrl', '')})"
            )
            for node in violation["nodes"]:
                target = ", ".join(str(t) for t in node["target"])
                summary = node.get("failureSummary", "").strip().replace("\n", "\n      ")
                lines.append(f"    at {target}")
                lines.append(f"      {node.get('html', '').strip()[:200]}")
                lines.append(f"      {summary}")
        pytest.fail("\n".join(lines), pytrace=False)


def screenshot(page, name: str) -> list[Path]:
    """Full-page PNGs of the current page at phone and desktop widths; restores the viewport."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    paths = []
    for label, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        path = SCREENSHOT_DIR / f"{name}-{label}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        paths.append(path)
    if original:
        page.set_viewport_size(original)
    return paths


def admin_sign_in(page, username: str, password: str) -> None:
    """Sign in on the Wagtail login page; when the user has an authenticator (two-factor
    authentication), type the code it would show now."""
    from django.contrib.auth import get_user_model
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    user = get_user_model().objects.get(username=username)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
        page.get_by_label("Code").fill(f"{code:06d}")
        page.get_by_role("button", name="Continue").click()


def reception_group():
    """The Reception group of migration 0003 (and 0009). A live-server test flushes the
    database afterwards, data migrations' rows included, so it is made again when missing."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    group, _ = Group.objects.get_or_create(name="Reception")
    wanted = Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(
            content_type__app_label="booking",
            codename__in=["view_booking", "change_booking", "add_booking", "view_patient"],
        )
    )
    group.permissions.add(*wanted)
    return group
