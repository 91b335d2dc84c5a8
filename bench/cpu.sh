#!/usr/bin/env bash
# Worker CPU per request of pages built outside the page cache (PAGE_CACHE_ENABLED=false), as a
# ratio to a static file served by whitenoise from the same gunicorn in the same run. CPU is read
# from /proc (user + system time of the worker processes), so other load on the machine changes
# the wall time but hardly the CPU a request costs. Also prints the warm SQL queries of each page.
# Usage: bash bench/cpu.sh [requests per URL, default 400] [extra paths...]
# Needs the demo loaded (make run does it) and Debian's wrk (installed if missing).
# BENCH_PORT (default 8775) is used. Target (issue 10): at most 25x the static file.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-400}"; shift || true
PORT="${BENCH_PORT:-8775}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
export DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY="bench-only-$(date +%s%N)" \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING \
  PAGE_CACHE_ENABLED=false PAGE_CACHE_GENERATION_FILE="${TMPDIR:-/tmp}/bench-cpu-$$.generation"
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/gunicorn --config gunicorn.conf.py --bind "127.0.0.1:$PORT" --workers 2 --threads 1 \
  --max-requests 0 --access-logfile /dev/null --log-level warning --no-control-socket \
  config.wsgi:application &
MASTER=$!
trap 'kill $MASTER 2>/dev/null; wait 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -fs "$BASE/" -o /dev/null && break; sleep 0.2; done
ticks() {  # user + system clock ticks of the gunicorn workers
  local total=0
  for pid in $(pgrep -P "$MASTER"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
HZ=$(getconf CLK_TCK)
ms_per_request() {  # URL → CPU ms per request over COUNT requests (after 20 warm ones)
  for _ in $(seq 1 20); do curl -s -o /dev/null "$1"; done
  local before after
  before=$(ticks)
  # wrk stops on time, not count: run until COUNT requests, reading the count it reports.
  local done_count
  done_count=$(wrk -t1 -c2 -d"$(( COUNT / 40 + 2 ))s" "$1" | awk '/requests in/ {print $1}')
  after=$(ticks)
  awk -v t="$((after - before))" -v hz="$HZ" -v n="$done_count" \
    'BEGIN { printf "%.2f %d", t * 1000 / hz / n, n }'
}
# The stylesheet's hashed name (pages print their styles inline, so no page links to it).
CSS=/static/$(.venv/bin/python -c \
  'import json; print(json.load(open("staticfiles/staticfiles.json"))["paths"]["css/site.css"])')
SITEMAP=$(curl -fs "$BASE/sitemap.xml")
first_child() {
  grep -o "<loc>[^<]*/$1/[^/<]*/</loc>" <<<"$SITEMAP" | sed 's#<loc>https\?://[^/]*##; s#</loc>##' \
    | grep -v -e '/category/' -e '/tag/' -e '-7/' | head -n1
}
read -r STATIC_MS STATIC_N <<<"$(ms_per_request "$BASE$CSS")"
printf '%-46s %8s ms CPU/request  %6s requests  ratio\n' "static $CSS" "$STATIC_MS" "$STATIC_N"
for path in / /exercises/ "$(first_child exercises)" /blog/ "$(first_child blog)" /book/ "$@"; do
  [ -n "$path" ] || continue
  read -r MS N <<<"$(ms_per_request "$BASE$path")"
  ratio=$(awk -v a="$MS" -v b="$STATIC_MS" 'BEGIN { printf "%.1f", a / b }')
  printf '%-46s %8s ms CPU/request  %6s requests  %sx\n' "$path" "$MS" "$N" "$ratio"
done
