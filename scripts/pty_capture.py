#!/usr/bin/env python3
"""Runs a full-screen program on a pseudo-terminal of a given size and records, with timestamps, every byte it
writes to the terminal, its CPU time in a window and its peak RSS. Used by scripts/bench-whole-program.sh.

    pty_capture.py --cols 200 --rows 60 --duration 30 --match 'zoom [0-9]' --raw out.raw -- CMD ARGS...

Prints one JSON object: launch-to-first-byte and launch-to-match times in ms (the match is searched in the
byte stream as it arrives), CPU ticks of the program at --cpu-from and at --cpu-to seconds after launch, its
VmHWM at the end, and the chunks read ([ms since launch, bytes]). At --duration it sends 'q' and waits up to
5 s for the exit, then SIGTERM.
"""

import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time


def ticks(pid):
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def status_kb(pid, name):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cols", type=int, default=200)
    parser.add_argument("--rows", type=int, default=60)
    parser.add_argument("--duration", type=float, default=5)
    parser.add_argument("--match", default="zoom [0-9]")
    parser.add_argument("--also-match", help="a second pattern, timed as also_match_ms")
    parser.add_argument("--stop-at-match", action="store_true", help="end as soon as every pattern is seen")
    parser.add_argument("--cpu-from", type=float)
    parser.add_argument("--cpu-to", type=float)
    parser.add_argument("--raw", help="write every byte read here")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command and args.command[0] == "--" else args.command

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", args.rows, args.cols, 0, 0))
    start = time.monotonic_ns()
    child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=subprocess.DEVNULL, start_new_session=True)
    os.close(slave)

    pattern = re.compile(args.match.encode())
    also = re.compile(args.also_match.encode()) if args.also_match else None
    also_match = None
    stream = bytearray()
    chunks = []
    first_byte = first_match = None
    cpu_from = cpu_to = None
    deadline = start + int(args.duration * 1e9)
    while True:
        now = time.monotonic_ns()
        elapsed = (now - start) / 1e9
        if args.cpu_from is not None and cpu_from is None and elapsed >= args.cpu_from:
            cpu_from = (elapsed, ticks(child.pid))
        if args.cpu_to is not None and cpu_to is None and elapsed >= args.cpu_to:
            cpu_to = (elapsed, ticks(child.pid))
        if now >= deadline or child.poll() is not None:
            break
        if args.stop_at_match and first_match is not None and (also is None or also_match is not None):
            break
        wait = (deadline - now) / 1e9
        for mark in (args.cpu_from, args.cpu_to):
            if mark is not None and mark > elapsed:
                wait = min(wait, mark - elapsed)
        ready, _, _ = select.select([master], [], [], max(wait, 0))
        if not ready:
            continue
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        at = (time.monotonic_ns() - start) / 1e6
        chunks.append([round(at, 3), len(data)])
        if first_byte is None:
            first_byte = at
        # Search only the tail that could hold a new match.
        tail_from = max(0, len(stream) - 64)
        stream.extend(data)
        if first_match is None and pattern.search(bytes(stream[tail_from:])):
            first_match = at
        if also is not None and also_match is None and also.search(bytes(stream[tail_from:])):
            also_match = at

    hwm = status_kb(child.pid, "VmHWM") if child.poll() is None else None
    alive = child.poll() is None
    if alive:
        os.write(master, b"q")
        try:
            # Keep draining so the program never blocks on a full terminal while it quits.
            end = time.monotonic() + 5
            while child.poll() is None and time.monotonic() < end:
                if select.select([master], [], [], 0.05)[0]:
                    try:
                        stream.extend(os.read(master, 65536))
                    except OSError:
                        break
            child.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGTERM)
            child.wait()
    if args.raw:
        with open(args.raw, "wb") as raw:
            raw.write(stream)
    json.dump(
        {
            "first_byte_ms": first_byte,
            "first_match_ms": first_match,
            "also_match_ms": also_match,
            "cpu_from": cpu_from,
            "cpu_to": cpu_to,
            "hz": os.sysconf("SC_CLK_TCK"),
            "vm_hwm_kb": hwm,
            "alive_at_end": alive,
            "exit_status": child.returncode,
            "bytes": len(stream),
            "chunks": chunks,
        },
        sys.stdout,
    )
    print()


if __name__ == "__main__":
    main()
