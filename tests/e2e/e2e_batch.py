#!/usr/bin/python3
# e2e_batch.py: the queue's multi-selection and a batch agree-refund
# (issue 23), driven like the other end-to-end groups (e2e.py): the real
# shouhou and shouhou-sim, a private X server and session bus, real key
# presses and clicks (xdotool), AT-SPI only to read and to say where to
# click.  Texts are the zh_CN ones a user reads.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   e2e_batch.py batch [SCENARIO...]      prints TAP

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
from harness import wait_for  # noqa: E402

N = 30


def selection_bar_text(s):
    """The selection bar's “已选 N 个 · 合计 ¥X”, or None when hidden."""
    for t in E.labels(s.snapshot(E.main_frame(s))):
        if t.startswith('已选 ') and '合计' in t:
            return t
    return None


def wait_bar(s, count, total):
    want = '已选 %d 个 · 合计 %s' % (count, total)
    return wait_for('the selection bar to say “%s”' % want, lambda: selection_bar_text(s) == want,
                    timeout=10, interval=0.3)


def column_header(s, name):
    # GTK 4.8 shows a header as a label; the topmost one of that name.
    heads = [n for n in s.snapshot(E.main_frame(s))
             if n.name == name and n.ext and n.role in ('label', 'column header', 'table column header')]
    return min(heads, key=lambda n: n.ext[1]) if heads else None


def test_batch_agree_refund_30(s, sim):
    """30 small unshipped refund-only requests: Shift selects them, Ctrl-click
    toggles one, the bar counts and sums them, Ctrl+Shift+A opens the batch
    confirmation, the progress dialog ends in a report that names the one the
    server refused (the buyer withdrew it meanwhile) and why."""
    made = []
    for i in range(N):
        order, a = E.new_request(sim, 'shop-taobao', 'pending_shipment', 'refund_only',
                                 reason='not_wanted', text='不想要了', amount=10 + i)
        made.append((order, a))
    total = '¥%.2f' % (sum(10 + i for i in range(N)) / 100)
    E.reset_main(s)
    E.sync_now(s)

    # The smallest amounts first: ours are the first 30 rows.
    def sorted_by_amount():
        rows = E.queue_rows(s)
        return rows and made[0][0]['order_no'] in rows[0][1]
    header = wait_for('the 金额 column header', lambda: column_header(s, '金额'), timeout=10)
    for _ in range(3):
        s.click(header)
        time.sleep(0.8)
        if sorted_by_amount():
            break
    wait_for('the queue sorted by amount, order %s first' % made[0][0]['order_no'], sorted_by_amount,
             timeout=15, interval=0.8)

    rows = E.queue_rows(s)
    s.click(rows[0][0])
    E.wait_detail_shows(s, made[0][0]['order_no'])
    E.check(selection_bar_text(s) is None, 'the selection bar shows with one request chosen')
    # Shift+Down extends the selection row by row (real key presses).
    for _ in range(N - 1):
        s.key('shift+Down')
    wait_bar(s, N, total)
    # The detail pane summarises the selection instead of one request.
    E.check(any(t.startswith('已选 %d 个售后单' % N) for t in E.detail_texts(s)),
            'the detail pane does not summarise the selection: %s' % E.detail_texts(s)[:6])

    # Ctrl+Home moves to the top without changing the selection; Ctrl-click
    # takes one out and puts it back (rows scrolled away keep stale
    # extents: each click reads the row again).
    s.key('ctrl+Home')
    time.sleep(0.5)
    wait_bar(s, N, total)

    def ctrl_click(order_no):
        row = wait_for('the row of order %s' % order_no,
                       lambda: ([n for n, t in E.queue_rows(s) if order_no in t] or [None])[0], timeout=10)
        s.xdo('keydown', 'ctrl')
        try:
            s.click(row)
        finally:
            s.xdo('keyup', 'ctrl')
    ctrl_click(made[1][0]['order_no'])
    wait_bar(s, N - 1, '¥%.2f' % ((sum(10 + i for i in range(N)) - 11) / 100))
    ctrl_click(made[1][0]['order_no'])
    wait_bar(s, N, total)
    s.screenshot('selection-bar')

    # Ctrl+Shift+A with several chosen: the batch confirmation, not one
    # request's, and never GTK's “unselect all”.
    s.key('ctrl+shift+a')
    dlg = E.wait_dialog(s, lambda t: '同意退款 %d 个售后单' % N in t, 'the batch refund confirmation')
    s.screenshot('batch-confirm')
    texts = E.labels(s.snapshot(dlg))
    E.check(any(total in t for t in texts), 'the confirmation does not say the total %s: %s' % (total, texts))
    # Enter keeps the money: Cancel is the default.
    s.focus_top()
    s.key('Return')
    time.sleep(1.0)
    E.check(all(E.server_status(sim, a['id']) == 'wait_seller' for _, a in made[:3]),
            'Enter in the batch confirmation refunded')
    E.no_dialog(s)
    wait_bar(s, N, total)
    s.key('ctrl+shift+a')
    dlg = E.wait_dialog(s, lambda t: '同意退款 %d 个售后单' % N in t, 'the batch refund confirmation')
    ok = [n for n in s.snapshot(dlg) if n.role == 'push button' and E.button_label(n).startswith('同意退款')]
    E.check(ok, 'no 同意退款 button in the batch confirmation')
    # The server is failing (503) when the seller confirms: the batch waits
    # in the outbox. Meanwhile the buyer withdraws one; when the server is
    # back, it refuses that one and takes the others.
    sim.faults(1.0, kinds=['5xx'])
    sim.buyer(action='cancel', aftersale_id=made[5][1]['id'])
    s.click(ok[-1])

    # Progress while the actions go, then the report.
    prog = E.wait_dialog(s, lambda t: '操作' in t or '批量' in t or '失败' in t, 'the batch progress dialog', timeout=30)

    time.sleep(2)
    sim.faults(0)
    final = '共 %d 个：成功 %d 个，失败 1 个' % (N, N - 1)

    def report():
        texts = E.labels(s.snapshot(prog)) + [prog.get_name() or '']
        done = any('1 个售后单失败' in t for t in texts) and final in texts
        return texts if done else None
    texts = wait_for('the batch report: “1 个售后单失败”, “%s”' % final, report, timeout=120, interval=1.0)

    def failed_row():
        rows = [t for t in E.labels(s.snapshot(prog)) if t.startswith(made[5][0]['order_no'])]
        return rows[0] if rows else None
    failed = wait_for('order %s in the report' % made[5][0]['order_no'], failed_row, timeout=10, interval=0.5)
    E.check('成功' not in failed and '—' in failed, 'the refused request is not reported with its reason: %s' % failed)
    s.screenshot('batch-report')

    # The server agrees: each of the others refunded once, the changed one not.
    for i, (order, a) in enumerate(made):
        st = E.server_status(sim, a['id'])
        if i == 5:
            E.check(st != 'success', 'the withdrawn request was refunded anyway: %s' % st)
        else:
            E.check(st != 'wait_seller', 'order %s was not refunded: %s' % (order['order_no'], st))
    retry = [n for n in s.snapshot(prog) if n.role == 'push button' and E.button_label(n).startswith('重试')]
    E.check(retry and retry[0].sensitive, 'no retry for the failure')
    s.focus_top()
    s.key('Escape')
    E.no_dialog(s)
    # Queued, the batch leaves nothing chosen.
    E.check(selection_bar_text(s) is None, 'the selection bar stayed after the batch')

    # Escape in the queue clears a selection of several.
    rows = E.queue_rows(s)
    s.click(rows[0][0])
    s.key('shift+Down', 'shift+Down')
    wait_for('the selection bar to count 3', lambda: (selection_bar_text(s) or '').startswith('已选 3 个'),
             timeout=10, interval=0.3)
    s.key('Escape')
    wait_for('Escape to clear the selection', lambda: selection_bar_text(s) is None, timeout=10, interval=0.3)


from e2e_filters import test_filter_chip_from_keyboard  # noqa: E402
from e2e_stats import test_stats_bar_opens_filtered_queue  # noqa: E402
from e2e_search import test_search_everywhere_open_and_copy  # noqa: E402

E.GROUPS['batch'] = [test_batch_agree_refund_30, test_filter_chip_from_keyboard,
                     test_stats_bar_opens_filtered_queue, test_search_everywhere_open_and_copy]

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] != 'batch':
        print('usage: e2e_batch.py batch [SCENARIO...]', file=sys.stderr)
        sys.exit(2)
    sys.exit(E.run_group('batch', sys.argv[2:]))
