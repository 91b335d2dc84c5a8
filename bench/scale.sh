#!/usr/bin/env bash
# p50 latency of the library, blog index, search and RSS feed at 100 items and at 10,000: two
# PostgreSQL databases, the same demo, both filled by bench/bulk.py (issue 10 compares with the
# 100-item time; with the demo's 6 posts alone the feed would show 6 items instead of 20):
#   h_scale      manage.py migrate + load_demo, then bulk.py --exercises 87 --posts 94 --force
#   h_scale_big  created from h_scale before that fill, then bulk.py (10,000 of each)
# (bulk.py --copy-index for both; VACUUM ANALYZE both after filling.) Each is served by
# gunicorn with production settings and the anonymous page cache off; wrk on 127.0.0.1 gives
# the p50; bench/profile.py gives the SQL queries of one warm request at each size.
#
#   bash bench/scale.sh [seconds per URL, default 8]
#
# SMALL_URL / BIG_URL name the databases (default postgres://postgres@127.0.0.1:5432/h_scale and
# .../h_scale_big); BENCH_PORT (default 8470) and BENCH_PORT+1 are used. Prints, per page, both
# p50s, their ratio (the target is at most 1.5) and both query counts. Needs Debian's wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-8}"
PORT="${BENCH_PORT:-8470}"
SMALL_URL="${SMALL_URL:-postgres://postgres@127.0.0.1:5432/h_scale}"
BIG_URL="${BIG_URL:-postgres://postgres@127.0.0.1:5432/h_scale_big}"
# "knee" is on nearly every bulk copy (the demo is about knees); "wooden" on one page.
PATHS=(/exercises/ /blog/ "/search/?q=knee" "/search/?q=wooden" /blog/feed/rss/)
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
export DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY="bench-only-$(date +%s%N)" \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING \
  PAGE_CACHE_ENABLED=false PAGE_MEMO_ENABLED=false
timeout 600 .venv/bin/python manage.py collectstatic --noinput --verbosity 0
PIDS=()
serve() {  # port, database URL
  DATABASE_URL="$2" .venv/bin/gunicorn --config gunicorn.conf.py --bind "127.0.0.1:$1" \
    --workers 2 --threads 1 --max-requests 0 --access-logfile /dev/null --log-level warning \
    config.wsgi:application &
  PIDS+=($!)
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$1/" -o /dev/null && return; sleep 0.2; done
  echo "gunicorn on $1 did not start" >&2; exit 1
}
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null || true' EXIT
serve "$PORT" "$SMALL_URL"
serve "$((PORT + 1))" "$BIG_URL"
p50() {  # URL: the median latency in ms
  for _ in 1 2 3 4; do curl -fs -o /dev/null "$1"; done
  timeout $((DURATION + 20)) wrk -t1 -c2 -d"${DURATION}s" --timeout 30s --latency "$1" | awk '
    $1 == "50%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
      else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
      printf "%.1f", v }'
}
queries() {  # database URL, path: SQL queries of one warm request
  DATABASE_URL="$1" timeout 120 .venv/bin/python bench/profile.py "$2" -n 1 --top 1 2>/dev/null \
    | awk '/SQL queries per warm request/ { print $2 }'
}
count() {  # database URL: live exercises and posts
  DATABASE_URL="$1" .venv/bin/python manage.py shell -c "from exercises.models import \
ExercisePage; from blog.models import BlogPostPage; print(ExercisePage.objects.live().count(), \
BlogPostPage.objects.live().count())" 2>/dev/null | tail -n1
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   small: $(count "$SMALL_URL")   big: $(count "$BIG_URL")  (exercises posts)"
printf '%-18s %9s %9s %6s %9s %9s\n' page "small ms" "big ms" ratio "small q" "big q"
for path in "${PATHS[@]}"; do
  small=$(p50 "http://127.0.0.1:$PORT$path")
  big=$(p50 "http://127.0.0.1:$((PORT + 1))$path")
  ratio=$(awk -v a="$big" -v b="$small" 'BEGIN { printf "%.2f", a / b }')
  printf '%-18s %9s %9s %6s %9s %9s\n' "$path" "$small" "$big" "$ratio" \
    "$(queries "$SMALL_URL" "$path")" "$(queries "$BIG_URL" "$path")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
