# bench-latency.py: key press to the frame that shows the result, in the
# real window, with 200 and with 200,000 cached requests, in one run.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The app runs under its own Xvfb and session bus (tests/e2e/harness.py)
# with SHOU_FRAME_LOG=1: after each painted frame it prints what its list
# showed (view, rows, first row, searching, detail, search text) with the
# monotonic time.  Keys are real (xdotool, XTEST).  For each step the bench
# takes the time before the key press and reads two frames: the first that
# shows the step's result (the rows of the new view, the search's first
# rows, the detail of the row), and the one where it settled (a search's
# matches all found).  Targets (issue 19): at the large size every first
# frame within 100 ms, and settled within 1.5x the same at 200 (times under
# 100 ms pass whatever the ratio).  Also: exec to the first frame with rows
# (no target), and the RSS after the script at both sizes (target: at most
# 20 MB more at the large size).  Each step also reports the app's CPU time
# from the key press until it settled (+0.2 s): the machine's other load
# changes the latencies, not that.
#
# Usage (under build-aux/dev bench or by hand, from the build dir):
#   bench-latency.py APP MAKE_CACHE [LARGE]
# SHOU_BENCH_DIR keeps the caches between runs; SHOU_BENCH_ROUNDS (3) sets
# how many times the script runs (the median is reported); SHOU_BENCH_PERF=FILE
# records each size's first round with `perf record` into FILE.<size>
# (SHOU_BENCH_PERF_ARGS, default -g).

import os
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'e2e'))
import harness  # noqa: E402

FRAME_RE = re.compile(r'^frame (\d+) view=(\S+) n=(\d+) searching=(\d) first=(\S+) detail=(\S+) sync=(\d) search=(.*)$')
FIRST_MS = 100.0
RATIO = 1.5
RSS_MB = 20.0


class Frame:
    def __init__(self, m):
        self.t = int(m.group(1)) / 1e6
        self.view = m.group(2)
        self.n = int(m.group(3))
        self.searching = m.group(4) == '1'
        self.first = m.group(5)
        self.detail = m.group(6)
        self.syncing = m.group(7) == '1'
        self.search = m.group(8)


class FrameReader:
    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.frames = []

    def poll(self):
        with open(self.path, 'rb') as f:
            f.seek(self.offset)
            data = f.read()
        end = data.rfind(b'\n')
        if end < 0:
            return
        self.offset += end + 1
        for line in data[:end].decode('utf-8', 'replace').splitlines():
            m = FRAME_RE.match(line)
            if m:
                self.frames.append(Frame(m))

    def since(self, t0):
        self.poll()
        return [f for f in self.frames if f.t >= t0]

    def last(self):
        self.poll()
        return self.frames[-1] if self.frames else None


def wait_frame(reader, t0, pred, timeout=30.0):
    """The first frame after t0 for which pred holds (bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for f in reader.since(t0):
            if pred(f):
                return f
        time.sleep(0.01)
    raise harness.E2EFailure('no frame within %.0f s' % timeout)


def cpu_ms(pid):
    """CPU time (user + system, all threads) of process pid so far."""
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf('SC_CLK_TCK')


def rss_mb(pid):
    with open('/proc/%d/status' % pid) as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024.0
    return 0.0


# Steps: (name, keys, first(frame, before), settled(frame, before)).
# before is the last frame before the key press.
def view_step(name, key, view):
    return (name, [key],
            lambda f, b: f.view == view,
            lambda f, b: f.view == view and not f.searching)


def search_step(name, keys, text):
    return (name, keys,
            lambda f, b: f.search == text and (f.n > 0 or not f.searching) and f.first != b.first,
            lambda f, b: f.search == text and not f.searching)


STEPS = [
    view_step('view 即将超时 (Alt+2)', 'alt+2', 'urgent'),
    view_step('view 协商中 (Alt+3)', 'alt+3', 'negotiating'),
    view_step('view 等待买家 (Alt+4)', 'alt+4', 'await_return'),
    view_step('view 平台介入 (Alt+5)', 'alt+5', 'intervention'),
    view_step('view 已完结 (Alt+6)', 'alt+6', 'finished'),
    view_step('view 待处理 (Alt+1)', 'alt+1', 'pending'),
    ('select the first row (Down), detail shown', ['Down'],
     lambda f, b: f.detail != '-' and f.detail != b.detail,
     lambda f, b: f.detail != '-' and f.detail != b.detail),
    ('select the next row (Down), detail shown', ['Down'],
     lambda f, b: f.detail != b.detail,
     lambda f, b: f.detail != b.detail),
    search_step('search keystroke “2”', ['ctrl+f', '2'], '2'),
    search_step('search keystroke “20”', ['0'], '20'),
    search_step('search keystroke “201”', ['1'], '201'),
    ('leave the search (Escape)', ['Escape'],
     lambda f, b: f.search == '' and f.first != b.first,
     lambda f, b: f.search == '' and not f.searching),
    view_step('view 全部订单 (Alt+7)', 'alt+7', 'orders'),
    view_step('view 待处理 again (Alt+1)', 'alt+1', 'pending'),
]


def view_names(session):
    return None


def run_script(session, reader, results):
    for name, keys, first_pred, settled_pred in STEPS:
        # Quiet first: the previous step settled and a countdown tick passed.
        time.sleep(0.6)
        before = reader.last()
        for k in keys[:-1]:
            session.key(k)
            time.sleep(0.3)
        before = reader.last()
        c0 = cpu_ms(session.app.pid)
        t0 = time.monotonic()
        session.xdo('key', '--clearmodifiers', keys[-1])
        try:
            first = wait_frame(reader, t0, lambda f: first_pred(f, before))
            settled = wait_frame(reader, t0, lambda f: settled_pred(f, before))
        except harness.E2EFailure as e:
            # Reported as a miss; the script goes on with the next step.
            last = reader.last()
            print('# %s: %s (last frame: view=%s n=%d first=%s detail=%s search=%r)'
                  % ((name, e, last.view, last.n, last.first, last.detail, last.search) if last
                     else (name, e, '-', 0, '-', '-', '')), flush=True)
            results.setdefault(name, [])
            continue
        # The app's CPU for the step: what the machine's load does not change.
        time.sleep(max(0.0, settled.t + 0.2 - time.monotonic()))
        cpu = cpu_ms(session.app.pid) - c0
        results.setdefault(name, []).append(((first.t - t0) * 1e3, (settled.t - t0) * 1e3, cpu))


def measure(app, cache_dir, rounds, label):
    session = harness.Session('bench-%s' % label)
    out = {'steps': {}, 'start': [], 'rss': []}
    try:
        for r in range(rounds):
            t_exec = time.monotonic()
            session.start_app(data_dir=cache_dir, env_extra={'SHOU_FRAME_LOG': '1'}, wait_window=False)
            reader = FrameReader(session.app_log)
            # The first view the app opens is the last one shown (GSettings in
            # the session's keyfile): the script ends on 待处理.
            f = wait_frame(reader, t_exec, lambda f: f.n > 0, timeout=120)
            out['start'].append((f.t - t_exec) * 1e3)
            session.wait_window()
            session.focus_main()
            perf = None
            if os.environ.get('SHOU_BENCH_PERF') and r == 0:
                # A profile of the script's steps (perf record), for reading.
                perf = subprocess.Popen(['perf', 'record', '-o', os.environ['SHOU_BENCH_PERF'] + '.' + label] +
                                        os.environ.get('SHOU_BENCH_PERF_ARGS', '-g').split() +
                                        ['-p', str(session.app.pid)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(1.0)
            run_script(session, reader, out['steps'])
            if perf is not None:
                perf.send_signal(2)
                perf.wait(timeout=60)
            time.sleep(1.0)
            out['rss'].append(rss_mb(session.app.pid))
            session.stop_app()
    finally:
        session.close()
    return out


def main():
    app, make_cache = sys.argv[1], sys.argv[2]
    large = int(sys.argv[3]) if len(sys.argv) > 3 else int(os.environ.get('SHOU_BENCH_LARGE', '200000'))
    rounds = int(os.environ.get('SHOU_BENCH_ROUNDS', '3'))
    base = os.environ.get('SHOU_BENCH_DIR') or os.path.join('/tmp', 'shou-bench-latency')
    os.environ.setdefault('SHOU_E2E_APP', app)
    os.environ.setdefault('SHOU_E2E_SIM', app)
    sizes = [200, large]
    dirs = {}
    for n in sizes:
        d = os.path.join(base, 'latency-%d' % n)
        dirs[n] = d
        t0 = time.monotonic()
        subprocess.run([make_cache, os.path.join(d, 'shouhou.db'), str(n)], check=True)
        print('# cache of %d requests ready in %.1f s (%s)' % (n, time.monotonic() - t0, d), flush=True)

    res = {n: measure(app, dirs[n], rounds, str(n)) for n in sizes}
    small, big = res[200], res[large]
    names = [s[0] for s in STEPS]
    print('1..%d' % (len(names) + 2))
    test = 0
    all_ok = True
    for name in names:
        if not small['steps'].get(name) or not big['steps'].get(name):
            all_ok = False
            test += 1
            print('not ok %d - %s: no frame showed the result at %s' % (
                test, name, ' and '.join(str(n) for n in sizes if not res[n]['steps'].get(name))), flush=True)
            continue
        fs = statistics.median(x[0] for x in small['steps'][name])
        ss = statistics.median(x[1] for x in small['steps'][name])
        fl = statistics.median(x[0] for x in big['steps'][name])
        sl = statistics.median(x[1] for x in big['steps'][name])
        cs = statistics.median(x[2] for x in small['steps'][name])
        cl = statistics.median(x[2] for x in big['steps'][name])
        ok = fl <= FIRST_MS and (sl <= RATIO * ss or sl <= FIRST_MS)
        all_ok &= ok
        test += 1
        print('%s %d - %s: first frame %.0f ms at 200, %.0f ms at %d (target <= %.0f); '
              'settled %.0f / %.0f ms, ratio %.2f (target <= %.1f); app CPU %.0f / %.0f ms'
              % ('ok' if ok else 'not ok', test, name, fs, fl, large, FIRST_MS, ss, sl,
                 sl / max(ss, 1e-3), RATIO, cs, cl), flush=True)
    test += 1
    print('ok %d - exec to the first frame with rows: %.0f ms at 200, %.0f ms at %d # info, no target'
          % (test, statistics.median(small['start']), statistics.median(big['start']), large))
    rs, rl = statistics.median(small['rss']), statistics.median(big['rss'])
    ok = rl - rs <= RSS_MB
    all_ok &= ok
    test += 1
    print('%s %d - RSS after the script: %.1f MB at 200, %.1f MB at %d, +%.1f MB (target <= +%.0f)'
          % ('ok' if ok else 'not ok', test, rs, rl, large, rl - rs, RSS_MB))
    return 0 if all_ok else 1


if __name__ == '__main__':
    sys.exit(main())
