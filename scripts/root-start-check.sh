#!/usr/bin/env bash
# CI check: `npm start` as root from a private folder (a clone under a 0700 parent, like /root/…)
# comes up healthy — the postgres system user cannot reach node_modules or data/ there, so the
# server must place the binaries and the cluster where it can (server/src/db/embeddedRoot.ts).
# Quick: node_modules is hard-linked (copied if another filesystem), the web build is skipped, 20
# demo children, no background jobs. Everything it creates is removed on exit.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$(id -u)" != 0 ]; then echo "root start check: skipped (not root)"; exit 0; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/nuanyang-root.XXXXXX")"
chmod 700 "$work"
pgdir="$(mktemp -d "${TMPDIR:-/tmp}/nuanyang-rootpg.XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$work" "$pgdir"
}
trap cleanup EXIT

git clone --quiet "$src" "$work/nuanyang"
cp -al "$src/node_modules" "$work/nuanyang/node_modules" 2>/dev/null || cp -a "$src/node_modules" "$work/nuanyang/node_modules"
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

cd "$work/nuanyang"
PORT="$port" NUANYANG_SKIP_WEB_BUILD=1 NUANYANG_JOBS=false NUANYANG_SEED_CHILDREN=20 NUANYANG_ROOT_PG_DIR="$pgdir" DATABASE_URL= \
  node scripts/start.mjs >"$work/start.log" 2>&1 &
pid=$!
ok=""
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:${port}/api/health" >/dev/null 2>&1; then ok=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
if [ -z "$ok" ]; then
  echo "root start check: FAILED — the server did not become healthy as root under a 0700 folder"
  cat "$work/start.log"
  exit 1
fi
grep -q "$pgdir" "$work/start.log" || { echo "root start check: FAILED — the start output does not say where the cluster went"; cat "$work/start.log"; exit 1; }
echo "root start check: ok (healthy on port ${port}; cluster and binaries under ${pgdir})"
