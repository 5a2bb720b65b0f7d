#!/usr/bin/env bash
# Builds the libFuzzer targets outside the package and runs each one in turn for SECONDS.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      targets: text location chats (default: all)
#
# SECONDS 0 only builds and replays the seed corpus. Each target is one fuzz/<target>.swift compiled with the
# core module it exercises (Sources/TextUI or Sources/LinqModel) into one module; binaries, the working
# corpus, crash artifacts and logs go to fuzz/out/ (git-ignored). The committed seeds in fuzz/corpus/<target>/
# are copied, never written. One fuzzer at a time, one worker: the build machine is shared. Never run in CI.
set -euo pipefail

seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(text location chats); fi

root="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$root/fuzz"
out="$fuzz/out"
mkdir -p "$out"

sources_for() {
    case "$1" in
        text) echo "$root"/Sources/TextUI/*.swift ;;
        location | chats) echo "$root"/Sources/LinqModel/*.swift ;;
        *) echo "unknown target: $1" >&2; exit 64 ;;
    esac
}

max_len_for() {
    case "$1" in
        text) echo 1024 ;;
        *) echo 8192 ;;
    esac
}

# NB: Swift's crash backtracer reads the crashed process's memory from a helper thread, which ASan reports
# as a wild read and which hides the real trap; libFuzzer prints its own stack trace instead.
export SWIFT_BACKTRACE=enable=no
# NB: the Swift runtime keeps metadata caches that LeakSanitizer reports at exit; our code holds no
# manual allocations, so leaks are not what these targets look for. Recording a stack for every malloc took
# about a tenth of the time (perf) and buys nothing in memory-safe Swift; a small quarantine keeps RSS low.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:malloc_context_size=0:quarantine_size_mb=32}"

status=0
for target in "${targets[@]}"; do
    # shellcheck disable=SC2046
    sources=$(sources_for "$target")
    echo "== building $target"
    # NB: -parse-as-library so that the target file may hold top-level declarations but no main; libFuzzer
    # supplies main. lld, because gold warns once per ASan symbol.
    # shellcheck disable=SC2086
    swiftc -sanitize=fuzzer,address -parse-as-library -O -g -use-ld=lld \
        -module-name "Fuzz_$target" $sources "$fuzz/$target.swift" -o "$out/$target"

    work="$out/corpus/$target"
    artifacts="$out/artifacts/$target/"
    mkdir -p "$work" "$artifacts"
    if [ -d "$fuzz/corpus/$target" ]; then cp -n "$fuzz/corpus/$target"/* "$work"/ 2>/dev/null || true; fi

    mkdir -p "$out/logs"
    log="$out/logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
    if [ "$seconds" -eq 0 ]; then
        flags=(-runs=0)
    else
        flags=(-max_total_time="$seconds")
    fi
    # NB: -timeout=60, not 10: on the shared 2-core machine a 0.2 s unit once stalled for 19 s under load.
    echo "== running $target for ${seconds}s (log: $log)"
    if "$out/$target" "${flags[@]}" -workers=1 -max_len="$(max_len_for "$target")" -timeout=60 \
        -rss_limit_mb=2048 -dict="$fuzz/json.dict" -artifact_prefix="$artifacts" -print_final_stats=1 \
        "$work" >"$log" 2>&1; then
        grep -E '^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|stat::average_exec_per_sec)' "$log" || true
        tail -n 1 "$log"
    else
        status=1
        echo "!! $target stopped with a finding; see $log and $artifacts" >&2
        grep -E 'invariant broken|ERROR|SUMMARY' "$log" | head -n 5 >&2 || true
    fi
done
exit $status
