#!/usr/bin/python3
# e2e_stats.py: the 统计 page (issue 27) with real input, in the batch
# group's app (e2e_batch.py registers the scenario): Alt+8 opens 统计, a
# click switches the period to 30天, a click on the reasons chart's first
# bar opens the queue filtered by that reason (a chip), and every request
# the queue then lists has that reason on the server.  Texts are zh_CN.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
import harness as H  # noqa: E402
from harness import wait_for  # noqa: E402

CHART = '售后原因'
# bar_chart.c: each bar is 22 px high, with 8 px between bars.
BAR_MIDDLE = 11


def reasons_by_order_no(sim):
    """order_no -> the reason codes of its requests, from the change feed."""
    orders, requests = {}, []
    cursor = None
    for _ in range(100):
        path = '/v1/changes?limit=1000' + ('&cursor=' + urllib.request.quote(cursor) if cursor else '')
        page = sim.ok('GET', path, token=H.DEMO_TOKEN)
        for ch in page['changes']:
            if ch['kind'] == 'order':
                orders[ch['id']] = ch['data']['order_no']
            elif ch['kind'] == 'aftersale':
                requests.append(ch['data'])
        if not page['has_more']:
            break
        cursor = page['next_cursor']
    out = {}
    for r in requests:
        if r.get('order_id') in orders:
            out.setdefault(orders[r['order_id']], set()).add(r['reason_code'])
    return out


def row_reasons(s, by_order):
    """The reason codes of the requests the queue lists now."""
    codes = set()
    for _, texts in E.queue_rows(s):
        joined = ' '.join(texts)
        for order_no, reasons in by_order.items():
            if order_no in joined:
                codes |= reasons
    return codes


def reasons_chart(s):
    for n in s.snapshot(E.main_frame(s)):
        if n.name == CHART and n.ext is not None and '：' in n.description:
            return n
    return None


def test_stats_bar_opens_filtered_queue(s, sim):
    """统计 → 30天 → a click on the top reason's bar: the queue shows that
    reason only, as a removable chip."""
    E.reset_main(s)
    E.sync_now(s)
    by_order = reasons_by_order_no(sim)
    wait_for('rows in 待处理', lambda: E.queue_rows(s), timeout=30, interval=0.5)
    before = row_reasons(s, by_order)
    E.check(len(before) > 1, 'the unfiltered queue should mix reasons, it has %s' % before)

    s.focus_main()
    s.key('alt+8')
    thirty = wait_for('the 30天 period button',
                      lambda: E.find_button(s.snapshot(E.main_frame(s)), '30天'), timeout=15, interval=0.3)
    s.click(thirty)
    wait_for('30天 pressed', lambda: E.find_button(s.snapshot(E.main_frame(s)), '30天').has('PRESSED'),
             timeout=10, interval=0.3)
    chart = wait_for('the reasons chart with its bars', lambda: reasons_chart(s), timeout=15, interval=0.3)
    # The bars are below the cards and the line charts: the wheel scrolls
    # the page until the first bar is on screen.
    wx, wy, ww, wh = s.window_geometry(s.main_xid)
    for _ in range(30):
        if chart.ext[1] + 2 * BAR_MIDDLE < wy + wh - 10:
            break
        s.click_at(wx + ww // 2, wy + wh // 2, button=5)
        chart = wait_for('the reasons chart', lambda: reasons_chart(s), timeout=5, interval=0.2)
    E.check(chart.ext[1] + 2 * BAR_MIDDLE < wy + wh - 10, 'the reasons chart did not scroll into view: %s' % (chart.ext,))
    # "售后原因：质量问题：12、尺码不合适：7…": the first bar's label.
    first = chart.description.split('：', 1)[1].split('、')[0]
    label = first.rsplit('：', 1)[0]
    s.screenshot('stats-30-days')
    x, y, w, h = chart.ext
    s.click_at(x + w // 2, y + BAR_MIDDLE)

    want = '移除筛选：原因：' + label
    wait_for('the chip “%s” over the queue' % want,
             lambda: E.find_button(s.snapshot(E.main_frame(s)), want), timeout=15, interval=0.3)
    rows = wait_for('rows of the filtered queue', lambda: E.queue_rows(s), timeout=15, interval=0.5)
    after = row_reasons(s, by_order)
    E.check(len(after) == 1, 'the filtered queue should show one reason, it shows %s (%d rows)' % (after, len(rows)))
    s.screenshot('stats-bar-filtered-queue')

    # A click on the chip takes the filter off.
    chip = E.find_button(s.snapshot(E.main_frame(s)), want)
    s.click(chip)
    wait_for('the chip to go', lambda: E.find_button(s.snapshot(E.main_frame(s)), want) is None,
             timeout=10, interval=0.3)
