#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server started from the binaries on this machine, then removes it.
# The command sees TEST_DATABASE_URL (and DATABASE_URL) pointing at the server. Used by .ci/run.
#   scripts/with-postgres.sh npm test -- test/unit/db
set -euo pipefail
bindir=$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)
[ -x "$bindir/initdb" ] || { echo "PostgreSQL server binaries not found (looked in $bindir)" >&2; exit 1; }
dir=$(mktemp -d /tmp/gazette-pg.XXXXXX)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
run_as=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root; the Debian package creates a `postgres` user for this.
  chown postgres "$dir"
  run_as=(runuser -u postgres --)
fi
cleanup() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
"${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U gazette --auth=trust -E UTF8 >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
export TEST_DATABASE_URL="postgresql://gazette@127.0.0.1:$port/postgres"
export DATABASE_URL="$TEST_DATABASE_URL"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port" >&2
"$@"
