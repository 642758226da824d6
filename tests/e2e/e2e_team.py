#!/usr/bin/python3
# e2e_team.py: two desktops of one shop team (two X servers and buses) on one
# shouhou-hub: a claim made on one shows in the other window.
#
# Driven like the other groups (e2e.py): real input, AT-SPI to read.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   e2e_team.py team [SCENARIO...]      prints TAP

import os
import re
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
import harness as H  # noqa: E402
from e2e import (  # noqa: E402
    check, main_frame, queue_rows, wait_detail_shows, wait_dialog, no_dialog, open_request)
from harness import E2EFailure, wait_for  # noqa: E402


# --- group "team": two desktops of one shop team -----------------------------

TEAM_TOKENS = {'zhang': 'staff-token-zhang-0001', 'li': 'staff-token-li-0002'}


class Hub:
    """A shouhou-hub child with the simulated platform's demo and two staff
    members of the demo merchant (张三 and 李四), from a config file."""

    def __init__(self, binary, workdir):
        for sid in TEAM_TOKENS:
            path = os.path.join(workdir, sid + '.token')
            with open(path, 'w') as f:
                f.write(TEAM_TOKENS[sid])
            os.chmod(path, 0o600)
        conf = os.path.join(workdir, 'hub.conf')
        with open(conf, 'w') as f:
            for sid, name in (('zhang', '张三'), ('li', '李四')):
                f.write('[staff %s]\nmerchant=demo\nname=%s\nrole=agent\ntoken-file=%s\n'
                        'cap-action-fen=1000000\ncap-day-fen=10000000\n\n'
                        % (sid, name, os.path.join(workdir, sid + '.token')))
        self.log = open(os.path.join(workdir, 'hub.log'), 'w')
        self.proc = subprocess.Popen([binary, '--demo', '--port', '0', '-q', '--config', conf,
                                      '--database', os.path.join(workdir, 'hub.db')],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = wait_for('the hub to listen', self.proc.stdout.readline, timeout=30)
        m = re.match(r'listening on (\S+)', line)
        if not m:
            raise E2EFailure('the hub said %r' % line)
        self.url = m.group(1).rstrip('/')

    call = H.Sim.call
    ok = H.Sim.ok

    def stop(self):
        H.stop_pid(self.proc, 'shouhou-hub')


def held_by_zhang(a):
    """The request 张三’s desktop holds a claim on, from its own cache (a
    real SQLite file; AT-SPI serves one session bus per process, and it is
    李四’s)."""
    import glob
    import sqlite3
    for path in glob.glob(os.path.join(a.data_dir, '**', '*.db'), recursive=True):
        try:
            db = sqlite3.connect('file:%s?mode=ro' % path, uri=True, timeout=2)
            row = db.execute("SELECT aftersale_id FROM claims WHERE staff_id = 'zhang'").fetchone()
            db.close()
        except sqlite3.Error:
            continue
        if row:
            return row[0]
    return None


def test_team_claim_shows_in_other_window(ctx):
    """Two desktops, each its own X server and session bus: 张三 opens a
    request; 李四's window says “张三 处理中” for it, and acting on it asks
    first, naming 张三."""
    a, b, hub = ctx
    # 张三 opens the first request of his queue (real keys on his X server).
    tries = [0]

    def claimed():
        tries[0] += 1
        a.focus_main()
        a.key('Home', 'Return')
        time.sleep(1.5)
        return held_by_zhang(a)
    aid = wait_for('张三’s desktop to claim the request it shows', claimed, timeout=60, interval=1)
    a.screenshot('team-zhang-shows-request')
    aftersale = hub.ok('GET', '/v1/aftersales/' + aid, token=TEAM_TOKENS['li'])['aftersale']
    order_no = hub.ok('GET', '/v1/orders/' + aftersale['order_id'], token=TEAM_TOKENS['li'])['order']['order_no']
    # 李四 opens the same request: his window names 张三.
    main_frame(b)
    wait_for('requests in 李四’s queue', lambda: queue_rows(b), timeout=40)
    open_request(b, order_no)
    wait_detail_shows(b, '张三 处理中', timeout=15)
    b.screenshot('team-claim-other-window')
    # Acting on it asks first, naming 张三; Escape keeps everything as it was.
    b.focus_main()
    b.key('ctrl+shift+m')
    question = wait_dialog(b, lambda t: True, 'the question before acting on 张三’s request')
    texts = b.texts(question)
    check(any('张三' in t for t in texts), 'the question does not name 张三: %s' % ' | '.join(texts[:6]))
    b.screenshot('team-claim-ask-first')
    b.focus_top()
    b.key('Escape')
    no_dialog(b)
    wait_detail_shows(b, '张三 处理中')
    # The hub agrees: 张三 still holds it.
    status, answer = hub.call('POST', '/v1/aftersales/%s/claim' % aid, {}, token=TEAM_TOKENS['li'])
    check(status == 409 and answer['error']['holder']['name'] == '张三',
          'the hub says %d %s for 李四’s claim' % (status, answer))


def run_team(only):
    tests = [test_team_claim_shows_in_other_window]
    print('1..%d' % len(tests), flush=True)
    if os.environ.get('SHOU_E2E_SKIP'):
        print('ok 1 - %s # SKIP %s' % (tests[0].__name__, os.environ['SHOU_E2E_SKIP']))
        return 0
    sessions = []
    hub = None
    failed = 0
    try:
        a = H.Session('team-zhang')
        sessions.append(a)
        b = H.Session('team-li')
        sessions.append(b)
        hub = Hub(os.environ.get('SHOU_E2E_HUB') or os.path.join(os.path.dirname(a.sim_bin), 'shouhou-hub'),
                  a.tmp)
        a.start_app('--api-url', hub.url, env_extra={'SHOUHOU_TOKEN': TEAM_TOKENS['zhang']})
        b.start_app('--api-url', hub.url, env_extra={'SHOUHOU_TOKEN': TEAM_TOKENS['li']})
        for i, t in enumerate(tests, 1):
            t0 = time.monotonic()
            try:
                t((a, b, hub))
                print('ok %d - %s (%.0f s)' % (i, t.__name__, time.monotonic() - t0), flush=True)
            except Exception as exc:
                failed += 1
                print('not ok %d - %s (%.0f s)' % (i, t.__name__, time.monotonic() - t0), flush=True)
                for line in ('%s: %s' % (type(exc).__name__, exc)).splitlines():
                    print('#   ' + line, flush=True)
                if not isinstance(exc, E2EFailure):
                    for line in traceback.format_exc().splitlines()[-8:]:
                        print('#   ' + line, flush=True)
                for sess in sessions:
                    sess.screenshot('FAILED-' + t.__name__[5:])
    finally:
        for sess in reversed(sessions):
            sess.close()
        if hub is not None:
            hub.stop()
    return 1 if failed else 0


E.GROUPS['team'] = [test_team_claim_shows_in_other_window]

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] != 'team':
        print('usage: e2e_team.py team [SCENARIO...]', file=sys.stderr)
        sys.exit(2)
    sys.exit(run_team(sys.argv[2:]))
