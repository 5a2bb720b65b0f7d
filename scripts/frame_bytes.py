#!/usr/bin/env python3
"""Splits what scripts/pty_capture.py recorded (its JSON and --raw bytes) into frames and prints the bytes of
the first frame, the median poll frame and the median clock-tick frame. A frame is a burst of output: ncurses
writes one doupdate in many small chunks, and the reader sometimes sees a frame in two reads a few ms apart,
so bursts are cut at 20 ms of quiet. The first frame is the first burst holding the status bar's "zoom"; a poll
frame is a burst holding "fetching" plus, when the result came in a burst of its own within 300 ms, that burst
(the moved marker, the panel row, the status bar); every other burst is a clock tick.

When the pyte terminal emulator is installed (`pip install pyte`), the whole stream is also replayed on a
screen of --cols x --rows, and every character a poll frame draws is checked against the cell it lands on: a
draw that leaves the cell as it was (same character, colours and attributes) is a cell written for nothing.
It prints the median characters drawn per poll frame, of them unchanged, and the cells that differ after it.

    frame_bytes.py capture.json capture.raw [--cols 200 --rows 60]
"""

import argparse
import json
import statistics


def replay_cells(raw, frames, polls, cols, rows):
    """Per poll frame (a list of frame indices): characters drawn, of them drawn over an equal cell, and the
    cells that differ after the frame. None when pyte is not installed."""
    try:
        import pyte
    except ImportError:
        return None

    class CountingScreen(pyte.Screen):
        def draw(self, data):
            for char in data:
                line = self.buffer[self.cursor.y]
                x = self.cursor.x
                before = line[x] if x < self.columns else None
                super().draw(char)
                self.drawn += 1
                self.unchanged += before is not None and line[x] == before

    screen = CountingScreen(cols, rows)
    stream = pyte.ByteStream(screen)

    def cells():
        return [[screen.buffer[y][x] for x in range(cols)] for y in range(rows)]

    by_frame = {index: members for members in polls for index in members[:1]}
    results, index = [], 0
    while index < len(frames):
        members = by_frame.get(index, [index])
        before = cells() if index in by_frame else None
        screen.drawn = screen.unchanged = 0
        for member in members:
            _, start, size = frames[member]
            stream.feed(raw[start : start + size])
        if before is not None:
            after = cells()
            differ = sum(1 for y in range(rows) for x in range(cols) if after[y][x] != before[y][x])
            results.append((screen.drawn, screen.unchanged, differ))
        index = members[-1] + 1
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("capture")
    parser.add_argument("raw")
    parser.add_argument("--cols", type=int, default=200)
    parser.add_argument("--rows", type=int, default=60)
    arguments = parser.parse_args()
    info = json.load(open(arguments.capture))
    raw = open(arguments.raw, "rb").read()
    frames, offset, last = [], 0, None
    for at, size in info["chunks"]:
        if last is None or at - last > 20:
            frames.append([at, offset, 0])
        frames[-1][2] += size
        offset += size
        last = at
    data = [raw[start : start + size] for _, start, size in frames]
    first = next(index for index, frame in enumerate(data) if b"zoom" in frame)
    polls, ticks, poll_frames = [], [], []
    index = first + 1
    while index < len(frames):
        size = frames[index][2]
        if b"fetching" in data[index]:
            members = [index]
            following = index + 1
            if following < len(frames) and frames[following][0] - frames[index][0] < 300:
                size += frames[following][2]
                index = following
                members.append(following)
            polls.append(size)
            poll_frames.append(members)
        else:
            ticks.append(size)
        index += 1
    print(f"first_frame {frames[first][2]} with_participants={b'14155550101' in data[first]}")
    print(f"poll_median {statistics.median(polls) if polls else '-'} n={len(polls)} all={polls}")
    print(f"tick_median {statistics.median(ticks) if ticks else '-'} n={len(ticks)} max={max(ticks) if ticks else '-'}")
    print(f"frames {len(frames)} bytes {len(raw)}")
    cells = replay_cells(raw, frames, poll_frames, arguments.cols, arguments.rows)
    if cells is None:
        print("poll_cells - (pip install pyte to replay the stream)")
    elif cells:
        drawn, unchanged, differ = (statistics.median(column) for column in zip(*cells))
        print(f"poll_cells drawn={drawn} unchanged={unchanged} differ={differ} n={len(cells)} all={cells}")


if __name__ == "__main__":
    main()
