#!/usr/bin/env bash
# Throughput of site pages under gunicorn on 127.0.0.1, as a ratio to a static file served by
# whitenoise in the same run (the machine is shared, so absolute numbers drift; ratios do not).
# Usage: bash bench/pages.sh [seconds per URL, default 10] [extra paths...]
# Needs the demo loaded (make run does it) and Debian's wrk (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"; shift || true
PORT="${BENCH_PORT:-8765}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
export DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY="bench-only-$(date +%s%N)" \
  ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false SECURE_HSTS_SECONDS=0 LOG_LEVEL=WARNING
.venv/bin/python manage.py collectstatic --noinput --verbosity 0
.venv/bin/gunicorn --config gunicorn.conf.py --bind "127.0.0.1:$PORT" --workers 2 --threads 1 \
  --access-logfile /dev/null config.wsgi:application &
GPID=$!
trap 'kill $GPID 2>/dev/null; wait $GPID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$PORT/" -o /dev/null && break; sleep 0.2; done
CSS=$(curl -fs "http://127.0.0.1:$PORT/" | grep -o '/static/css/site\.[0-9a-f]*\.css' | head -n1)
rps() { wrk -t2 -c8 -d"${DURATION}s" "http://127.0.0.1:$PORT$1" | awk '/Requests\/sec/ {print $2}'; }
STATIC=$(rps "$CSS")
printf '%-28s %10s req/s  ratio\n' "$CSS" "$STATIC"
for path in / /about/ /contact/ "/search/?q=knee" "$@"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$path")
  value=$(rps "$path")
  ratio=$(awk -v a="$value" -v b="$STATIC" 'BEGIN { printf "%.3f", a / b }')
  printf '%-28s %10s req/s  %s  (HTTP %s)\n' "$path" "$value" "$ratio" "$code"
done
