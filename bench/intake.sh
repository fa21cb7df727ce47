#!/usr/bin/env bash
# The intake benchmark (issue #5): `daifa serve` on a fresh SQLite file with a catalog of 100,000 offers,
# and order_load — a separate process — posting single orders over HTTP/1.1 keep-alive connections
# (concurrency 64, 1–3 lines each): first as fast as the server answers (closed loop), then at half that
# rate (open loop, latency from each order's due time). Then the ceiling: the same orders through the same
# use case with no HTTP in front (intake_ceiling, on a copy of the freshly seeded database), and the ratio.
# Prints every result, the server's and the generator's CPU per order, and the writer's batching (from
# /metrics).
#
# Usage: bench/intake.sh            (from anywhere; builds what it needs in build/bench-release)
# Settings (environment): ORDERS=100000 OFFERS=100000 CONCURRENCY=64 SEED=1 LOAD_THREADS=1
#   DAIFA_LOG_LEVEL=info (the server's default: one access-log line per request, to $work/server.log)
#   HALF_RATE=<orders/s> to skip the measurement of the maximum and run only the open-loop phase
#   KEEP=1 keeps the temporary folder (database, logs) for a look afterwards
#   PERF_OUT=FILE records a `perf record` profile of the server during the full phase (options: PERF_ARGS)
#   SERVER_PRELOAD=LIB runs the server (only) with LD_PRELOAD=LIB, e.g. another allocator
# Waits on conditions (the log line, /readyz), never on fixed sleeps; stops only the server it started.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build/bench-release"
orders=${ORDERS:-100000}
offers=${OFFERS:-100000}
concurrency=${CONCURRENCY:-64}
seed=${SEED:-1}
load_threads=${LOAD_THREADS:-1}
log_level=${DAIFA_LOG_LEVEL:-info}

fail() { echo "intake.sh: $*" >&2; exit 1; }

# ---- Build (Release, no sanitizers) ----
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDAIFA_TESTS=OFF >/dev/null
fi
cmake --build "$build" -j1 --target daifa order_load seed_catalog intake_ceiling >/dev/null || fail "build failed"
daifa="$build/daifa"
order_load="$build/bench/order_load"

work=$(mktemp -d "${TMPDIR:-/tmp}/daifa-intake.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work" >&2; fi
}
trap cleanup EXIT

# ---- Database, catalog, user ----
db="sqlite:$work/intake.db"
"$daifa" migrate --db "$db" >/dev/null
"$build/bench/seed_catalog" --db "$db" --offers "$offers" --seed "$seed" --skus-out "$work/skus.tsv" \
  >"$work/seed.txt" 2>"$work/seed.log" || fail "seeding failed: $(cat "$work/seed.log")"
channel_id=$(sed -n 's/^channel_id=//p' "$work/seed.txt")
[ -n "$channel_id" ] || fail "no channel id from seed_catalog"
email=intake-bench@daifa.test
password=intake-bench-password
"$daifa" user add --db "$db" --email "$email" --password "$password" --role operator >/dev/null
# The ceiling runs later on a copy of this state (the server is stopped by then: they never compete).
for f in "$work"/intake.db*; do cp "$f" "$work/ceiling${f#"$work"/intake}"; done

# ---- Server ----
DAIFA_DB="$db" DAIFA_LOG_LEVEL="$log_level" LD_PRELOAD="${SERVER_PRELOAD:-}" "$daifa" serve --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 300); do  # bounded: 30 s at most
  port=$(grep -o '"url":"http://127.0.0.1:[0-9]*"' "$work/server.log" | grep -o '[0-9]*"$' | tr -d '"' || true)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "server exited: $(cat "$work/server.log")"
  read -r -t 0.1 <> <(:) || true  # a 100 ms pause between polls, not a synchronisation
done
[ -n "$port" ] || fail "server did not report its port"
base="http://127.0.0.1:$port"
ready=""
for _ in $(seq 1 300); do  # bounded: 30 s at most
  if curl -fsS "$base/readyz" 2>/dev/null | grep -q '"ready"'; then ready=1; break; fi
  kill -0 "$server_pid" 2>/dev/null || fail "server exited: $(cat "$work/server.log")"
  read -r -t 0.1 <> <(:) || true
done
[ -n "$ready" ] || fail "/readyz did not answer ready"

# An API token, the way an integration gets one: sign in, then POST /tokens with the session.
curl -fsS -c "$work/cookies" -o "$work/login.json" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login" || fail "sign-in failed"
csrf=$(jq -r .csrf_token "$work/login.json")
token=$(curl -fsS -b "$work/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"name":"intake-bench"}' "$base/api/v1/tokens" | jq -r .token)
[ -n "$token" ] && [ "$token" != null ] || fail "no API token"

code=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{}' "$base/api/v1/orders")
[ "$code" != 404 ] && [ "$code" != 405 ] || fail "this build does not serve POST /api/v1/orders (got $code)"

# CPU seconds (user + system) the server has used so far, from /proc.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server_pid/stat"; }
# The server's writer thread (named daifa-writer), the one thread every order passes: its CPU seconds so far,
# and the seconds it has spent runnable but waiting for a CPU (the second field of its schedstat, in ns).
writer_task() {
  local task
  for task in /proc/"$server_pid"/task/*; do
    if [ "$(cat "$task/comm" 2>/dev/null)" = daifa-writer ]; then echo "$task"; return; fi
  done
}
writer_cpu() {
  local task; task=$(writer_task)
  if [ -z "$task" ]; then echo 0; return; fi
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "$task/stat"
}
writer_cpu_wait() {
  local task; task=$(writer_task)
  if [ -z "$task" ]; then echo 0; return; fi
  awk '{ printf "%.3f", $2 / 1e9 }' "$task/schedstat"
}
# CPU seconds so far of each kind of server thread (by thread name: daifa-writer, daifa-http-io,
# daifa-checkpt…), one "name seconds" line each.
threads_cpu() {
  local task
  for task in /proc/"$server_pid"/task/*; do
    awk -v hz="$(getconf CLK_TCK)" -v name="$(cat "$task/comm" 2>/dev/null)" \
      '{ printf "%s %.2f\n", name, ($14 + $15) / hz }' "$task/stat" 2>/dev/null || true
  done | awk '{ s[$1] += $2 } END { for (k in s) print k, s[k] }'
}
# The writer's batching so far: commands, commits, seconds from BEGIN to durable COMMIT, and how many
# commits took at most 25 ms and at most 100 ms (from the /metrics histogram).
writer_stats() {
  curl -fsS "$base/metrics" | awk '
    /^daifa_writer_batch_commands_sum/ { cmds = $2 } /^daifa_writer_batch_commands_count/ { commits = $2 }
    /^daifa_writer_commit_seconds_sum/ { secs = $2 }
    /^daifa_writer_commit_seconds_bucket\{le="0.025"\}/ { le25 = $2 }
    /^daifa_writer_commit_seconds_bucket\{le="0.1"\}/ { le100 = $2 }
    END { printf "%d %d %.3f %d %d", cmds, commits, secs, le25, le100 }'
}

# Runs order_load with the given rate and seed, then prints the server's share of the work. Each phase has
# its own seed: the same buyers with the same lines again would be held as suspected duplicates.
run_phase() {
  local name=$1 rate=$2 phase_seed=$3 out="$work/$1.txt" cpu0 cpu1 wcpu0 wcpu1 wwait0 wwait1 w0 w1 t0 t1 status=0
  cpu0=$(server_cpu)
  t0=$(threads_cpu)
  wcpu0=$(writer_cpu)
  wwait0=$(writer_cpu_wait)
  w0=$(writer_stats)
  local perf_pid=""
  if [ -n "${PERF_OUT:-}" ] && [ "$name" = full ]; then
    # shellcheck disable=SC2086 # PERF_ARGS is a list of options
    perf record ${PERF_ARGS:--F 499 -g} -p "$server_pid" -o "$PERF_OUT" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  "$order_load" --url "$base" --token "$token" --channel-id "$channel_id" --skus-file "$work/skus.tsv" \
    --orders "$orders" --concurrency "$concurrency" --rate "$rate" --seed "$phase_seed" --threads "$load_threads" \
    --external-prefix "INTAKE-$name-$$" >"$out" || status=$?
  cpu1=$(server_cpu)
  t1=$(threads_cpu)
  wcpu1=$(writer_cpu)
  wwait1=$(writer_cpu_wait)
  w1=$(writer_stats)
  if [ -n "$perf_pid" ]; then kill -INT "$perf_pid"; wait "$perf_pid" || true; fi
  echo "== $name (rate ${rate/#0/max}) =="
  cat "$out"
  read -r c0 n0 s0 a0 b0 <<<"$w0"
  read -r c1 n1 s1 a1 b1 <<<"$w1"
  awk -v cpu0="$cpu0" -v cpu1="$cpu1" -v wcpu="$(awk -v a="$wcpu0" -v b="$wcpu1" 'BEGIN { print b - a }')" \
      -v orders="$orders" -v cmds=$((c1 - c0)) -v commits=$((n1 - n0)) \
      -v phase_s="$(sed -n 's/^throughput: .* seconds=\([0-9.]*\).*/\1/p' "$out")" \
      -v wwait="$(awk -v a="$wwait0" -v b="$wwait1" 'BEGIN { print b - a }')" \
      -v s0="$s0" -v s1="$s1" -v slow25=$(( (n1 - n0) - (a1 - a0) )) -v slow100=$(( (n1 - n0) - (b1 - b0) )) 'BEGIN {
    cpu = cpu1 - cpu0; secs = s1 - s0
    printf "server: cpu_s=%.2f cpu_us_per_order=%.1f writer_cpu_us_per_order=%.1f\n", cpu, cpu * 1e6 / orders,
      wcpu * 1e6 / orders
    # How much of the phase the writer thread was on a CPU, and how much it was ready to run but waited for
    # one (the other threads and the generator had both cores): the rest it had no order to work on.
    if (phase_s > 0) printf "writer: on_cpu=%.0f%% waiting_for_cpu=%.0f%% of the phase\n", 100 * wcpu / phase_s,
      100 * wwait / phase_s
    if (commits > 0) {
      printf "writer: commands=%d commits=%d commands_per_commit=%.1f commit_ms_avg=%.2f busy_s=%.2f\n",
        cmds, commits, cmds / commits, secs * 1000 / commits, secs
      printf "writer: batches (BEGIN to durable COMMIT) over 25 ms=%d (%.1f%%), over 100 ms=%d (%.2f%%)\n",
        slow25, 100 * slow25 / commits, slow100, 100 * slow100 / commits
    } }'
  # Each kind of thread's CPU per order over the phase, largest first.
  { echo "$t0" | sed 's/^/0 /'; echo "$t1" | sed 's/^/1 /'; } | awk -v orders="$orders" '
    $1 == 0 { before[$2] = $3 } $1 == 1 { after[$2] = $3 }
    END { for (k in after) printf "%.0f %s\n", (after[k] - before[k]) * 1e6 / orders, k }' | sort -rn |
    awk '{ line = line sprintf(" %s=%s", $2, $1) } END { print "threads: cpu_us_per_order" line }'
  [ "$status" = 0 ] || fail "$name: not every order was answered 201 (see above)"
}

echo "machine: nproc=$(nproc) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')\" load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
echo "catalog: $(sed -n 's/^seeded: //p' "$work/seed.txt")"
echo "server: $daifa serve (log level $log_level) pid $server_pid on $base; orders=$orders concurrency=$concurrency"

if [ -z "${HALF_RATE:-}" ]; then
  run_phase full 0 "$seed"
  max_rate=$(sed -n 's/.*orders_per_s=\([0-9]*\).*/\1/p' "$work/full.txt")
  [ -n "$max_rate" ] && [ "$max_rate" -gt 1 ] || fail "no rate measured"
  HALF_RATE=$((max_rate / 2))
fi
run_phase half "$HALF_RATE" $((seed + 1))

kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=""
[ "$status" = 0 ] || fail "server exited $status after SIGTERM"
errors=$(grep -c '"status":5[0-9][0-9]' "$work/server.log" || true)
echo "server: stopped cleanly; 5xx answers in its log: $errors"

echo "== ceiling (no HTTP: app::intake_order through the writer, same orders) =="
"$build/bench/intake_ceiling" --db "sqlite:$work/ceiling.db" --channel-id "$channel_id" \
  --skus-file "$work/skus.tsv" --orders "$orders" --seed $((seed + 2)) --concurrency "$concurrency" \
  --actor "$email" | tee "$work/ceiling.txt"
batched=$(sed -n 's/^ceiling_batched: .*orders_per_s=\([0-9]*\).*/\1/p' "$work/ceiling.txt")
per_order=$(sed -n 's/^ceiling_per_order: .*orders_per_s=\([0-9]*\).*/\1/p' "$work/ceiling.txt")
if [ -n "${max_rate:-}" ] && [ -n "$batched" ] && [ "$batched" -gt 0 ]; then
  awk -v h="$max_rate" -v b="$batched" -v p="$per_order" 'BEGIN {
    printf "ratio: http/ceiling_batched=%.0f%% http/ceiling_per_order=%.0f%% (http %d/s, batched %d/s, per-order %d/s)\n",
      100 * h / b, 100 * h / p, h, b, p }'
fi
