#!/usr/bin/env python3
"""Splits what scripts/pty_capture.py recorded (its JSON and --raw bytes) into frames and prints the bytes of
the first frame, the median poll frame and the median clock-tick frame. A frame is a burst of output: ncurses
writes one doupdate in many small chunks, and the reader sometimes sees a frame in two reads a few ms apart,
so bursts are cut at 20 ms of quiet. The first frame is the first burst holding the status bar's "zoom"; a poll
frame is a burst holding "fetching" plus, when the result came in a burst of its own within 300 ms, that burst
(the moved marker, the panel row, the status bar); every other burst is a clock tick.

    frame_bytes.py capture.json capture.raw
"""

import json
import statistics
import sys


def main():
    info = json.load(open(sys.argv[1]))
    raw = open(sys.argv[2], "rb").read()
    frames, offset, last = [], 0, None
    for at, size in info["chunks"]:
        if last is None or at - last > 20:
            frames.append([at, offset, 0])
        frames[-1][2] += size
        offset += size
        last = at
    data = [raw[start : start + size] for _, start, size in frames]
    first = next(index for index, frame in enumerate(data) if b"zoom" in frame)
    polls, ticks = [], []
    index = first + 1
    while index < len(frames):
        size = frames[index][2]
        if b"fetching" in data[index]:
            following = index + 1
            if following < len(frames) and frames[following][0] - frames[index][0] < 300:
                size += frames[following][2]
                index = following
            polls.append(size)
        else:
            ticks.append(size)
        index += 1
    print(f"first_frame {frames[first][2]} with_participants={b'14155550101' in data[first]}")
    print(f"poll_median {statistics.median(polls) if polls else '-'} n={len(polls)} all={polls}")
    print(f"tick_median {statistics.median(ticks) if ticks else '-'} n={len(ticks)} max={max(ticks) if ticks else '-'}")
    print(f"frames {len(frames)} bytes {len(raw)}")


if __name__ == "__main__":
    main()
