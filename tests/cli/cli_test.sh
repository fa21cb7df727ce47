#!/usr/bin/env bash
# The daifa binary end to end: --version, migrate, user add, demo, serve on a free port, sign in over
# HTTP, then SIGTERM → a clean exit 0 — on SQLite, then on PostgreSQL. Waits on conditions (the log line, the process), never on sleeps.
set -euo pipefail
daifa=$1
work=$(mktemp -d)
server_pid=""
pg_schema=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" || true; fi
  if [ -n "$pg_schema" ]; then psql -q "$DAIFA_TEST_PG_URL" -c "DROP SCHEMA $pg_schema CASCADE" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
source "$(dirname "$0")/serve.sh"

db="sqlite:$work/daifa.db"
"$daifa" --version | grep -q '^daifa [0-9]' || fail "--version"
"$daifa" migrate --db "$db" | grep -q 'schema version' || fail "migrate"
"$daifa" migrate --db "$db" | grep -q 'applied 0 migration' || fail "migrate twice should apply nothing"

# Bad settings name the field.
if DAIFA_LISTEN=nonsense "$daifa" serve --db "$db" 2>"$work/err"; then fail "serve accepted a bad listen address"; fi
grep -q '^daifa: invalid setting listen:' "$work/err" || fail "bad listen not named: $(cat "$work/err")"
if "$daifa" migrate --db "mysql://x" 2>"$work/err"; then fail "migrate accepted a bad url"; fi
grep -q 'db:' "$work/err" || fail "bad db not named"

"$daifa" demo --db "$db" > "$work/demo.txt" || fail "demo"
grep -q 'owner@demo.daifa.local' "$work/demo.txt" || fail "demo logins not printed"
if "$daifa" demo --db "$db" 2>/dev/null; then fail "demo loaded twice"; fi

"$daifa" user add --db "$db" --email ops@example.com --password 'long-enough-1' --role operator | grep -q 'added' \
  || fail "user add"
if "$daifa" user add --db "$db" --email ops@example.com --password 'long-enough-1' --role operator 2>/dev/null; then
  fail "user add accepted a duplicate email"
fi
if "$daifa" user add --db "$db" --email s@example.com --password 'long-enough-1' --role supplier 2>"$work/err"; then
  fail "a supplier user without --supplier was accepted"
fi
grep -q 'supplier_id' "$work/err" || fail "missing supplier not named"

# Serves $1 on a free port, signs in as ops@example.com over HTTP, then stops it with SIGTERM.
serve_and_sign_in() {
  local db=$1
  start_daifa "$db" "$work/log"
  local port=${base##*:}

  curl -fsS "http://127.0.0.1:$port/healthz" | grep -q '"ok"' || fail "healthz"
  curl -fsS "http://127.0.0.1:$port/readyz" | grep -q '"ready"' || fail "readyz"
  local headers code
  headers=$(curl -sS -D - -o "$work/login.json" -H 'Content-Type: application/json' \
    -d '{"email":"ops@example.com","password":"long-enough-1"}' "http://127.0.0.1:$port/api/v1/auth/login")
  echo "$headers" | grep -qi '^set-cookie: daifa_session=.*HttpOnly' || fail "login cookie ($db): $headers"
  code=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"email":"ops@example.com","password":"wrong-password"}' "http://127.0.0.1:$port/api/v1/auth/login")
  [ "$code" = 401 ] || fail "wrong password gave $code"
  code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer nope" "http://127.0.0.1:$port/api/v1/products")
  [ "$code" = 401 ] || fail "bad token gave $code"

  kill -TERM "$server_pid"
  local status=0
  wait "$server_pid" || status=$?
  server_pid=""
  [ "$status" = 0 ] || fail "serve exited $status after SIGTERM"
  grep -q '"msg":"stopped"' "$work/log" || fail "no orderly stop in the log"
}

serve_and_sign_in "$db"

# The same binary on PostgreSQL (scripts/test starts a private server and sets DAIFA_TEST_PG_URL).
[ -n "${DAIFA_TEST_PG_URL:-}" ] || fail "DAIFA_TEST_PG_URL is not set: run through scripts/test"
schema="cli_$$_$RANDOM"
psql -q "$DAIFA_TEST_PG_URL" -c "CREATE SCHEMA $schema" || fail "create schema"
pg_schema=$schema
pg="$DAIFA_TEST_PG_URL?options=-csearch_path%3D$schema"
"$daifa" migrate --db "$pg" | grep -q 'schema version' || fail "migrate on PostgreSQL"
"$daifa" user add --db "$pg" --email ops@example.com --password 'long-enough-1' --role operator | grep -q 'added' \
  || fail "user add on PostgreSQL"
serve_and_sign_in "$pg"
echo "2 passed, 0 failed"
