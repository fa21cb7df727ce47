# Shared by scripts/run and scripts/test. Sourced, not run.

# The Debian packages Daifa builds against.
DAIFA_BUILD_PACKAGES=(
  g++ cmake ninja-build pkg-config ccache
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-context1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libssl-dev
  libfmt-dev libspdlog-dev libcli11-dev
  libvips-dev libre2-dev libcurl4-openssl-dev libxlsxwriter-dev libzip-dev libpugixml-dev
  libhpdf-dev libzint-dev
  libgoogle-perftools-dev  # tcmalloc, the allocator of the release build (docs/decisions/0012-tcmalloc.md)
  # Waybills embed a CJK font at run time; it must be TrueType (libharu cannot read noto-cjk's CFF outlines,
  # and mis-subsets wqy-microhei's nested composite glyphs).
  fonts-wqy-zenhei
)
# And what the tests need on top: GoogleTest, a PostgreSQL server, curl, clang for the libFuzzer targets,
# chromium for the console's browser tests (with a CJK font, so its screenshots show the Chinese text).
DAIFA_TEST_PACKAGES=(
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql curl jq python3 clang libclang-rt-14-dev
  chromium fonts-noto-cjk
)

# Installs only the packages that are missing; a second run installs nothing.
install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Builds a CMake preset with two jobs (the machines have two cores).
build_preset() {
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1"
}

# Builds the web console into web/dist (served by `daifa serve` at /). Installs Debian's nodejs and npm if
# there is no node; installs the locked npm packages only when node_modules is missing or older than
# package-lock.json; builds only when web/dist is missing or older than a source.
build_console() {
  [ -f web/package.json ] || return 0
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    install_missing nodejs npm
  fi
  if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules ]; then
    (cd web && npm ci --no-audit --no-fund)
    touch web/node_modules  # npm ci may keep the folder's old time; mark it as fresh
  fi
  if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/public web/index.html web/vite.config.ts \
      web/tsconfig.json web/package-lock.json -newer web/dist/index.html -print -quit)" ]; then
    (cd web && npm run build)
  fi
}

# Starts a private PostgreSQL on a free port in a temporary folder and exports DAIFA_TEST_PG_URL.
# Pair with stop_private_postgres (scripts/test traps it on every exit path).
start_private_postgres() {
  DAIFA_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  DAIFA_PG_DIR=$(mktemp -d /tmp/daifa-pg.XXXXXX)
  DAIFA_PG_AS=()
  if [ "$(id -u)" -eq 0 ]; then  # PostgreSQL refuses to run as root
    chown postgres:postgres "$DAIFA_PG_DIR"
    DAIFA_PG_AS=(runuser -u postgres --)
  fi
  "${DAIFA_PG_AS[@]}" "$DAIFA_PG_BIN/initdb" -D "$DAIFA_PG_DIR/data" -U daifa -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  local port="" candidate
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null && continue  # in use
    if "${DAIFA_PG_AS[@]}" "$DAIFA_PG_BIN/pg_ctl" -D "$DAIFA_PG_DIR/data" -w -l "$DAIFA_PG_DIR/log" \
        -o "-p $candidate -k $DAIFA_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null; then
      port=$candidate
      break
    fi
  done
  if [ -z "$port" ]; then
    echo "could not start PostgreSQL" >&2
    cat "$DAIFA_PG_DIR/log" >&2
    return 1
  fi
  "$DAIFA_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U daifa daifa_test
  export DAIFA_TEST_PG_URL="postgresql://daifa@127.0.0.1:$port/daifa_test"
  echo "private PostgreSQL: $DAIFA_TEST_PG_URL"
}

stop_private_postgres() {
  [ -n "${DAIFA_PG_DIR:-}" ] || return 0
  "${DAIFA_PG_AS[@]}" "$DAIFA_PG_BIN/pg_ctl" -D "$DAIFA_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$DAIFA_PG_DIR"
  DAIFA_PG_DIR=""
}
