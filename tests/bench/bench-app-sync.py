# bench-app-sync.py: the initial sync of N requests (default 100,000) as
# the app runs it, window open, against the sync engine alone and the
# sqlite3 shell floor, in one run.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# 1. bench-sync N (same SHOU_BENCH_DIR): the engine alone over HTTP from
#    `shouhou-sim --scale N`, then the floor (the same feed into the same
#    schema with the sqlite3 shell).  Its figures are read from its output.
# 2. The same simulator database again, and the real app on an empty data
#    folder (`shouhou --api-url URL`, token in SHOUHOU_TOKEN) under its own
#    Xvfb and session bus, SHOU_FRAME_LOG=1.  Timed from exec to the first
#    frame after the sync ended (the list holds its final rows then: the
#    pull's end announces every page).  Meanwhile: the app's RSS (sampled
#    every 0.5 s) against its RSS once idle, and the largest gap between
#    two frames while the sync ran (the window's responsiveness; the
#    progress bar and the countdowns ask for frames all along), and a view
#    switch by key (Alt+2 / Alt+1) every 5 s: key press to the frame that
#    shows the view (target: 100 ms).
# 3. Unless SHOU_BENCH_GROWTH=0: the same app sync of 2N requests (its own
#    simulator database, made once): linear growth.
# The app's CPU time (all threads) and the load average are printed beside
# each wall-clock figure (the machine may be shared).
# Targets (issue 19): app <= 1.2x the engine; engine <= 1.0x the floor;
# app <= 1.5x the floor; RSS during the sync within 100 MB of idle; the
# sync of 2N at most 2.2x the sync of N.
#
# Usage: bench-app-sync.py APP SIM BENCH_SYNC [N]
# SHOU_BENCH_DIR keeps the simulator's database between runs;
# SHOU_BENCH_PERF=FILE records the app during the sync with perf into FILE
# (SHOU_BENCH_PERF_ARGS, default -g); SHOU_BENCH_APP_BASE=BINARY runs that
# build of the app first on the same data (before/after in one run;
# SHOU_BENCH_BASE_LAST=1: that build second); SHOU_BENCH_SYNC_OUTPUT=FILE
# takes bench-sync's figures from an earlier run's output or log;
# SHOU_BENCH_KEYS=K presses at most K view switches during a sync.

import os
import re
import subprocess
import sys
import tempfile
import time
import shutil

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'e2e'))
import harness  # noqa: E402

FRAME_RE = re.compile(r'^frame (\d+) view=(\S+) n=(\d+) searching=(\d) first=(\S+) detail=(\S+) sync=(\d) search=(.*)$')


def rss_mb(pid):
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return 0.0


def cpu_s(pid):
    """User + system CPU of the process (all its threads) so far, in s."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')
    except (OSError, IndexError, ValueError):
        return 0.0


def main_window(session):
    """The main window: the largest of the app's X windows (a tooltip or a
    popover may be mapped too, and newer)."""
    def area(xid):
        try:
            g = session.window_geometry(xid)
            return g[2] * g[3]
        except Exception:
            return 0
    wins = session.app_windows()
    return max(wins, key=area) if wins else None


def start_sim(sim, db, env, n=None):
    # A new database is made at scale n (as bench-sync makes its own).
    make = n is not None and not os.path.exists(db)
    proc = subprocess.Popen([sim, '--db', db, '--quiet', '--port', '0'] +
                            (['--scale', str(n)] if make else ['--seed', '1']),
                            stdout=subprocess.PIPE, env=env, text=True)
    url = token = None
    for line in proc.stdout:
        line = line.strip()
        if line.startswith('listening on '):
            url = line[len('listening on '):]
        elif line.startswith('token '):
            parts = line[len('token '):].split(' ', 1)
            if len(parts) == 2 and (token is None or parts[0] == 'scale'):
                token = parts[1]
        if url and token:
            break
    if not (url and token):
        raise harness.E2EFailure('the simulator did not start')
    return proc, url, token


def frames(path):
    out = []
    with open(path, errors='replace') as f:
        for line in f:
            m = FRAME_RE.match(line.strip())
            if m:
                out.append((int(m.group(1)) / 1e6, int(m.group(3)), m.group(7) == '1', m.group(2)))
    return out


def app_sync(sim, base, sim_db, n, env, app=None):
    """The real app's initial sync of the simulator's n requests (@app: the
    binary, by default the one given on the command line)."""
    if app is not None:
        os.environ['SHOU_E2E_APP'] = app
    proc, url, token = start_sim(sim, sim_db, env, n)
    session = harness.Session('app-sync-%d' % n)
    data = os.path.join(base, 'app-data-%d' % n)
    shutil.rmtree(data, ignore_errors=True)
    try:
        t_exec = time.monotonic()
        session.start_app('--api-url', url, data_dir=data, wait_window=False,
                          env_extra={'SHOUHOU_TOKEN': token, 'SHOU_FRAME_LOG': '1'})
        pid = session.app.pid
        perf = None
        if os.environ.get('SHOU_BENCH_PERF'):
            # A profile of the app during the sync (perf record), for reading.
            perf = subprocess.Popen(['perf', 'record', '-o', os.environ['SHOU_BENCH_PERF']] +
                                    os.environ.get('SHOU_BENCH_PERF_ARGS', '-g').split() + ['-p', str(pid)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peak = 0.0
        done = None
        seen_sync = False
        deadline = time.monotonic() + 3600
        # During the sync, a view switch (Alt+2 / Alt+1) every 5 s: key press
        # to the first frame showing that view.
        switches = []
        # SHOU_BENCH_KEYS: at most that many (the same work for two builds
        # whatever their speed; a faster window is otherwise pressed more).
        max_keys = int(os.environ.get('SHOU_BENCH_KEYS', '1000000'))
        pending = None
        next_key = time.monotonic() + 5.0
        focused = False
        while done is None and time.monotonic() < deadline:
            time.sleep(0.25)
            peak = max(peak, rss_mb(pid))
            fs = frames(session.app_log)
            if pending is not None:
                t0, view = pending
                shown = [f[0] for f in fs if f[0] >= t0 and f[3] == view]
                if shown or time.monotonic() - t0 > 30:
                    switches.append(((shown[0] if shown else time.monotonic()) - t0) * 1e3)
                    print('# %s pressed %.1f s after exec: shown after %.0f ms%s'
                          % (view, t0 - t_exec, switches[-1], '' if shown else ' (not shown)'),
                          flush=True)
                    pending = None
            # Keys act on the queue: not while the loading page shows.
            syncing_now = bool(fs) and fs[-1][2] and fs[-1][3] not in ('loading', 'welcome')
            if (pending is None and syncing_now and time.monotonic() >= next_key and
                    len(switches) < max_keys):
                focused = focused or main_window(session)
                if focused:
                    session.focus_xid(focused)
                view = 'urgent' if len(switches) % 2 == 0 else 'pending'
                t0 = time.monotonic()
                session.xdo('key', '--clearmodifiers', 'alt+2' if view == 'urgent' else 'alt+1')
                pending = (t0, view)
                next_key = time.monotonic() + 5.0
            # The end: the first frame of the last stretch without a sync
            # (3 s long by now) after one ran and filled the list.
            for i, (t, count, syncing, _view) in enumerate(fs):
                if syncing:
                    seen_sync = True
                elif (seen_sync and count > 0 and time.monotonic() - t > 3.0 and
                      not any(x[2] for x in fs[i:])):
                    done = (t, count)
                    break
        if perf is not None:
            perf.send_signal(2)
            perf.wait(timeout=120)
        if done is None:
            raise harness.E2EFailure('the sync did not end within an hour')
        t_app = done[0] - t_exec
        cpu = cpu_s(pid)
        time.sleep(5.0)
        idle = rss_mb(pid)
        # The same switches once the sync is over, for reference: what a
        # key costs on this machine with nothing else going on.
        idle_switches = []
        for _ in range(4):
            fs = frames(session.app_log)
            view = 'pending' if fs and fs[-1][3] == 'urgent' else 'urgent'
            focused = focused or main_window(session)
            if focused:
                session.focus_xid(focused)
            t0 = time.monotonic()
            session.xdo('key', '--clearmodifiers', 'alt+2' if view == 'urgent' else 'alt+1')
            while time.monotonic() - t0 < 10:
                time.sleep(0.05)
                shown = [f[0] for f in frames(session.app_log) if f[0] >= t0 and f[3] == view]
                if shown:
                    idle_switches.append((shown[0] - t0) * 1e3)
                    break
            time.sleep(1.0)
        fs = [x for x in frames(session.app_log) if x[0] <= done[0]]
        sync_frames = [x[0] for x in fs if x[2]]
        gap = max((b - a for a, b in zip(sync_frames, sync_frames[1:])), default=0.0)
        session.stop_app()
        shutil.copy(session.app_log, os.path.join(base, 'app-sync-%d.log' % n))
    finally:
        session.close()
        proc.terminate()
        proc.wait(timeout=30)

    shutil.rmtree(data, ignore_errors=True)
    if pending is not None:
        print('# a view switch pressed %.1f s before the sync ended was not shown by then'
              % (done[0] - pending[0]))
    idle_switches.sort()
    if idle_switches:
        print('# the same view switches after the sync: %d, median %.0f ms'
              % (len(idle_switches), idle_switches[len(idle_switches) // 2]), flush=True)
        if switches:
            during = sorted(switches)[len(switches) // 2]
            print('# a view switch during the sync costs %.2fx one after it (medians; the sync '
                  'holds the window up by what is above 1)'
                  % (during / max(idle_switches[len(idle_switches) // 2], 1.0)), flush=True)
    return t_app, done[1], gap, peak, idle, switches, cpu


def main():
    app, sim, bench_sync = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 100000
    base = os.environ.get('SHOU_BENCH_DIR') or tempfile.mkdtemp(prefix='shou-bench-app-sync-')
    os.makedirs(base, exist_ok=True)
    env = dict(os.environ, SHOU_BENCH_DIR=base, SHOUHOU_SIM=sim)
    os.environ.setdefault('SHOU_E2E_APP', app)
    os.environ.setdefault('SHOU_E2E_SIM', sim)
    growth = os.environ.get('SHOU_BENCH_GROWTH', '1') != '0'
    print('1..%d\n# data in %s' % (5 if growth else 4, base), flush=True)

    if os.environ.get('SHOU_BENCH_SYNC_OUTPUT'):
        # An earlier run's figures of the engine and the floor (another run:
        # their ratios to the app are then across runs).
        with open(os.environ['SHOU_BENCH_SYNC_OUTPUT']) as f:
            out = f.read()
    else:
        out = subprocess.run([bench_sync, str(n)], env=env, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith('#'):
            print('# bench-sync: ' + line[2:], flush=True)
    m = re.search(r'initial sync: (\d+) requests in ([\d.]+) s', out)
    f = re.search(r'floor \(sqlite3 shell, json_each\): (\d+) requests in ([\d.]+) s', out)
    if not (m and f):
        print('not ok 1 - bench-sync gave no figures\n' + out)
        return 1
    t_engine, t_floor = float(m.group(2)), float(f.group(2))

    other = os.environ.get('SHOU_BENCH_APP_BASE')
    base_last = os.environ.get('SHOU_BENCH_BASE_LAST') == '1'
    if base_last:
        t_app, rows, gap, peak, idle, switches, cpu = app_sync(sim, base, os.path.join(base, 'sim.db'), n, env,
                                                               app)
    if other:
        # An earlier build of the app on the same data in the same run,
        # before this one: the change's before/after.
        t_b, rows_b, gap_b, peak_b, idle_b, sw_b, cpu_b = app_sync(
            sim, base, os.path.join(base, 'sim.db'), n, env, other)
        sw_b.sort()
        print('# the base app (%s): %.1f s, CPU %.1f s (load average %.1f); %d rows at the end; largest '
              'gap between frames %.0f ms; RSS peak %.0f MB, idle %.0f MB; view switches during the sync: '
              '%d, median %.0f ms' % (other, t_b, cpu_b, os.getloadavg()[0], rows_b, gap_b * 1e3, peak_b,
                                     idle_b, len(sw_b), sw_b[len(sw_b) // 2] if sw_b else 0), flush=True)
    if not base_last:
        t_app, rows, gap, peak, idle, switches, cpu = app_sync(sim, base, os.path.join(base, 'sim.db'), n, env,
                                                               app)
    if other:
        print('# this app vs the base app: %.2fx wall, %.2fx CPU' % (t_app / t_b, cpu / max(cpu_b, 0.1)),
              flush=True)
    print('# the app: %.1f s, CPU %.1f s (all threads, load average %.1f); %d rows in its view at '
          'the end; largest gap between frames during the sync %.0f ms; RSS peak %.0f MB, idle '
          'after %.0f MB' % (t_app, cpu, os.getloadavg()[0], rows, gap * 1e3, peak, idle))
    switches.sort()
    if switches:
        print('# view switches during the sync (key press to the frame showing the view): %d, '
              'median %.0f ms, max %.0f ms (target <= 100)'
              % (len(switches), switches[len(switches) // 2], switches[-1]))
    tests = [
        ('the app (exec to all data shown, window open) vs the engine alone', t_app, t_engine, 1.2),
        ('the engine alone vs the sqlite3 floor', t_engine, t_floor, 1.0),
        ('the app vs the sqlite3 floor', t_app, t_floor, 1.5),
    ]
    ok_all = True
    for i, (name, a, b, target) in enumerate(tests, 1):
        ok = a / b <= target
        ok_all &= ok
        print('%s %d - initial sync of %d, %s: %.1f s vs %.1f s, ratio %.2f (target <= %.1f)'
              % ('ok' if ok else 'not ok', i, n, name, a, b, a / b, target), flush=True)
    ok = peak - idle <= 100
    ok_all &= ok
    print('%s 4 - RSS during the sync: peak %.0f MB, idle %.0f MB, +%.0f MB (target <= +100)'
          % ('ok' if ok else 'not ok', peak, idle, peak - idle), flush=True)
    if growth:
        # Linear growth: the app's sync of twice as many requests (a
        # simulator database of its own, made once) at most 2.2x.
        big = os.path.join(base, 'growth-%d' % (2 * n))
        os.makedirs(big, exist_ok=True)
        t_big, rows, gap, peak, idle, _switches, cpu_big = app_sync(
            sim, big, os.path.join(big, 'sim.db'), 2 * n, env)
        print('# the app at %d: %.1f s, CPU %.1f s (load average %.1f); CPU ratio %.2f'
              % (2 * n, t_big, cpu_big, os.getloadavg()[0], cpu_big / max(cpu, 0.1)))
        ok = t_big / t_app <= 2.2
        ok_all &= ok
        print('%s 5 - growth: the app\'s initial sync of %d vs %d: %.1f s vs %.1f s, ratio %.2f '
              '(target <= 2.2)' % ('ok' if ok else 'not ok', 2 * n, n, t_big, t_app, t_big / t_app))
    return 0 if ok_all else 1


if __name__ == '__main__':
    sys.exit(main())
