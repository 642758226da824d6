#!/usr/bin/python3
# e2e_search.py: search everywhere and copying from the queue (issue 23),
# with real input, in the batch group's app (e2e_batch.py registers it):
# from another view, Ctrl+F and an order number find the request with its
# view and shop; Enter, Enter opens it in 待处理; Ctrl+C on its row copies
# the order number (a toast says so; Ctrl+V into the search finds it
# again); the rows' context menu copies it too.  Texts are the zh_CN ones.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
from harness import wait_for  # noqa: E402


def row_of(s, order_no):
    for node, texts in E.queue_rows(s):
        if order_no in texts:
            return node, texts
    return None


def pending_selected(s):
    return any(n.role == 'list item' and n.name.startswith('待处理') and n.selected
               for n in s.snapshot(E.main_frame(s)))


def test_search_everywhere_open_and_copy(s, sim):
    order, _ = E.new_request(sim, 'shop-tmall', 'completed', 'return_refund',
                             reason='quality_problem', text='有破损')
    no = order['order_no']
    E.reset_main(s)
    E.sync_now(s)

    # From 协商中 (Alt+3), where the new request is not: the search finds it
    # and says it is in 待处理, in its shop.
    s.key('alt+3')
    E.search(s, no)

    def found():
        r = row_of(s, no)
        if r is None:
            s.key('ctrl+r')
        return r
    node, texts = wait_for('order %s among the results' % no, found, timeout=30, interval=0.8)
    E.check(any(t.startswith('待处理 · ') for t in texts),
            'the result does not say its view and shop: %s' % ' | '.join(texts))
    s.screenshot('search-everywhere')

    # Enter goes to the first result, Enter again opens it where it lives.
    s.key('Return')
    s.key('Home', 'Return')
    E.wait_detail_shows(s, no)
    wait_for('待处理 chosen in the sidebar', lambda: pending_selected(s), timeout=10, interval=0.3)
    wait_for('the search to close', lambda: not any(n.name.startswith('仅此视图')
                                                   for n in s.snapshot(E.main_frame(s))),
             timeout=10, interval=0.3)
    # The list's chosen row is that request, wherever the list scrolled
    # (it may lie below the window): Ctrl+C copies the chosen row's number.
    s.key('ctrl+c')
    s.wait_text('已复制订单号 %s' % no)

    # Ctrl+C on its row (found again, clicked): a toast, and the clipboard
    # holds the number.
    E.search(s, no)
    node = wait_for('order %s found again' % no, lambda: (row_of(s, no) or (None,))[0], timeout=15, interval=0.5)
    s.click(node)
    s.key('ctrl+c')
    s.wait_text('已复制订单号 %s' % no)
    s.screenshot('copied-order-no')
    s.key('ctrl+f')
    s.key('ctrl+a', 'BackSpace', 'ctrl+v')
    wait_for('the pasted order number to find order %s alone' % no,
             lambda: E.queue_rows(s) and all(no in t for _, t in E.queue_rows(s)), timeout=15, interval=0.5)

    # The rows' context menu (right click) copies it too.
    node = wait_for('order %s in the results' % no, lambda: (row_of(s, no) or (None,))[0], timeout=15, interval=0.5)
    x, y, w, h = node.ext
    s.click_at(x + w // 2, y + h // 2, button=3)
    item = s.find(lambda n: n.name.startswith('复制订单号'), root=None, what='the menu item 复制订单号', timeout=10)
    s.click(item)
    s.wait_text('已复制订单号 %s' % no)
    E.reset_main(s)
