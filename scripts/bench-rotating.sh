#!/usr/bin/env bash
# Memory and CPU against hostile volume (issue 10, target 4): the release viewer on a 200x60 pseudo-terminal
# against linq-fake-server in another process.
#
#   scripts/bench-rotating.sh [seconds]      default 300
#   SCENARIO=long-localities INTERVAL=60 scripts/bench-rotating.sh 130
#   LINQ_MAP=/path/to/older/linq-map scripts/bench-rotating.sh   (another binary, e.g. run side by side)
#   ARGS=--no-history scripts/bench-rotating.sh                   (more options for linq-map)
#
# - rotating (the default): 8,000 new handles every poll, --interval 5; VmRSS sampled every 10 s, so it shows
#   whether memory stays flat (participants who stopped sharing are kept at most 1,000 rows, --forget-after), with
#   the CPU of each 10 s and the size of the history file (every poll records 8,000 starts and 8,000 stops).
# - long-localities: seven 1 MB localities; the process's CPU ticks per 10 s window show whether idle CPU
#   returns to the idle figure after the poll.
# Needs python3 and release builds of linq-map and linq-fake-server (scripts/bench-whole-program.sh builds them).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-300}
scenario=${SCENARIO:-rotating}
interval=${INTERVAL:-5}
out=$(mktemp -d)
"$root/.build/release/linq-fake-server" --port 0 --scenario "$scenario" >"$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; kill $app 2>/dev/null || true' EXIT
base=
for _ in $(seq 200); do
    base=$(sed -n 's/^linq-fake-server listening on //p' "$out/server.log")
    [[ -n $base ]] && break
    sleep 0.05
done
# A history of its own under the run folder: the user's is neither read nor written.
export LINQ_API_V3_API_KEY=test-key LINQ_API_V3_BASE_URL=$base TERM=tmux-256color LANG=C.UTF-8
export XDG_STATE_HOME=$out/state XDG_DATA_HOME=$out/data
python3 "$root/scripts/pty_capture.py" --cols 200 --rows 60 --duration "$seconds" -- \
    "${LINQ_MAP:-$root/.build/release/linq-map}" 975d0776-bd17-4273-8337-f346b4c661b0 --interval "$interval" ${ARGS:-} >"$out/capture.json" &
app=$!
pid=
for _ in $(seq 100); do
    pid=$(pgrep -P "$app" -x linq-map || true)
    [[ -n $pid ]] && break
    sleep 0.1
done
echo "| seconds | VmRSS MB | CPU ticks (10 ms) in the last 10 s | history file MB (with -wal) |"
echo "| --- | --- | --- | --- |"
last=0
for ((t = 10; t <= seconds - 2; t += 10)); do
    sleep 10
    [[ -r /proc/$pid/status ]] || break
    rss=$(awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status")
    ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    # No file with ARGS=--no-history: 0 MB (set -o pipefail would otherwise end the script here).
    history=$({ cat "$out"/state/linq-map/history.sqlite* 2>/dev/null || true; } | wc -c | awk '{ printf "%.1f", $1 / 1048576 }')
    echo "| $t | $rss | $((ticks - last)) | $history |"
    last=$ticks
done
hwm=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo -)
wait $app || true
echo "peak RSS (VmHWM) $hwm MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"
