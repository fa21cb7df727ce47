#!/usr/bin/env bash
# Nothing acknowledged is lost when the server dies: `daifa serve` takes orders from four concurrent clients
# and is killed with SIGKILL while they are being written — three times, at a different point each time, on
# SQLite and then on PostgreSQL. Restarted on the same store, it has every order it answered 201 for, whole
# (its lines), and the ledger still balances. Orders it took but had not answered may or may not be there; a
# killed process keeps what it handed to the kernel, so this proves "answered only after commit", not the
# disk's side of durability (docs/decisions/0009-durability-off-the-writer.md).
# A webhook subscription to a receiver on 127.0.0.1 (Python's http.server) is in place throughout: after the
# last restart every answered order's order.created event reaches the receiver (at least once) — the server
# was killed three times while deliveries were flowing — and no delivery is dead.
# Waits on conditions (the log line, the count of answers, the processes), never on sleeps.
set -euo pipefail
daifa=$1
work=$(mktemp -d)
server_pid=""
receiver_pid=""
client_pids=()
# A delivery the server had claimed when it was killed is claimed again once its lease (timeout + 30 s) ends.
export DAIFA_WEBHOOK_TIMEOUT_MS=1000
pg_schema=""
cleanup() {
  touch "$work/stop"
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid"; wait "$server_pid" || true; fi
  for pid in "${client_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$receiver_pid" ]; then kill "$receiver_pid" 2>/dev/null || true; wait "$receiver_pid" 2>/dev/null || true; fi
  if [ -n "$pg_schema" ]; then psql -q "$DAIFA_TEST_PG_URL" -c "SET client_min_messages = warning; DROP SCHEMA $pg_schema CASCADE" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pause() { read -r -t 0.05 <> <(:) || true; }  # between polls of a condition, not a synchronisation
source "$(dirname "$0")/serve.sh"

start_server() { start_daifa "$1" "$work/server.log"; }

# The webhook receiver: one line per delivery (event id, event type, body) in $work/received; answers 200.
python3 - "$work" <<'PY' > "$work/receiver.log" 2>&1 &
import http.server, sys, os
work = sys.argv[1]
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8", "replace")
        line = "%s\t%s\t%s\n" % (self.headers.get("X-Daifa-Event-Id"), self.headers.get("X-Daifa-Event"), body.replace("\n", " "))
        with open(os.path.join(work, "received"), "a", encoding="utf-8") as f:
            f.write(line)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
with open(os.path.join(work, "receiver.port.tmp"), "w") as f:
    f.write(str(server.server_address[1]))
os.rename(os.path.join(work, "receiver.port.tmp"), os.path.join(work, "receiver.port"))
server.serve_forever()
PY
receiver_pid=$!
for _ in $(seq 1 600); do [ -e "$work/receiver.port" ] && break; kill -0 "$receiver_pid" 2>/dev/null || fail "receiver: $(cat "$work/receiver.log")"; pause; done
[ -e "$work/receiver.port" ] || fail "the webhook receiver did not start"
hook_url="http://127.0.0.1:$(cat "$work/receiver.port")/hook"
touch "$work/received"

# One client: orders with two lines, one after another, until told to stop; every 201 is noted with the
# order's id. Transport errors (the server was killed) end nothing: the loop goes on until the stop file.
client() {
  local n=$1 round=$2 i=0 code id
  while [ ! -e "$work/stop" ]; do
    i=$((i + 1))
    local ext="crash-$round-$n-$i"
    local body
    body=$(printf '{"channel_id":"%s","external_id":"%s","customer":{"name":"张三","phone":"1380013%04d"},"shipping_address":{"name":"张三","phone":"1380013%04d","country":"CN","province":"浙江省","city":"杭州市","district":"西湖区","line1":"文三路 %d 号"},"lines":[{"sku":"%s","quantity":1,"unit_price":{"amount":9900,"currency":"CNY"}},{"sku":"%s","quantity":1,"unit_price":{"amount":5900,"currency":"CNY"}}],"payment":{"method":"prepaid"}}' \
      "$channel" "$ext" "$i" "$i" "$i" "${skus[$(( (n + i) % ${#skus[@]} ))]}" "${skus[$(( (n + i + 1) % ${#skus[@]} ))]}")
    code=$(curl -sS -o "$work/answer-$n.json" -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "$body" "$base/api/v1/orders" 2>/dev/null) || continue
    if [ "$code" = 201 ]; then
      id=$(jq -r .id "$work/answer-$n.json")
      echo "$ext $id" >> "$work/acked-$round-$n"
    fi
  done
}

run_rounds() {
  local db=$1 round acked target
  rm -f "$work"/acked-*  # the answers noted for the previous store
  "$daifa" demo --db "$db" > /dev/null || fail "demo ($db)"
  "$daifa" user add --db "$db" --email crash@example.com --password 'crash-test-password' --role operator > /dev/null
  start_server "$db"
  curl -fsS -c "$work/cookies" -o "$work/login.json" -H 'Content-Type: application/json' \
    -d '{"email":"crash@example.com","password":"crash-test-password"}' "$base/api/v1/auth/login" || fail "sign-in"
  token=$(curl -fsS -b "$work/cookies" -H "X-CSRF-Token: $(jq -r .csrf_token "$work/login.json")" \
    -H 'Content-Type: application/json' -d '{"name":"crash"}' "$base/api/v1/tokens" | jq -r .token)
  [ -n "$token" ] && [ "$token" != null ] || fail "no API token"
  channel=$(curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/channels" |
    jq -r '[.items[] | select(.kind == "api" and .distributor_id == null)][0].id')
  mapfile -t skus < <(curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/offers?limit=100" |
    jq -r '[.items[] | select(.active and .stock > 0) | .sku] | unique | .[]')
  [ "${#skus[@]}" -ge 2 ] || fail "the demo has no SKUs in stock"
  hook=$(curl -fsS -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"url\":\"$hook_url\",\"events\":[\"order.created\"]}" "$base/api/v1/webhooks" | jq -r .id)
  [ -n "$hook" ] && [ "$hook" != null ] || fail "no webhook subscription"

  for round in 1 2 3; do
    rm -f "$work/stop"
    client_pids=()
    for n in 1 2 3 4; do client "$n" "$round" & client_pids+=($!); done
    # Killed once this many orders were answered: a different moment of the writer's work each round.
    target=$((20 + RANDOM % 60))
    acked=0
    for _ in $(seq 1 2400); do  # bounded: 2 minutes
      acked=$({ cat "$work"/acked-"$round"-* 2>/dev/null || true; } | wc -l)
      [ "$acked" -ge "$target" ] && break
      kill -0 "$server_pid" 2>/dev/null || fail "server exited: $(tail -5 "$work/server.log")"
      pause
    done
    [ "$acked" -ge "$target" ] || fail "round $round: only $acked orders answered"
    kill -KILL "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    touch "$work/stop"
    for pid in "${client_pids[@]}"; do wait "$pid" || true; done
    client_pids=()

    start_server "$db"  # recovery: SQLite replays its WAL; PostgreSQL never stopped
    local n_acked=0 missing=0 line ext id got
    while read -r ext id; do
      n_acked=$((n_acked + 1))
      got=$(curl -sS -o "$work/order.json" -w '%{http_code}' -H "Authorization: Bearer $token" "$base/api/v1/orders/$id")
      if [ "$got" != 200 ] || [ "$(jq -r .external_id "$work/order.json")" != "$ext" ] ||
         [ "$(jq '.lines | length' "$work/order.json")" != 2 ]; then
        missing=$((missing + 1))
        echo "acknowledged order $ext ($id) after the restart: HTTP $got $(head -c 300 "$work/order.json")" >&2
      fi
    done < <(cat "$work"/acked-"$round"-*)
    [ "$missing" = 0 ] || fail "round $round ($db): $missing of $n_acked acknowledged orders lost or incomplete"
    curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/ledger/trial-balance" | jq -e '.balanced == true' > /dev/null \
      || fail "round $round ($db): the ledger does not balance after the restart"
    echo "round $round ($db): killed after $n_acked answered orders; all $n_acked present and whole, ledger balanced"
  done

  # Every answered order's order.created reaches the receiver, though the server died three times meanwhile.
  local waiting=1 deadline=$((SECONDS + 120))  # bounded: a delivery cut by the kill is claimed again after 31 s
  while [ "$SECONDS" -lt "$deadline" ]; do
    waiting=$(awk -F '\t' 'FNR == NR { split($0, f, " "); want["\"" f[2] "\""] = 1; next }
      $2 == "order.created" { for (k in want) if (index($3, k)) delete want[k] }
      END { n = 0; for (k in want) n++; print n }' <(cat "$work"/acked-*) "$work/received")
    [ "$waiting" = 0 ] && break
    kill -0 "$server_pid" 2>/dev/null || fail "server exited: $(tail -5 "$work/server.log")"
    pause
  done
  [ "$waiting" = 0 ] || fail "$db: $waiting answered orders' order.created never reached the webhook receiver"
  curl -fsS -H "Authorization: Bearer $token" "$base/api/v1/webhooks/$hook/deliveries?status=dead" |
    jq -e '.items | length == 0' > /dev/null || fail "$db: dead webhook deliveries"
  echo "$db: every answered order's order.created was delivered to the webhook receiver ($(wc -l < "$work/received") deliveries so far)"
  kill -TERM "$server_pid"
  wait "$server_pid" || fail "serve did not stop cleanly"
  server_pid=""
}

run_rounds "sqlite:$work/daifa.db"

[ -n "${DAIFA_TEST_PG_URL:-}" ] || fail "DAIFA_TEST_PG_URL is not set: run through scripts/test"
schema="crash_$$_$RANDOM"
psql -q "$DAIFA_TEST_PG_URL" -c "CREATE SCHEMA $schema" || fail "create schema"
pg_schema=$schema
pg="$DAIFA_TEST_PG_URL?options=-csearch_path%3D$schema"
"$daifa" migrate --db "$pg" > /dev/null || fail "migrate on PostgreSQL"
run_rounds "$pg"
echo "2 passed, 0 failed"
