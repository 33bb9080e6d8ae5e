#!/usr/bin/env bash
# Runs the end-to-end tests: builds nianbao, starts a private Xvfb, D-Bus session and tauri-driver,
# runs `node --test` on tests/e2e/ (or on the files given as arguments) and returns node's exit code.
# Everything it starts is stopped on exit. The app gets a throw-away HOME/XDG_* per run.
#
#   tests/e2e/run.sh                          # all e2e tests
#   tests/e2e/run.sh tests/e2e/smoke.test.mjs # one file
#
# Environment: NIANBAO_E2E_NO_BUILD=1 skips both builds; NIANBAO_E2E_UI_BUILT=1 skips the UI build;
# NIANBAO_E2E_KEEP=1 keeps the temp dir (the app's data) for inspection.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD

for tool in Xvfb WebKitWebDriver tauri-driver dbus-run-session node; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing; run .ci/setup" >&2; exit 2; }
done

if [ "${NIANBAO_E2E_NO_BUILD:-}" != 1 ]; then
  # The debug binary embeds ui/dist, so the UI is built first.
  if [ "${NIANBAO_E2E_UI_BUILT:-}" != 1 ]; then
    out=$(cd ui && npm run --silent build 2>&1) || { printf '%s\n' "$out" >&2; echo "e2e: the UI build failed" >&2; exit 2; }
  fi
  cargo build --quiet --locked --bin nianbao || { echo "e2e: cargo build --bin nianbao failed" >&2; exit 2; }
  # The tests make and read report files with nianbao-cli.
  cargo build --quiet --locked -p nianbao-cli || { echo "e2e: cargo build -p nianbao-cli failed" >&2; exit 2; }
fi

tmp=$(mktemp -d /tmp/nianbao-e2e.XXXXXX)
artifacts=$root/tests/artifacts
mkdir -p "$artifacts" "$tmp"/{home,data,config,cache,run,bin,out,in/open}
chmod 700 "$tmp/run"
# The tests run a private copy: target/debug/nianbao is shared with everyone building in this tree,
# and someone may relink it in the middle of a run.
app=${NIANBAO_E2E_APP:-$root/target/debug/nianbao}
[ -x "$app" ] || { echo "e2e: no app at $app (cargo build --bin nianbao)" >&2; exit 2; }
cp "$app" "$tmp/bin/nianbao"
cli=$root/target/debug/nianbao-cli
[ -x "$cli" ] || { echo "e2e: no $cli (cargo build -p nianbao-cli)" >&2; exit 2; }
cp "$cli" "$tmp/bin/nianbao-cli"
groups=()

cleanup() {
  local i
  # Last started first: the tests, then tauri-driver with the app, then Xvfb.
  for ((i = ${#groups[@]} - 1; i >= 0; i--)); do kill -TERM -- "-${groups[i]}" 2>/dev/null || true; done
  sleep 0.5
  for ((i = ${#groups[@]} - 1; i >= 0; i--)); do kill -KILL -- "-${groups[i]}" 2>/dev/null || true; done
  if [ "${NIANBAO_E2E_KEEP:-}" = 1 ]; then echo "e2e: kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A private X server on a free display: -displayfd makes Xvfb pick the number and report it.
setsid Xvfb -displayfd 9 -screen 0 1600x1000x24 -nolisten tcp -nolisten unix-abstract \
  9>"$tmp/display" >"$artifacts/e2e-xvfb.log" 2>&1 &
groups+=($!)
for _ in $(seq 100); do [ -s "$tmp/display" ] && break; sleep 0.1; done
[ -s "$tmp/display" ] || { echo "e2e: Xvfb did not start (see tests/artifacts/e2e-xvfb.log)" >&2; exit 2; }
display=":$(tr -d '[:space:]' <"$tmp/display")"

# 4444 unless it is taken (another run on this machine); then any free port.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${NIANBAO_E2E_PORT:-4444}
if ! port_free "$port" || ! port_free $((port + 1)); then
  port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  port_free $((port + 1)) || port=$(( (port + 2) % 20000 + 20000 ))
fi

# tauri-driver starts WebKitWebDriver, which starts the app: all inherit this environment.
# - a private D-Bus session bus: WebKit wants one, and the single-instance plugin uses it, so a
#   nianbao already running on the machine's bus can't swallow the test's instance;
# - HOME and XDG_*: a throw-away store (app_local_data_dir = $XDG_DATA_HOME/cn.nianbao.desktop);
# - NIANBAO_SAVE_DIR: exports (PDF, Excel, web page, …) go there instead of a native save dialog;
# - NIANBAO_OPEN_FILES: 导入 reads these files instead of asking in a native open dialog; a folder
#   stands for every file in it (a test empties in/open, writes its files there, then clicks 导入).
setsid env \
  DISPLAY="$display" GDK_BACKEND=x11 WAYLAND_DISPLAY= \
  HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
  XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run" \
  NIANBAO_SAVE_DIR="$tmp/out" NIANBAO_OPEN_FILES="$tmp/in/open" NO_AT_BRIDGE=1 ${NIANBAO_E2E_WEBKIT_ENV:-} \
  dbus-run-session --config-file="$root/tests/e2e/dbus-session.conf" -- tauri-driver --port "$port" --native-port $((port + 1)) \
    --native-driver "$(command -v WebKitWebDriver)" >"$artifacts/e2e-driver.log" 2>&1 &
groups+=($!)

url="http://127.0.0.1:$port"
ready=
for _ in $(seq 150); do
  if node -e 'fetch(process.argv[1]+"/status").then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$url"; then ready=1; break; fi
  sleep 0.2
done
[ -n "$ready" ] || { echo "e2e: tauri-driver did not answer on $url (see tests/artifacts/e2e-driver.log)" >&2; exit 2; }

echo "e2e: display $display, tauri-driver $url, data in $tmp"
# One file at a time: every test file launches its own app instance (single-instance app).
# node runs in the background so that a TERM/INT reaches the trap at once, not after the tests.
TAURI_DRIVER_URL="$url" NIANBAO_E2E_DATA="$tmp" NIANBAO_E2E_SAVE_DIR="$tmp/out" NIANBAO_E2E_OPEN_DIR="$tmp/in/open" NIANBAO_E2E_ARTIFACTS="$artifacts" NIANBAO_E2E_APP="$tmp/bin/nianbao" NIANBAO_E2E_CLI="$tmp/bin/nianbao-cli" \
  setsid node --test --test-concurrency=1 "${@:-tests/e2e/}" > >(tee "$artifacts/e2e-output.log") 2>&1 &
groups+=($!)
rc=0
wait $! || rc=$?
[ "$rc" -eq 0 ] || echo "e2e: failed (exit $rc); output and logs in tests/artifacts/e2e-*.log" >&2
exit $rc
