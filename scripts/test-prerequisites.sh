#!/usr/bin/env bash
# Checks the Debian packages `npm test` needs and installs the missing ones (as root or with sudo), else stops naming them.
#
# Also starts a Redis on 127.0.0.1:6379 when REDIS_URL is unset and none answers. Quick and silent when everything
# is present. STORYWATCH_PREREQUISITES=check only checks (never installs);
# STORYWATCH_PREREQUISITES_ROOT=DIR looks for the files under DIR instead of / (to see what a bare machine lacks).
set -uo pipefail

root="${STORYWATCH_PREREQUISITES_ROOT:-}"
has_file() { [[ -e "$root$1" ]]; }
has_command() { command -v "$1" >/dev/null 2>&1 && [[ -z "$root" ]]; }

# One line per Debian package: the package, then what it is for. Filled by missing().
missing_packages=()
missing_reasons=()
missing() {
  missing_packages+=("$1")
  missing_reasons+=("$1: $2")
}

check() {
  missing_packages=()
  missing_reasons=()
  # The integration tests run a real Redis (REDIS_URL, 127.0.0.1:6379, or a private redis-server for the run).
  has_command redis-server && has_command redis-cli || missing redis-server 'Redis for the queues (redis-server, redis-cli)'
  # The offline cross-lingual mode: FreeDict English–Hindi, and English words for transliterated names.
  has_file /usr/share/dictd/freedict-eng-hin.dict.dz || missing dict-freedict-eng-hin 'the English–Hindi lexicon'
  has_file /usr/share/dict/words || missing wamerican 'the English word list'
  # better-sqlite3 builds from source where no prebuilt binary fits; the tests run Python fixture scripts.
  has_command make && has_command g++ || missing build-essential 'make and g++ (native modules)'
  has_file /usr/bin/python3 || missing python3 'Python 3 (fixture scripts)'
  # The neural-mode tests build a tiny ONNX model with Debian's python3-onnx.
  if ! has_file /usr/lib/python3/dist-packages/onnx/__init__.py; then
    [[ -z "$root" ]] && /usr/bin/python3 -c 'import onnx' 2>/dev/null || missing python3-onnx 'tiny ONNX models for the neural-mode tests'
  fi
  # The dashboard's end-to-end tests drive Chromium (playwright-core); Hindi pages need a Devanagari font.
  if [[ -n "${CHROMIUM_PATH:-}" && -z "$root" ]]; then
    [[ -x "$CHROMIUM_PATH" ]] || missing chromium "the browser of the dashboard tests (CHROMIUM_PATH=$CHROMIUM_PATH is not executable)"
  else
    has_file /usr/bin/chromium || missing chromium 'the browser of the dashboard tests'
  fi
  has_file /usr/share/fonts/truetype/lohit-devanagari || missing fonts-lohit-deva 'a Devanagari font for the dashboard screenshots'
  # docker-compose.yml is checked with `docker-compose config` (no container engine needed).
  has_command docker-compose || missing docker-compose 'the docker-compose.yml check'
}

# The integration tests use REDIS_URL, else a Redis on 127.0.0.1:6379: one is started when none answers (no
# persistence, its files in a temporary folder). The tests' own fallback, a private server for the run, is for
# `npx vitest` alone.
ensure_redis() {
  [[ -n "${REDIS_URL:-}" || -n "$root" ]] && return 0
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return 0
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/storywatch-test-redis-XXXXXX")
  echo "storywatch tests: starting a Redis on 127.0.0.1:6379 for the tests (files in $dir; stop it with redis-cli -p 6379 shutdown)" >&2
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no --dir "$dir" --logfile "$dir/redis.log"
  for _ in $(seq 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "storywatch tests: the Redis started on 127.0.0.1:6379 does not answer; see $dir/redis.log" >&2
  return 1
}

check
((${#missing_packages[@]} == 0)) && { ensure_redis; exit; }

# Installs as root, with sudo when it needs no password or can ask for one, else not at all.
can_install=false
sudo=()
if [[ "${STORYWATCH_PREREQUISITES:-}" != check ]] && command -v apt-get >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then
    can_install=true
  elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
    can_install=true
    sudo=(sudo)
  fi
fi

if $can_install; then
  echo "storywatch tests: installing ${missing_packages[*]} (${sudo[*]:+sudo }apt-get install)" >&2
  # sudo drops the environment: the front end is set on the command itself.
  apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
  if "${apt[@]}" update -qq && "${apt[@]}" install -y -qq --no-install-recommends "${missing_packages[@]}" >&2; then
    check
    ((${#missing_packages[@]} == 0)) && { ensure_redis; exit; }
  fi
fi

{
  echo "storywatch tests: missing what the tests need:"
  printf '  %s\n' "${missing_reasons[@]}"
  echo "Install on Debian/Ubuntu with:"
  echo "  sudo apt-get install --no-install-recommends ${missing_packages[*]}"
  echo "(elsewhere, the equivalent packages), then run npm test again."
} >&2
exit 1
