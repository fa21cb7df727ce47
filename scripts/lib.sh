# Shared by scripts/run and scripts/test. Sourced, not run.

# The Debian packages Daifa builds against.
DAIFA_BUILD_PACKAGES=(
  g++ cmake ninja-build pkg-config ccache
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libsodium-dev libssl-dev
  libfmt-dev libspdlog-dev libcli11-dev
)
# And what the tests need on top: GoogleTest, a PostgreSQL server, curl, clang for the libFuzzer targets.
DAIFA_TEST_PACKAGES=(
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql curl clang libclang-rt-14-dev
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
