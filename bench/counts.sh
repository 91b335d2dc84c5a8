#!/usr/bin/env bash
# What counting costs: the page-count beacon (POST /counts/, 204) under gunicorn on 127.0.0.1,
# next to a static file and a page from the page cache in the same run, as req/s ratios and as
# CPU milliseconds per request of the gunicorn workers (steadier than req/s on a shared machine).
# Two servers: counts batched in memory (PAGE_COUNTS_FLUSH_SECONDS=30, the default) and one
# UPSERT per beacon (PAGE_COUNTS_FLUSH_SECONDS=0). At the end the servers stop (writing what they
# hold) and the counts in the database are compared with the beacons wrk sent.
# Usage: bash bench/counts.sh [seconds per URL, default 10]
# Needs the demo loaded (make demo) and Debian's wrk. Ports BENCH_PORT (default 8460) and +1.
# DATABASE_URL chooses the database as for the site (SQLite by default).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
PORT="${BENCH_PORT:-8460}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
export DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY="bench-only-$(date +%s%N)" \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING \
  PAGE_CACHE_GENERATION_FILE="${TMPDIR:-/tmp}/bench-counts-$$.generation" \
  PAGE_COUNTS_RATE_LIMIT=100000000/s
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
LUA=$(mktemp --suffix=.lua); echo 'wrk.method = "POST"' >"$LUA"
PIDS=()
serve() {  # port, then extra environment
  local port=$1; shift
  env "$@" .venv/bin/gunicorn --config gunicorn.conf.py --bind "127.0.0.1:$port" --workers 2 \
    --threads 1 --max-requests 0 --access-logfile /dev/null --log-level warning \
    config.wsgi:application &
  PIDS+=($!)
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/" -o /dev/null && return; sleep 0.2; done
}
stop() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap 'stop; rm -f "$LUA"' EXIT
counted() {  # views counted today for the page, in the database
  .venv/bin/python manage.py shell --verbosity 0 -c "from django.db.models import Sum; from django.utils import timezone; from core.visits.models import PageDayCount as C; print(C.objects.filter(page_id=$1, day=timezone.localdate()).aggregate(n=Sum('views'))['n'] or 0)"
}
ticks() {  # CPU ticks (user + system) of the workers of the gunicorn master $1
  local total=0 pid
  for pid in $(pgrep -P "$1"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
HZ=$(getconf CLK_TCK)
measure() {  # label, master pid, url, [wrk args...]: req/s, ratio to static, CPU ms per request
  local label=$1 master=$2 url=$3; shift 3
  local before after out rps count ms
  before=$(ticks "$master")
  out=$(wrk -t2 -c8 -d"${DURATION}s" "$@" "$url")
  after=$(ticks "$master")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  count=$(awk '/requests in/ {print $1}' <<<"$out")
  ms=$(awk -v t=$((after - before)) -v n="$count" -v hz="$HZ" 'BEGIN { printf "%.2f", 1000 * t / hz / n }')
  printf '%-34s %10s req/s  %6s  %6s ms CPU/request  (%s requests)\n' "$label" "$rps" \
    "$(awk -v a="$rps" -v b="${STATIC_RPS:-$rps}" 'BEGIN { printf "%.3f", a / b }')" "$ms" "$count"
  LAST_COUNT=$count; LAST_RPS=$rps
  grep 'Non-2xx' <<<"$out" || true
}
serve "$PORT" PAGE_COUNTS_FLUSH_SECONDS=30
BATCHED=${PIDS[0]}
serve "$((PORT + 1))" PAGE_COUNTS_FLUSH_SECONDS=0
DIRECT=${PIDS[1]}
BASE="http://127.0.0.1:$PORT"
CSS=$(curl -fs "$BASE/" | grep -o '/static/css/site\.[0-9a-f]*\.css' | head -n1)
PAGE=$(curl -fs "$BASE/about/" | grep -o 'data-page="[0-9]*"' | head -n1 | tr -dc 0-9)
[ -n "$PAGE" ] || { echo "No page-count script on /about/: is the demo loaded?" >&2; exit 1; }
for _ in 1 2 3 4; do curl -s -o /dev/null "$BASE/about/"; done
BEFORE=$(counted "$PAGE")
printf 'label                                   req/s        ratio   CPU per request\n'
measure "static $CSS" "$BATCHED" "$BASE$CSS"
STATIC_RPS=$LAST_RPS
measure "/about/ from the page cache" "$BATCHED" "$BASE/about/"
measure "beacon, batched (flush 30 s)" "$BATCHED" "$BASE/counts/?p=$PAGE&k=view" -s "$LUA"
SENT=$LAST_COUNT
measure "beacon, one UPSERT each" "$DIRECT" "http://127.0.0.1:$((PORT + 1))/counts/?p=$PAGE&k=view" -s "$LUA"
SENT=$((SENT + LAST_COUNT))
stop; PIDS=()
AFTER=$(counted "$PAGE")
echo "beacons sent: $SENT; views written to the database: $((AFTER - BEFORE))"
