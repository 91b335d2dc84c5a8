#!/usr/bin/env bash
# Lighthouse (mobile, simulated throttling) on the home page, one exercise, one post and the
# booking start, served by gunicorn with the production settings on 127.0.0.1.
# Prints per page the median of each category score over the runs (and every run's performance
# score), the median LCP and its spread, the bytes transferred and every audit below 1 with the
# number of runs it was, with the load average at the time (the machine is shared: LCP and total
# blocking time move between runs; docs/decisions/0013).
# Usage: bash bench/lighthouse.sh [extra paths...]   (LIGHTHOUSE_RUNS=5 runs per page)
# Needs the demo loaded (make run does it), Debian's Chromium (installed if missing) and npm.
# Lighthouse is installed once into LIGHTHOUSE_DIR (default: a folder under $TMPDIR), never into
# the repository. BENCH_PORT (default 8767) is used; JSON reports are kept in LIGHTHOUSE_OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
# Lighthouse 13 needs Node >= 22.12; Debian's Node is 20, where 12.8 is the newest that runs.
LIGHTHOUSE_VERSION=12.8.2
PORT="${BENCH_PORT:-8767}"
LH_DIR="${LIGHTHOUSE_DIR:-${TMPDIR:-/tmp}/lighthouse-$LIGHTHOUSE_VERSION}"
OUT="${LIGHTHOUSE_OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
RUNS="${LIGHTHOUSE_RUNS:-5}"  # per page; medians are shown
[ -x /usr/bin/chromium ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
if [ ! -x "$LH_DIR/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$LH_DIR"
  npm install --prefix "$LH_DIR" --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION"
fi
export DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY="bench-only-$(date +%s%N)" \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING \
  PAGE_CACHE_GENERATION_FILE="${TMPDIR:-/tmp}/bench-lighthouse-$$.generation"
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/gunicorn --config gunicorn.conf.py --bind "127.0.0.1:$PORT" --workers 2 \
  --access-logfile /dev/null --log-level warning config.wsgi:application &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null; wait 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -fs "$BASE/" -o /dev/null && break; sleep 0.2; done
SITEMAP=$(curl -fs "$BASE/sitemap.xml")
first_child() {  # the first URL of the sitemap one level under /$1/
  grep -o "<loc>[^<]*/$1/[^/<]*/</loc>" <<<"$SITEMAP" | sed 's#<loc>https\?://[^/]*##; s#</loc>##' \
    | grep -v -e '/category/' -e '/tag/' -e '/knee-7/' | head -n1
}
# Headless Chromium still runs its omnibox popup (chrome://omnibox-popup.top-chrome/) in a
# renderer of its own, and that popup's script runs when the page navigates. Lighthouse 12.8's
# forced-reflow insight keeps one stack of running scripts across every process of the trace, so
# the page's first layout (no script of the page running) was counted as a forced reflow whenever
# it took 30 ms or more while the popup's script ran: "[unattributed]" in one run in three.
# Without the popup the insight sees only the page's own processes.
NO_BROWSER_UI="--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup"
PAGES=(/ "$(first_child exercises)" "$(first_child blog)" /book/ "$@")
echo "Lighthouse $LIGHTHOUSE_VERSION, mobile, simulated throttling; $(nproc) cores," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-44s %5s %5s %5s %5s %8s %9s\n' page perf a11y best seo LCP bytes
for path in "${PAGES[@]}"; do
  [ -n "$path" ] || continue
  # Each gunicorn worker keeps its own page cache: a visitor gets the stored page.
  for _ in 1 2 3 4; do curl -s -o /dev/null -H 'Accept-Encoding: gzip, br' "$BASE$path"; done
  name="$(tr -c 'a-z0-9\n' '-' <<<"${path#/}" | sed 's/^$/home/')"
  reports=()
  # A run Lighthouse itself could not record (its trace lacks the navigation: NO_NAVSTART, seen
  # about once in 20 runs here) is named and run again, up to RUNS more times for the page.
  attempt=0
  while [ "${#reports[@]}" -lt "$RUNS" ] && [ "$attempt" -lt $((RUNS * 2)) ]; do
    attempt=$((attempt + 1))
    report="$OUT/$name-$attempt.json"
    if CHROME_PATH=/usr/bin/chromium "$LH_DIR/node_modules/.bin/lighthouse" "$BASE$path" --quiet \
      --form-factor=mobile --throttling-method=simulate --output=json --output-path="$report" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage $NO_BROWSER_UI" \
      >/dev/null 2>&1; then
      reports+=("$report")
    else
      error=$(.venv/bin/python -c 'import json, sys
try: print(json.load(open(sys.argv[1])).get("runtimeError", {}).get("code", "no report"))
except (OSError, ValueError): print("no report")' "$report")
      echo "$path: lighthouse run $attempt failed ($error); run again"
    fi
  done
  [ "${#reports[@]}" -gt 0 ] || continue
  .venv/bin/python - "$path" "${reports[@]}" <<'PY'
import json
import statistics
import sys

path, runs = sys.argv[1], [json.load(open(name)) for name in sys.argv[2:]]
lcps = [run["audits"]["largest-contentful-paint"]["numericValue"] / 1000 for run in runs]
# Each category's median score over the runs (every run's performance score is printed too);
# the run with the median LCP stands for the page's audits; the others only show the spread.
report = runs[lcps.index(statistics.median_low(lcps))]
categories = [statistics.median_low(run["categories"][name]["score"] or 0 for run in runs)
              for name in ("performance", "accessibility", "best-practices", "seo")]
audits = report["audits"]
lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
size = audits["total-byte-weight"]["numericValue"]
scores = " ".join(f"{round(s * 100):5d}" if s is not None else "    -" for s in categories)
spread = "/".join(f"{value:.2f}" for value in sorted(lcps))
perf = "/".join(str(round(run["categories"]["performance"]["score"] * 100)) for run in runs)
print(f"{path:<44} {scores} {lcp:7.2f}s {size / 1024:7.1f}KB  (LCP of {len(runs)} runs: {spread};"
      f" performance: {perf})")
# As the report shows them: failing below 0.9 (red or orange), below 1 noted, errors named;
# with the number of runs of this page where the audit did so. max-potential-fid is one of
# Lighthouse's hidden metrics (weight 0, not in the report); it is printed as such.
HIDDEN = {"max-potential-fid"}
for key, audit in sorted(audits.items()):
    mode = audit.get("scoreDisplayMode")
    detail = audit.get("displayValue") or audit.get("errorMessage") or ""
    scores = [run["audits"][key].get("score") for run in runs if key in run["audits"]]
    if mode in {"informative", "notApplicable", "manual"}:
        continue
    failing = sum(1 for s in scores if s is not None and s < 0.9)
    below = sum(1 for s in scores if s is not None and s < 1)
    errors = sum(1 for run in runs if run["audits"].get(key, {}).get("scoreDisplayMode") == "error")
    label = "hidden metric" if key in HIDDEN else "failing" if failing else "below 1"
    if errors:
        print(f"    error:   {key} in {errors} of {len(runs)} runs {detail}")
    elif below:
        print(f"    {label}: {key} in {failing or below} of {len(runs)} runs"
              f" (median run: score {audit.get('score') or 0:.2f}) {detail}")
PY
done
echo "JSON reports: $OUT  (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
