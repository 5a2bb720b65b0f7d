#!/usr/bin/env bash
# Long run (issue 5, "Long runs"): the interactive app in a private tmux server against linq-fake-server
# in another process (--scenario soak: the demo's moving participants, a 500/3006 every 7th request),
# sampling /proc every 10 s, pressing a key now and then. Writes scripts/out/soak-<stamp>/samples.csv and
# prints a report; exits 1 when a target fails (RSS grows by 2 MB or more after the first minute, the fd
# count grows, the app dies), 2 when the set-up fails.
#
#   scripts/soak.sh [MINUTES]            default 30
#   SOAK_SKIP_BUILD=1 scripts/soak.sh 2  reuse .build/release
#   SOAK_APP_ARGS='--interval 5'         replace the app's options (default: --interval 5 --retries 0)
#   SOAK_SCENARIO=soak                   another linq-fake-server --scenario
#
# --retries 0 by default so that the server's failures reach the app (error in the status bar, back-off,
# recovery) instead of being absorbed by the client's retry.
set -euo pipefail

minutes=${1:-30}
[[ $minutes =~ ^[0-9]+$ && $minutes -ge 2 ]] || { echo "usage: $0 [MINUTES >= 2]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
run=$root/scripts/out/soak-$stamp
mkdir -p "$run/bin"
csv=$run/samples.csv
scenario=${SOAK_SCENARIO:-soak}
app_args=${SOAK_APP_ARGS:---interval 5 --retries 0}
chat=975d0776-bd17-4273-8337-f346b4c661b0 # Fixtures.chatID
socket=soak-$$
period=10
hz=$(getconf CLK_TCK)

tm() { tmux -L "$socket" "$@"; }
server_pid=
cleanup() {
    tm kill-server 2>/dev/null || true
    if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

if [[ -z ${SOAK_SKIP_BUILD:-} ]]; then
    # NB: swift build builds only the last of several --product options (SwiftPM 6.3, seen here).
    (cd "$root" && swift build -c release --product linq-map && swift build -c release --product linq-fake-server) >"$run/build.log" 2>&1 ||
        { echo "release build failed, see $run/build.log" >&2; exit 2; }
fi
# NB: private copies, so a rebuild during a long run does not replace the binaries under the running processes.
cp "$root/.build/release/linq-map" "$root/.build/release/linq-fake-server" "$run/bin/"

"$run/bin/linq-fake-server" --port 0 --scenario "$scenario" >"$run/server.log" 2>&1 &
server_pid=$!
base=
for _ in $(seq 200); do
    base=$(sed -n 's/^linq-fake-server listening on //p' "$run/server.log")
    [[ -n $base ]] && break
    sleep 0.05
done
[[ -n $base ]] || { echo "linq-fake-server did not start, see $run/server.log" >&2; exit 2; }

# remain-on-exit keeps a dead pane, so a crash is seen (pane_dead) with its status, not as a vanished session.
tm -f /dev/null start-server \; set-option -g remain-on-exit on \; \
    new-session -d -s soak -x 160 -y 48 -e LANG=C.UTF-8 -e TERM=tmux-256color \
    "exec env TERM=tmux-256color LANG=C.UTF-8 LINQ_API_V3_API_KEY=test-key LINQ_API_V3_BASE_URL=$base \
    $run/bin/linq-map $chat $app_args 2>$run/app.stderr"
pid=$(tm display-message -p -t soak '#{pane_pid}')
for _ in $(seq 200); do
    tm capture-pane -p -t soak | grep -q 'zoom [0-9]' && break
    sleep 0.05
done

echo "soak: $minutes min, pid $pid, scenario $scenario, app options: $app_args, out: $run"
echo "t_s,rss_kb,hwm_kb,fds,threads,cpu_ticks,alive,screen" >"$csv"
keys=(Tab + Tab - f Tab + - n f)
key_index=0
crashed=0
start=$(date +%s)
samples=$((minutes * 60 / period))
for ((i = 0; i <= samples; i++)); do
    target=$((start + i * period))
    now=$(date +%s)
    ((target > now)) && sleep $((target - now))
    t=$(($(date +%s) - start))
    dead=$(tm display-message -p -t soak '#{pane_dead}' 2>/dev/null || echo 1)
    if [[ $dead != 0 ]] || ! kill -0 "$pid" 2>/dev/null; then
        status=
        for _ in $(seq 40); do # tmux reaps the child a little after it marks the pane dead
            status=$(tm display-message -p -t soak '#{pane_dead_status}#{?pane_dead_signal,signal #{pane_dead_signal},}' \
                2>/dev/null || echo '?')
            [[ -n $status ]] && break
            sleep 0.05
        done
        echo "$t,,,,,,0,dead (${status:-unknown})" >>"$csv"
        echo "CRASH at ${t}s: pane dead (${status:-unknown}); stderr:" >&2
        tail -n 20 "$run/app.stderr" >&2 || true
        # The app names the file its crash backtrace went to; keep a copy with the run.
        for log in $(grep -o '/tmp/linq-map-[0-9]*-[^ ]*\.log' "$run/app.stderr" 2>/dev/null || true); do
            for file in $log; do [[ -f $file ]] && cp "$file" "$run/" || true; done # the name holds a glob
        done
        tm capture-pane -p -t soak >"$run/screen-at-death.txt" 2>/dev/null || true
        crashed=1
        break
    fi
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
    hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status")
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
    fds=$(ls "/proc/$pid/fd" | wc -l)
    # Fields after the ")" that ends comm: utime and stime are the 12th and 13th.
    ticks=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')
    screen=$(tm capture-pane -p -t soak | tail -n 1)
    case $screen in
        *error*) state=error ;;
        *fetching* | *retry*) state=fetching ;;
        *zoom*) state=ok ;;
        *) state=other ;;
    esac
    echo "$t,$rss,$hwm,$fds,$threads,$ticks,1,$state" >>"$csv"
    # A key every 30 s, cycling through panel selection, zoom and fit.
    if ((i % 3 == 2)); then
        tm send-keys -t soak "${keys[key_index % ${#keys[@]}]}"
        key_index=$((key_index + 1))
    fi
done
tm capture-pane -p -t soak >"$run/screen-at-end.txt" 2>/dev/null || true
if ((crashed == 0)); then
    tm send-keys -t soak q
    quit_status="still running 10 s after q"
    for _ in $(seq 200); do
        # NB: tmux 3.3 sets pane_dead when the pty closes, and the status only once the child is reaped.
        ended=$(tm display-message -p -t soak '#{pane_dead_status}#{?pane_dead_signal,signal #{pane_dead_signal},}' \
            2>/dev/null || echo '?')
        if [[ -n $ended ]]; then
            quit_status="exit $ended"
            break
        fi
        sleep 0.05
    done
else
    quit_status=n/a
fi

awk -F, -v hz="$hz" -v crashed="$crashed" -v quit="$quit_status" -v csv="$csv" '
    function median(a, n,    i, j, t) {
        for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    NR == 1 || $7 != 1 { next }
    {
        n++; t[n] = $1; rss[n] = $2; hwm[n] = $3; fds[n] = $4; ticks[n] = $6; state[$8]++
        if ($2 > peak) peak = $2
        if ($3 > hwmpeak) hwmpeak = $3
    }
    END {
        if (n < 13 && crashed) { print "FAIL: the app died after " n " samples, see " csv; exit 1 }
        if (n < 13) { print "too few samples (" n ")"; exit 2 }
        last = t[n]
        # Baseline: the samples of the second minute; end: those of the last minute (medians smooth allocator noise).
        for (i = 1; i <= n; i++) {
            if (t[i] >= 60 && t[i] < 120) { nb++; base[nb] = rss[i]; if (fds[i] > fdbase) fdbase = fds[i] }
            if (t[i] > last - 60) { ne++; end[ne] = rss[i]; if (fds[i] > fdend) fdend = fds[i] }
            if (t[i] >= 60 && rss[i] > peakafter) peakafter = rss[i]
            if (t[i] >= 60 && !at60) at60 = rss[i]
        }
        mb = median(base, nb); me = median(end, ne)
        growth = (me - mb) / 1024
        cpu = (ticks[n] - ticks[1]) / hz / (t[n] - t[1]) * 100
        printf "\n== soak report (%d samples over %d s, %s)\n", n, last, csv
        printf "RSS peak (VmHWM)          %.1f MB\n", hwmpeak / 1024
        printf "RSS peak sampled          %.1f MB\n", peak / 1024
        printf "RSS first sample          %.1f MB\n", rss[1] / 1024
        printf "RSS at 1 min / final      %.1f MB / %.1f MB\n", at60 / 1024, rss[n] / 1024
        printf "RSS growth after 1 min    %+.2f MB (median of last minute %.1f - median of second minute %.1f)\n", growth, me / 1024, mb / 1024
        printf "RSS peak after 1 min      %+.2f MB over the value at 1 min\n", (peakafter - at60) / 1024
        printf "fds start / end / max     %d / %d (max of second minute %d, max of last minute %d)\n", fds[1], fds[n], fdbase, fdend
        printf "CPU                       %.2f %% of one core (%d ticks in %d s)\n", cpu, ticks[n] - ticks[1], t[n] - t[1]
        printf "screen states             ok %d, error %d, fetching %d, other %d\n", state["ok"], state["error"], state["fetching"], state["other"]
        printf "crashes                   %d; after q: %s\n", crashed, quit
        fail = 0
        if (growth >= 2) { print "FAIL: RSS grew by 2 MB or more after the first minute"; fail = 1 }
        if (fdend > fdbase) { print "FAIL: fd count grew"; fail = 1 }
        if (crashed) { print "FAIL: the app died"; fail = 1 }
        if (!fail) print "PASS: RSS growth < 2 MB after the first minute, no fd growth, no crash"
        exit fail
    }' "$csv" | tee "$run/report.txt"
exit "${PIPESTATUS[0]}"
