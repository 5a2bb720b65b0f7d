#!/usr/bin/env bash
# Hostile servers (issue 5): runs `linq-map CHAT --once --format geojson --retries 0` once against each fault,
# served by linq-fake-server in another process (--scenario NAME or --raw-fault NAME), under /usr/bin/time -v
# and a 100 s timeout (150 s with --retries 2), and prints a Markdown table: exit code, stderr, features printed, wall time,
# CPU time (user + system), peak RSS.
# The Retry-After rows run a second time with --retries 2, where the header matters, and so do two of the
# slow faults, to show the worst case with the default retries.
#
#   scripts/faults.sh                    builds release first
#   FAULTS_SKIP_BUILD=1 scripts/faults.sh
#   scripts/faults.sh trickle deep       only these rows (by name)
#
# Flags in the last column: HANG (killed by the timeout), CRASH (a signal), BIG (peak RSS over 100 MB),
# KEY (the API key appeared in stdout or stderr). Needs /usr/bin/time (apt-get install -y time) and jq.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
run=$root/scripts/out/faults-$stamp
mkdir -p "$run/bin"
chat=975d0776-bd17-4273-8337-f346b4c661b0 # Fixtures.chatID
key=faults-key-7f3a9c

if [[ -z ${FAULTS_SKIP_BUILD:-} ]]; then
    # NB: swift build builds only the last of several --product options (SwiftPM 6.3, seen here).
    (cd "$root" && swift build -c release --product linq-map && swift build -c release --product linq-fake-server) >"$run/build.log" 2>&1 ||
        { echo "release build failed, see $run/build.log" >&2; exit 2; }
fi
cp "$root/.build/release/linq-map" "$root/.build/release/linq-fake-server" "$run/bin/"

# name | what the issue calls it | server arguments ("" = nothing listens) | extra linq-map options
faults=(
    "refused|connection refused||"
    "reset-mid-body|reset mid-body|--raw-fault reset-mid-body|"
    "reset-without-response|reset before any byte|--raw-fault reset-without-response|"
    "close-without-response|close before any byte|--raw-fault close-without-response|"
    "short-body|short body, then close|--raw-fault short-body|"
    "trickle|trickle, one byte a second|--raw-fault trickle|"
    "headers-only|headers and no body (200, empty)|--scenario headers-only|"
    "headers-then-close|headers (Content-Length 512), then close|--raw-fault headers-then-close|"
    "headers-then-hang|headers (Content-Length 512), then silence|--raw-fault headers-then-hang|"
    "content-length-never-arrives|Content-Length never arriving|--raw-fault content-length-never-arrives|"
    "endless|endless body (chunked)|--scenario endless|"
    "endless-without-length|endless body (no length, close-delimited)|--raw-fault endless-without-length|"
    "oversized|11 MiB of valid JSON (over the 10 MiB cap)|--scenario oversized|"
    "fifty-megabytes|50 MB JSON|--scenario fifty-megabytes|"
    "malformed-json|body cut off mid-feature|--scenario malformed-json|"
    "invalid-utf8|invalid UTF-8|--scenario invalid-utf8|"
    "deep|JSON nested 100,000 deep|--scenario deep|"
    "many|10,000 features|--scenario many|"
    "non-finite|NaN, Infinity, 1e400 coordinates|--scenario non-finite|"
    "duplicates|duplicate handles|--scenario duplicates|"
    "non-point|non-Point features|--scenario non-point|"
    "success-false|200 with success: false|--scenario success-false|"
    "empty-500|500 with empty body|--scenario empty-500|"
    "html-error|502 text/html from a proxy|--scenario html-error|"
    "redirect|redirect to another host|--scenario redirect|"
    "retry-after-zero|Retry-After: 0|--scenario retry-after-zero|"
    "retry-after-negative|Retry-After: -1|--scenario retry-after-negative|"
    "retry-after-past|Retry-After: a date in the past|--scenario retry-after-past|"
    "rate-limited-long|Retry-After: 1e9|--scenario rate-limited-long|"
    "retry-after-zero+r2|Retry-After: 0, --retries 2|--scenario retry-after-zero|--retries 2"
    "retry-after-negative+r2|Retry-After: -1, --retries 2|--scenario retry-after-negative|--retries 2"
    "retry-after-past+r2|Retry-After: past date, --retries 2|--scenario retry-after-past|--retries 2"
    "rate-limited-long+r2|Retry-After: 1e9, --retries 2|--scenario rate-limited-long|--retries 2"
    "trickle+r2|trickle, --retries 2 (the default)|--raw-fault trickle|--retries 2"
    "content-length-never-arrives+r2|Content-Length never arriving, --retries 2|--raw-fault content-length-never-arrives|--retries 2"
    "silent|accepts, reads the request, never answers (--timeout 5)|--raw-fault silent|--timeout 5"
    "tls-to-http|https to a plain-http port|--scenario around-the-world|"
    "chunked-trailer|chunked 200 with a trailer field|--raw-fault chunked-trailer|"
    "chunked-trailer-large|chunked 200 with 48 KiB of trailer fields|--raw-fault chunked-trailer-large|"
    "error-with-trailer|chunked 404 with a trailer field|--raw-fault error-with-trailer|"
    "endless-trailer|a trailer section without end, --retries 2|--raw-fault endless-trailer|--retries 2"
    "endless-headers|header fields without end, --retries 2|--raw-fault endless-headers|--retries 2"
    "gzip-bomb|gzip inflating to zeros forever (159:1), --retries 2|--raw-fault gzip-bomb|--retries 2"
    "deflate-bomb|deflate inflating to zeros forever (159:1), --retries 2|--raw-fault deflate-bomb|--retries 2"
    "unknown-encoding|Content-Encoding: snappy, --retries 2|--raw-fault unknown-encoding|--retries 2"
    "corrupt-encoding|Content-Encoding: gzip on a plain body, --retries 2|--raw-fault corrupt-encoding|--retries 2"
    "broken-chunking|chunk size not hexadecimal, --retries 2|--raw-fault broken-chunking|--retries 2"
    "conflicting-length|two different Content-Length fields, --retries 2|--raw-fault conflicting-length|--retries 2"
    "not-http|bytes that are not HTTP, --retries 2|--raw-fault not-http|--retries 2"
    "redirect-without-location|302 without a Location, --retries 2|--raw-fault redirect-without-location|--retries 2"
    "redirect-bad-location|301 whose Location does not parse, --retries 2|--raw-fault redirect-bad-location|--retries 2"
    "redirect-relative|307 to a relative Location, --retries 2|--raw-fault redirect-relative|--retries 2"
    "not-found-without-reason|HTTP/1.1 404 with no reason phrase|--raw-fault not-found-without-reason|"
)

server_pid=
stop_server() {
    if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    server_pid=
}
trap stop_server EXIT

md=$run/faults.md
{
    echo "| fault | server | exit | stderr | features out | wall s | CPU s | peak RSS MB | flags |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$md"
for row in "${faults[@]}"; do
    IFS='|' read -r name label server_args extra <<<"$row"
    if (($# > 0)); then
        wanted=0
        for w in "$@"; do [[ $w == "$name" ]] && wanted=1; done
        ((wanted)) || continue
    fi
    dir=$run/$name
    mkdir -p "$dir"
    if [[ -z $server_args ]]; then
        # NB: port 1 on loopback: nothing listens there, connect() is refused at once.
        base=http://127.0.0.1:1/api/partner
    else
        # NB: create the log first: the background child opens its redirection after the parent moves on, and a
        # loaded machine let the first sed below find no file (set -e then ended the whole run).
        : >"$dir/server.log"
        # shellcheck disable=SC2086 # server_args is a list of words
        "$run/bin/linq-fake-server" --port 0 --api-key "$key" $server_args >"$dir/server.log" 2>&1 &
        server_pid=$!
        base=
        for _ in $(seq 200); do
            base=$(sed -n 's/^linq-fake-server listening on //p' "$dir/server.log")
            [[ -n $base ]] && break
            sleep 0.05
        done
        [[ -n $base ]] || { echo "$name: linq-fake-server did not start" >&2; stop_server; continue; }
        [[ $name == tls-to-http ]] && base=${base/http:/https:}
    fi
    limit=100
    [[ -n $extra ]] && limit=150
    t0=$(date +%s%N)
    set +e
    # shellcheck disable=SC2086 # extra is a list of words
    # NB: time outside timeout: wait4's maximum RSS covers timeout's reaped child, and a hang still gets killed.
    LINQ_API_V3_API_KEY=$key LINQ_API_V3_BASE_URL=$base /usr/bin/time -v -o "$dir/time.txt" \
        timeout -s KILL "$limit" "$run/bin/linq-map" "$chat" --once --format geojson --retries 0 $extra >"$dir/stdout" 2>"$dir/stderr"
    code=$?
    set -e
    t1=$(date +%s%N)
    stop_server
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/time.txt" 2>/dev/null || true)
    rss=$(awk -v k="${rss_kb:-0}" 'BEGIN { printf "%.1f", k / 1024 }')
    cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$dir/time.txt" 2>/dev/null || echo '-')
    features=$(jq '.features | length' "$dir/stdout" 2>/dev/null || echo '-')
    [[ -s $dir/stdout ]] || features='-'
    err=$(tr '\n' ' ' <"$dir/stderr" | sed 's/  */ /g; s/ $//; s/|/\\|/g' | cut -c1-180)
    flags=
    ((code == 137)) && flags+="HANG "
    if grep -q 'Command terminated by signal' "$dir/time.txt" 2>/dev/null; then flags+="CRASH "; fi
    ((${rss_kb:-0} > 102400)) && flags+="BIG "
    if grep -q "$key" "$dir/stdout" "$dir/stderr"; then flags+="KEY "; fi
    echo "| $label | \`${server_args:-port 1, nothing listening}\` $extra | $code | $err | $features | $wall | $cpu | $rss | ${flags:-ok} |" >>"$md"
    echo "$name: exit $code, ${wall} s, ${rss} MB ${flags}" >&2
done
cat "$md"
echo "(table in $md)" >&2
