#!/usr/bin/python3
# e2e_filters.py: the queue's filters (issue 23) with real input, in the
# batch group's app (e2e_batch.py registers the scenario): Ctrl+Shift+F
# opens the filter form, the amount range is typed, Enter applies it as a
# chip; Delete on the focused chip removes it.  Texts are the zh_CN ones.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
from harness import wait_for  # noqa: E402

CHIP = '移除筛选：金额 ≤ ¥0.01'


def chip(s):
    return E.find_button(s.snapshot(E.main_frame(s)), CHIP)


def amounts(s):
    """The amounts the queue's rows show."""
    return [[t for t in texts if t.startswith('¥')] for _, texts in E.queue_rows(s)]


def test_filter_chip_from_keyboard(s, sim):
    """A one-fen request among bigger ones: the amount filter typed in the
    form shows it alone as a chip; Delete on the chip brings the rest back."""
    order, _ = E.new_request(sim, 'shop-taobao', 'pending_shipment', 'refund_only',
                             reason='not_wanted', text='不想要了', amount=1)
    E.reset_main(s)
    E.sync_now(s)

    # From the list, where the seller works (a click on the first row).
    rows = wait_for('rows in the queue', lambda: E.queue_rows(s), timeout=15, interval=0.5)
    s.click(rows[0][0])

    def form_open():
        return any(n.name == '最高金额' for n in s.snapshot(E.main_frame(s)))
    # After the batch scenario's dialogs close, the X server can leave the
    # input focus on the toplevel that just went: focus the window first. A
    # press that still reached no window is pressed once more (bounded).
    for attempt in range(2):
        s.focus_main()
        s.key('ctrl+shift+f')
        try:
            wait_for('the filter form', form_open, timeout=8, interval=0.3)
            break
        except Exception:
            if attempt == 1:
                raise
            E.log('Ctrl+Shift+F opened no filter form; focused the window and pressed it again')
    # Alt+M (金额(_M)) is the lowest amount; Tab the highest.
    s.key('alt+m')
    s.key('Tab')
    s.type('0.01')
    s.screenshot('filter-form')
    s.key('Return')
    wait_for('the chip “%s”' % CHIP, lambda: chip(s), timeout=10, interval=0.3)

    def only_one_fen():
        rows = amounts(s)
        return rows and all(a and a[0] == '¥0.01' for a in rows)
    wait_for('only ¥0.01 rows in the queue', only_one_fen, timeout=10, interval=0.5)
    # The filter holds while a sync brings the request in (the list follows the cache).
    wait_for('order %s in the filtered queue' % order['order_no'],
             lambda: any(order['order_no'] in ' '.join(t) for _, t in E.queue_rows(s)), timeout=30, interval=0.8)
    E.check(only_one_fen(), 'a bigger amount in the filtered queue: %s' % amounts(s))
    s.screenshot('filter-chips')

    # The focus is on the chip: Delete removes it, and the rest comes back.
    s.key('Delete')
    wait_for('the chip to go', lambda: chip(s) is None, timeout=10, interval=0.3)
    wait_for('bigger amounts back in the queue',
             lambda: any(a and a[0] != '¥0.01' for a in amounts(s)), timeout=10, interval=0.5)
