#!/usr/bin/env bash
# Throughput of site pages under gunicorn on 127.0.0.1, as a ratio to a static file served by
# whitenoise in the same run (the machine is shared, so absolute numbers drift; ratios do not).
# Each page is measured from the anonymous page cache (after one request stores it) and, with
# `uncached`, built every time (PAGE_CACHE_ENABLED=false, a second gunicorn).
# Usage: bash bench/pages.sh [seconds per URL, default 10] [uncached] [extra paths...]
# Needs the demo loaded (make run does it) and Debian's wrk (installed if missing).
# BENCH_PORT (default 8765) and BENCH_PORT+1 are used.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"; shift || true
UNCACHED=""; if [ "${1:-}" = "uncached" ]; then UNCACHED=1; shift; fi
PORT="${BENCH_PORT:-8765}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
export DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY="bench-only-$(date +%s%N)" \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING \
  PAGE_CACHE_GENERATION_FILE="${TMPDIR:-/tmp}/bench-pages-$$.generation"
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
PIDS=()
serve() {  # port, then extra environment
  local port=$1; shift
  env "$@" .venv/bin/gunicorn --config gunicorn.conf.py --bind "127.0.0.1:$port" --workers 2 \
    --threads 1 --max-requests 0 --access-logfile /dev/null --log-level warning \
    config.wsgi:application &
  PIDS+=($!)
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/" -o /dev/null && return; sleep 0.2; done
}
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null || true' EXIT
serve "$PORT" PAGE_CACHE_ENABLED=true
[ -n "$UNCACHED" ] && serve "$((PORT + 1))" PAGE_CACHE_ENABLED=false
BASE="http://127.0.0.1:$PORT"
# The stylesheet's hashed name (pages print their styles inline, so no page links to it).
CSS=/static/$(.venv/bin/python -c \
  'import json; print(json.load(open("staticfiles/staticfiles.json"))["paths"]["css/site.css"])')
# One exercise and one post of the demo, from the sitemap.
SITEMAP=$(curl -fs "$BASE/sitemap.xml")
first_child() {  # the first URL of the sitemap one level under /$1/
  grep -o "<loc>[^<]*/$1/[^/<]*/</loc>" <<<"$SITEMAP" | sed 's#<loc>https\?://[^/]*##; s#</loc>##' \
    | grep -v -e '/category/' -e '/tag/' | head -n1
}
EXERCISE=$(first_child exercises)
POST=$(first_child blog)
rps() { wrk -t2 -c8 -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
STATIC=$(rps "$BASE$CSS")
printf '%-40s %-8s %10s req/s  ratio\n' "$CSS" static "$STATIC"
for path in / /exercises/ "$EXERCISE" /blog/ "$POST" /blog/feed/rss/ /sitemap.xml /about/ /contact/ \
    "/search/?q=knee" "$@"; do
  [ -n "$path" ] || continue
  # Each worker keeps its own copy without Redis: a few requests store the page in both.
  for _ in 1 2 3 4; do curl -s -o /dev/null "$BASE$path"; done
  state=$(curl -s -o /dev/null -D - "$BASE$path" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-page-cache" {print $2}')
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  value=$(rps "$BASE$path")
  ratio=$(awk -v a="$value" -v b="$STATIC" 'BEGIN { printf "%.3f", a / b }')
  printf '%-40s %-8s %10s req/s  %s  (HTTP %s)\n' "$path" "${state:-none}" "$value" "$ratio" "$code"
  if [ -n "$UNCACHED" ]; then
    value=$(rps "http://127.0.0.1:$((PORT + 1))$path")
    ratio=$(awk -v a="$value" -v b="$STATIC" 'BEGIN { printf "%.3f", a / b }')
    printf '%-40s %-8s %10s req/s  %s\n' "" uncached "$value" "$ratio"
  fi
done
