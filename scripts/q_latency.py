#!/usr/bin/env python3
"""How long `q` takes to end the viewer (issue 10, target 4): for each offset (ms after the first frame's
`zoom` arrives on a 200x60 pseudo-terminal) it starts the app, waits, sends `q`, and times the end of output.

    scripts/q_latency.py APP CHAT BASE_URL NOTE 0,100,200,...   (API key: test-key, as linq-fake-server's)

Against `linq-fake-server --scenario many`, the 10,000-participant poll is fetched, decoded and absorbed in the
first few hundred milliseconds, so the offsets land during it. Prints (offset, ms to exit, exit status).
"""
import os, pty, sys, time, select, subprocess, re, signal, struct, fcntl, termios
app, chat, base, scenario_note = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
offsets = [int(x) for x in sys.argv[5].split(",")]
env = dict(os.environ, LINQ_API_V3_API_KEY="test-key", LINQ_API_V3_BASE_URL=base, TERM="tmux-256color", LANG="C.UTF-8")
res = []
for off in offsets:
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(app, [app, chat, "--interval", "60"], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 60, 200, 0, 0))
    buf = b""; t0 = time.monotonic(); seen = None
    while True:
        r, _, _ = select.select([fd], [], [], 0.005)
        if r:
            try: data = os.read(fd, 65536)
            except OSError: break
            buf += data
            if seen is None and b"zoom" in buf: seen = time.monotonic()
        if seen is not None and time.monotonic() - seen >= off / 1000: break
        if time.monotonic() - t0 > 20: break
    sent = time.monotonic(); os.write(fd, b"q")
    while True:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                if not os.read(fd, 65536): break
            except OSError: break
        if time.monotonic() - sent > 10: break
    _, status = os.waitpid(pid, 0)
    res.append((off, round((time.monotonic() - sent) * 1000, 1), os.waitstatus_to_exitcode(status)))
print(scenario_note, res)
