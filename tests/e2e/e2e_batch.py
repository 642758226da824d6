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

import json
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


def _sort_by_amount(s, first_order_no):
    """Sorts the queue by amount, smallest first, until @first_order_no is on
    top (a sync may still be bringing it: Ctrl+R between clicks)."""
    def sorted_by_amount():
        rows = E.queue_rows(s)
        return rows and first_order_no in rows[0][1]
    for i in range(8):
        if sorted_by_amount():
            return
        header = wait_for('the 金额 column header', lambda: column_header(s, '金额'), timeout=10)
        s.click(header)
        time.sleep(1.0)
        if i % 2 == 1:
            E.sync_now(s)
            time.sleep(1.0)
    wait_for('the queue sorted by amount, order %s first' % first_order_no, sorted_by_amount,
             timeout=10, interval=0.8)


def _select_first(s, n, total):
    """Chooses the first @n rows: a click on a row in sight, Home (the list
    may be scrolled: the first row's place can be under the header), then
    Shift+Down."""
    s.focus_main()
    header = wait_for('the 金额 column header', lambda: column_header(s, '金额'), timeout=10)
    below = header.ext[1] + header.ext[3]
    rows = [r for r, _ in E.queue_rows(s) if r.ext and r.ext[1] > below]
    s.click(rows[0])
    s.key('Home')
    time.sleep(0.3)
    for _ in range(n - 1):
        s.key('shift+Down')
    wait_bar(s, n, total)


def _wait_report(s, dlg, n):
    final = '共 %d 个：成功 %d 个，失败 0 个' % (n, n)
    wait_for('the batch report “%s”' % final, lambda: final in E.labels(s.snapshot(dlg)), timeout=90, interval=1.0)


def test_batch_phrase_reply_and_round1(s, sim):
    """Three Pinduoduo and two Taobao requests chosen with Shift: Ctrl+Shift+M
    opens 用常用语回复 with no phrase yet; 管理常用语 opens the phrase window,
    a phrase typed there and saved with Enter is offered at once; the five
    replies go and the report says so, and the server has the text on each.
    Ctrl+Shift+J opens 发起协商（第一轮）: the Taobao ones are left out with the
    reason, the three others get round 1 with the first script."""
    pdd = [E.new_request(sim, 'shop-pdd', 'shipped', 'refund_only', reason='not_wanted', text='不想要了', amount=1 + i)
           for i in range(3)]
    tb = [E.new_request(sim, 'shop-taobao', 'shipped', 'refund_only', reason='not_wanted', text='不想要了',
                        amount=4 + i) for i in range(2)]
    made = pdd + tb
    E.reset_main(s)
    E.sync_now(s)
    _sort_by_amount(s, made[0][0]['order_no'])
    _select_first(s, 5, '¥0.15')

    # 用常用语回复 from the keyboard; no phrase yet: one is written in the
    # phrase window (opened from the confirmation) and offered at once.
    s.key('ctrl+shift+m')
    dlg = E.wait_dialog(s, lambda t: '用常用语回复 5 个售后单' in t, 'the batch reply confirmation')
    manage = wait_for('the 管理常用语 button', lambda: E.find_button(s.snapshot(dlg), '管理常用语'), timeout=10)
    s.click(manage)
    E.wait_dialog(s, lambda t: t == '常用语', 'the phrase window')
    time.sleep(0.5)
    phrase = 'Hi, we handle it today. Thanks!'
    s.focus_top()
    s.type(phrase)
    s.key('Return')
    time.sleep(0.8)
    s.key('Escape')
    wait_for('the phrase window to close', lambda: not any((t.get_name() or '') == '常用语' for t in s.toplevels()),
             timeout=10)
    wait_for('the phrase in the confirmation', lambda: phrase in E.labels(s.snapshot(dlg)), timeout=10, interval=0.5)
    s.screenshot('batch-phrase-reply')
    ok = wait_for('the 发送回复 button', lambda: E.find_button(s.snapshot(dlg), '发送回复'), timeout=10)
    E.check(ok.sensitive, 'the 发送回复 button is off')
    s.click(ok)
    prog = E.wait_dialog(s, lambda t: '操作' in t or '批量' in t, 'the batch progress dialog', timeout=30)
    _wait_report(s, prog, 5)
    s.focus_top()
    s.key('Escape')
    E.no_dialog(s)
    for order, a in made:
        E.check(phrase in json.dumps(sim.aftersale(a['id']), ensure_ascii=False),
                'order %s has not got the phrase on the server' % order['order_no'])

    # 发起协商（第一轮）: the Taobao requests are left out, with the reason.
    s.focus_main()
    _sort_by_amount(s, made[0][0]['order_no'])
    _select_first(s, 5, '¥0.15')
    s.key('ctrl+shift+j')
    dlg = E.wait_dialog(s, lambda t: '对 3 个售后单发起第一轮协商' in t, 'the batch round-1 confirmation')
    texts = E.labels(s.snapshot(dlg))
    for order, _ in tb:
        E.check(any(t.startswith(order['order_no']) and '没有协商工具' in t for t in texts),
                'order %s is not left out with its reason: %s' % (order['order_no'], texts))
    s.screenshot('batch-round1')
    ok = wait_for('the 发出第一轮 button', lambda: E.find_button(s.snapshot(dlg), '发出第一轮'), timeout=10)
    s.click(ok)
    prog = E.wait_dialog(s, lambda t: '操作' in t or '批量' in t, 'the batch progress dialog', timeout=30)
    _wait_report(s, prog, 3)
    s.focus_top()
    s.key('Escape')
    E.no_dialog(s)
    for order, a in pdd:
        rounds = (sim.aftersale(a['id']).get('negotiation') or {}).get('rounds') or []
        E.check(len(rounds) == 1, 'order %s has %d negotiation rounds on the server' % (order['order_no'], len(rounds)))
    for order, a in tb:
        rounds = (sim.aftersale(a['id']).get('negotiation') or {}).get('rounds') or []
        E.check(not rounds, 'order %s (Taobao) was negotiated' % order['order_no'])


from e2e_filters import test_filter_chip_from_keyboard  # noqa: E402
from e2e_stats import test_stats_bar_opens_filtered_queue  # noqa: E402
from e2e_search import test_search_everywhere_open_and_copy  # noqa: E402

E.GROUPS['batch'] = [test_batch_agree_refund_30, test_batch_phrase_reply_and_round1, test_filter_chip_from_keyboard,
                     test_stats_bar_opens_filtered_queue, test_search_everywhere_open_and_copy]

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] != 'batch':
        print('usage: e2e_batch.py batch [SCENARIO...]', file=sys.stderr)
        sys.exit(2)
    sys.exit(E.run_group('batch', sys.argv[2:]))
