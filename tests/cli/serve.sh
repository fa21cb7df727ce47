# Sourced by the CLI tests: start_daifa DB LOG starts `daifa serve` ($daifa) on a free port of 127.0.0.1 with
# its log in LOG, sets server_pid and base (http://127.0.0.1:PORT) once the log names the port. The caller
# defines fail(). Waits on the log line, bounded, never on a fixed sleep.
start_daifa() {
  local db=$1 log=$2 port=""
  # Emptied here, before the server starts: the background shell truncates it only when it gets to run, and
  # until then the log of a server started earlier with the same file (a restart) would name its dead port.
  : > "$log"
  DAIFA_DB="$db" "$daifa" serve --listen 127.0.0.1:0 > "$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 1200); do  # bounded: the log line appears within a second on a healthy machine
    port=$(grep -o '"url":"http://127.0.0.1:[0-9]*"' "$log" | grep -o '[0-9]*"$' | tr -d '"' || true)
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2>/dev/null || fail "server exited: $(cat "$log")"
    read -r -t 0.05 <> <(:) || true  # a pause between polls of the log, not a synchronisation
  done
  [ -n "$port" ] || fail "server did not report its port"
  base="http://127.0.0.1:$port"
}
