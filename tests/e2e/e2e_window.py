#!/usr/bin/python3
# e2e_window.py: the second half of a shop owner's first day (issue 17): the
# shortcuts window, a 1024 x 700 window, a deadline notification, the detail following
# the list, the orders view, a conflict in Chinese, icon buttons, a Douyin cash-on-delivery
# refund's proof, Pinduoduo's reject before shipping.
#
# Driven like the other groups (e2e.py): real input under a private X server,
# AT-SPI to read; the zh_CN texts a user reads.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   e2e_window.py window [SCENARIO...]      prints TAP

import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
import harness as H  # noqa: E402
from e2e import (  # noqa: E402
    check, main_frame, subtree, labels, queue_rows, row_order_no, detail_texts, detail_buttons, button_label,
    find_button, wait_detail_shows, wait_dialog, no_dialog, reset_main, sync_now, search, open_request,
    new_request, server_status, _start_agree_refund, choose_file, close_dialog)
from harness import E2EFailure, wait_for, log  # noqa: E402


# --- scenarios: group "window" -------------------------------------------------

def test_shortcuts_window(s, sim):
    """Ctrl+? opens 键盘快捷键 with the action shortcuts, named as in the menu."""
    reset_main(s)
    s.focus_main()
    s.key('ctrl+shift+slash')
    win = wait_dialog(s, lambda t: '快捷' in t or t == 'GtkShortcutsWindow', 'the shortcuts window')
    s.screenshot('shortcuts')
    # GTK 4.8 names the window's accessible by its type: read the title X shows.
    titles = [s.xdo('getwindowname', x, check=False) for x in s.app_windows() if x != s.main_xid]
    title = ' / '.join(titles) or win.get_name()
    texts = labels(s.snapshot(win))
    check(any('同意退款' in t for t in texts), 'the shortcuts window does not list 同意退款')
    # Item 13: one name for one thing: the menu says 键盘快捷键.
    shown = [t for t in texts if '快捷' in t]
    check(not any('快捷操作' in t for t in shown) and ('键盘快捷键' in title or '键盘快捷键' in shown),
          'the shortcuts window is called “%s” (title “%s”), the menu “键盘快捷键”'
          % (' / '.join(shown), title))
    s.focus_top()
    s.key('Escape')
    no_dialog(s)


def header_node(s, name, nodes=None):
    nodes = nodes if nodes is not None else s.snapshot(main_frame(s))
    heads = [n for n in nodes if n.name == name and n.ext and n.role in ('label', 'column header', 'table column header')]
    return min(heads, key=lambda n: n.ext[1]) if heads else None


def list_area(s, nodes):
    """The x range the queue shows: from the list's left edge to the detail
    pane (or the window's edge when the detail is folded away). The list
    itself is as wide as all its columns."""
    lists = [n for n in nodes if n.role == 'list' and n.name == 'GtkColumnListView' and n.ext]
    panes = [n for n in nodes if n.name == 'ShouDetailPane' and n.ext and n.ext[2] > 0]
    wx, wy, ww, wh = s.window_geometry(s.main_xid)
    left = lists[0].ext[0] if lists else wx
    right = panes[0].ext[0] if panes else wx + ww
    return left, right


def dense_table_1024(s):
    """The dense table at 1024×700 with the sidebar and the detail shown: the
    deadline, the whole order number, the goods, the amount and the status
    are on screen, with no horizontal scrolling; Ctrl+F9 gives the detail's
    width to the list; a header's right-click menu hides a column and
    恢复默认的列 brings it back."""
    first = ('剩余时间', '订单号', '商品', '金额', '状态')
    # A queue, not a search: the search's 视图和店铺 column comes and goes.
    reset_main(s)
    wait_for('the queue without the search column', lambda: header_node(s, '视图和店铺') is None
             and queue_rows(s), timeout=15)
    s.screenshot('dense-table-1024x700')
    nodes = s.snapshot(main_frame(s))
    left, right = list_area(s, nodes)
    for name in first:
        head = header_node(s, name, nodes)
        check(head is not None, 'no %s column header at 1024×700' % name)
        x, y, w, h = head.ext
        check(x >= left - 1 and x + w <= right + 1,
              'the %s header (%s) is not on screen between %d and %d at 1024×700' % (name, head.ext, left, right))
    rows = queue_rows(s, nodes)
    order_no = row_order_no(rows[0][1])
    check(order_no is not None, 'the first row shows no order number: %s' % rows[0][1])
    cells = [n for n in subtree(nodes, rows[0][0]) if n.role == 'label' and n.name == order_no and n.ext]
    check(cells, 'the order number %s is not a cell of its row' % order_no)
    x, y, w, h = cells[0].ext
    check(x >= left - 1 and x + w <= right + 1,
          'the order number cell %s is not on screen between %d and %d' % (cells[0].ext, left, right))
    last = header_node(s, '原因', nodes)
    check(last is None or last.ext[0] + last.ext[2] > right, 'every column fits beside the detail: nothing to check')

    # Ctrl+F9: the detail pane folds away and the list takes its width:
    # every column fits. Ctrl+F9 again brings it back.
    s.focus_main()
    s.key('ctrl+F9')
    try:
        def all_fit():
            now = s.snapshot(main_frame(s))
            l, r = list_area(s, now)
            heads = [header_node(s, n, now) for n in first + ('平台', '类型', '买家', '原因')]
            return not detail_buttons(s, now) and all(h is not None and h.ext[0] + h.ext[2] <= r + 1 for h in heads)
        wait_for('every column on screen once Ctrl+F9 folded the detail away', all_fit, timeout=10)
        s.screenshot('window-1024x700-no-detail')
    finally:
        s.focus_main()
        s.key('ctrl+F9')
        wait_for('the detail pane back after Ctrl+F9', lambda: detail_buttons(s), timeout=10)

    # The column chooser from a header's right-click menu.
    def menu_item(label):
        return ([n for n in s.snapshot() if n.name == label and n.ext and 'menu' in n.role] or [None])[0]

    def header_menu():
        head = header_node(s, '金额')
        x, y, w, h = head.ext
        s.click_at(x + w // 2, y + h // 2, button=3)
    header_menu()
    item = wait_for('the column chooser in the header menu', lambda: menu_item('状态'), timeout=10)
    s.screenshot('column-chooser')
    s.click(item)
    try:
        wait_for('the 状态 column to go', lambda: header_node(s, '状态') is None, timeout=10)
    finally:
        header_menu()
        item = wait_for('恢复默认的列 in the header menu', lambda: menu_item('恢复默认的列(R)') or menu_item('恢复默认的列'),
                        timeout=10)
        s.click(item)
        wait_for('the 状态 column back', lambda: header_node(s, '状态') is not None, timeout=10)


def test_small_window_1024x700(s, sim):
    """At 1024×700 the queue, the detail and every action button are on screen."""
    order, a = new_request(sim, 'shop-tmall', 'completed', 'return_refund', reason='quality_problem', text='有破损')
    reset_main(s)
    s.xdo('windowsize', '--sync', s.main_xid, 1024, 700)
    time.sleep(1.5)
    x0, y0, w0, h0 = s.window_geometry(s.main_xid)
    check((w0, h0) == (1024, 700), 'the window did not take 1024×700: %dx%d' % (w0, h0))
    sync_now(s)
    open_request(s, order['order_no'])
    s.screenshot('window-1024x700')
    buttons = detail_buttons(s)
    acts = [b for b in buttons if any(button_label(b).startswith(p) for p in ('同意退款', '同意退货', '拒绝', '回复'))]
    check(len(acts) >= 3, 'action buttons missing at 1024×700: %s' % [button_label(b) for b in buttons])
    for b in acts:
        x, y, w, h = b.ext
        check(x >= x0 and y >= y0 and x + w <= x0 + w0 and y + h <= y0 + h0,
              '%s is outside the 1024×700 window (%s)' % (button_label(b), b.ext))
    agree = find_button(buttons, '同意退货')
    check(agree is not None and agree.sensitive, '同意退货 is not offered at 1024×700')
    # Reachable means usable: it opens its dialog.
    s.click(agree)
    wait_dialog(s, lambda t: '退货' in t, 'the agree-return dialog at 1024×700')
    s.screenshot('window-1024x700-dialog')
    s.focus_top()
    s.key('Escape')
    no_dialog(s)
    rows = queue_rows(s)
    check(rows, 'no queue visible at 1024×700')
    dense_table_1024(s)
    s.xdo('windowsize', '--sync', s.main_xid, 1360, 840)
    time.sleep(0.5)
    reset_main(s)


def test_deadline_notification_opens_request(s, sim):
    """A deadline notification reaches the session's notification service; activating it opens the request."""
    notes = wait_for('a deadline notification', lambda: s.notifications(), timeout=30)
    note = notes[0]
    log('notification:', json.dumps(note, ensure_ascii=False)[:300])
    target = note.get('target')
    if note['via'] == 'gtk':
        check(note.get('default_action') == 'app.open-request' and target, 'no open action: %s' % note)
    aid = target if isinstance(target, str) else None
    reset_main(s)
    # Show another request first, so that opening is visible.
    result = s.activate_notification(note['id'])
    check(result == 'ok', 'activation failed: %s' % result)
    if aid:
        x = sim.aftersale(aid)
        order = sim.ok('GET', '/v1/orders/' + x['order_id'], token=H.DEMO_TOKEN)['order']
        wait_detail_shows(s, order['order_no'], timeout=10)
    s.screenshot('notification-opened')


def test_search_detail_follows_list(s, sim):
    """Item 10: after a search the detail pane shows a row of the list, or the empty state."""
    order1, a1 = new_request(sim, 'shop-taobao', 'shipped', 'refund_only', reason='not_wanted', text='不想要了')
    order2, a2 = new_request(sim, 'shop-tmall', 'completed', 'return_refund', reason='quality_problem', text='有破损')
    reset_main(s)
    sync_now(s)
    open_request(s, order1['order_no'])
    search(s, order2['order_no'])
    wait_for('the list to show only order %s' % order2['order_no'],
             lambda: queue_rows(s) and all(order2['order_no'] in t for _, t in queue_rows(s)), timeout=15)
    # The search streams its matches in idle steps: the detail follows once
    # it has settled (a person sees it within a moment).
    try:
        wait_for('the detail to leave order %s' % order1['order_no'],
                 lambda: not any(order1['order_no'] in t for t in detail_texts(s)), timeout=5, interval=0.5)
    except E2EFailure:
        pass
    texts = detail_texts(s)
    s.screenshot('search-detail-follows')
    check(not any(order1['order_no'] in t for t in texts),
          'the list shows only order %s, but the detail still shows order %s'
          % (order2['order_no'], order1['order_no']))
    reset_main(s)


def test_orders_view_after_sales_state_and_open(s, sim):
    """Item 6: 全部订单 shows each order's after-sales state; an order opens to its lines and requests."""
    order, a = new_request(sim, 'shop-taobao', 'shipped', 'refund_only', reason='not_wanted', text='不想要了')
    reset_main(s)
    sync_now(s)
    time.sleep(1)
    s.focus_main()

    def in_orders_view():
        # A sync or a late focus change may take the first key press: press
        # Alt+7 again until 全部订单 is the chosen view.
        s.focus_main()
        s.key('alt+7')
        time.sleep(0.5)
        return any(n.role == 'list item' and n.name.startswith('全部订单') and n.selected
                   for n in s.snapshot(main_frame(s)))
    wait_for('全部订单 to be the chosen view', in_orders_view, timeout=20, interval=0.5)
    search(s, order['order_no'])

    def row():
        nodes = s.snapshot(main_frame(s))
        # 全部订单 rows are list items named by the order ("单号 · 状态"), not queue rows.
        for n in nodes:
            if n.role == 'list item' and n.name.startswith(order['order_no']):
                return n, labels(subtree(nodes, n))
        return None
    # The first visit loads every order (3,000 in the demo): minutes on a loaded machine.
    node, texts = wait_for('order %s in 全部订单' % order['order_no'], row, timeout=60, interval=0.8)
    s.screenshot('orders-view')
    check(not any('无售后' in t for t in texts), 'order %s has an open request but 全部订单 says: %s'
          % (order['order_no'], ' | '.join(texts)))
    s.click(node)
    title = order['lines'][0]['title']

    def opened():
        # Its lines and its request, in the list (expanded) or in the detail pane.
        nodes = s.snapshot(main_frame(s))
        return (any(n.role == 'list item' and n.name == title for n in nodes)
                or any(order['order_no'] in t for t in detail_texts(s, nodes)))
    try:
        wait_for('order %s to open to its lines and requests' % order['order_no'], opened, timeout=8)
    finally:
        s.screenshot('order-opened')
    reset_main(s)


def test_conflict_message_in_chinese(s, sim):
    """Item 5: a version conflict is explained in Chinese, never with the server's English text."""
    order, a = _start_agree_refund(s, sim)
    # The buyer changes the request meanwhile (the window has not seen it).
    sim.ok('POST', '/v1/aftersales/%s/actions' % a['id'], {
        'action': 'message', 'expected_version': a['version'], 'params': {'text': '您好，正在核实'}},
        token=H.DEMO_TOKEN)
    s.click(find_button(detail_buttons(s), '同意退款'))
    dlg = wait_dialog(s, lambda t: '退款' in t, 'the refund confirmation dialog')
    nodes = s.snapshot(dlg)
    confirm = [n for n in nodes if n.role == 'push button' and '退款' in button_label(n)
               and not button_label(n).startswith('取消')]
    s.click(confirm[-1])
    time.sleep(1)
    s.focus_main()
    s.key('ctrl+r')
    english = re.compile(r'[A-Za-z]{3,}(?: [A-Za-z]{2,}){2,}')
    # The selection moved on to the next request (the default preference):
    # open the refused one again, where its conflict is explained.
    time.sleep(2)
    if server_status(sim, a['id']) != 'success':
        open_request(s, order['order_no'])

    def settled():
        # Either the window explains the conflict, or the action went through
        # on the request's new version (nothing the seller saw changed).
        if server_status(sim, a['id']) == 'success':
            return 'applied'
        texts = [t for top in s.toplevels() for t in labels(s.snapshot(top))]
        hits = [t for t in texts if '版本' in t or '变化' in t or '已更改' in t or 'changed' in t
                or '冲突' in t or '重新' in t]
        return hits
    wait_for('the conflict to be shown (or the refund applied)', settled, timeout=25, interval=0.8)
    time.sleep(1)
    s.screenshot('conflict')
    texts = [t for top in s.toplevels() for t in labels(s.snapshot(top))]
    raw = [t for t in texts if english.search(t)]
    check(not raw, 'raw English in the Chinese window: %s' % raw[:3])
    reset_main(s)


def test_icon_buttons_named_and_one_tab_stop(s, sim):
    """Item 14: icon buttons have names; the sidebar toggle says what it does; Tab stops once per action."""
    order, a = new_request(sim, 'shop-tmall', 'completed', 'return_refund', reason='quality_problem', text='有破损')
    reset_main(s)
    sync_now(s)
    open_request(s, order['order_no'])
    nodes = s.snapshot(main_frame(s))
    unnamed = [n for n in nodes if n.role in ('push button', 'toggle button') and n.name in ('GtkImage', '')]
    toggle = [n for n in nodes if n.role in ('push button', 'toggle button') and '侧边栏' in (n.name + n.description)]
    s.screenshot('icon-buttons')
    check(not unnamed, '%d icon buttons are called “GtkImage” (tooltips: %s)'
          % (len(unnamed), [n.description for n in unnamed][:5]))
    check(toggle and '显示侧边栏' not in toggle[0].name + toggle[0].description,
          'the sidebar is shown, yet its toggle says “显示侧边栏”')
    # Tab through the action bar: every stop is a button, each a different one.
    s.focus_main()
    nodes = s.snapshot(main_frame(s))
    rows = [n for n, t in queue_rows(s, nodes) if order['order_no'] in t]
    x, y, w, h = rows[0].ext
    s.click_at(x + min(w // 2, 60), y + h // 2)
    # The row is a result of the search over every view: the first Return
    # opens it in its own view, the second goes to its actions.
    s.key('Return')
    time.sleep(1)
    s.key('Return')   # 转到售后单的操作
    time.sleep(0.5)
    seen = []
    for _ in range(4):
        focused = [n for n in s.snapshot(main_frame(s)) if n.focused]
        seen.append((focused[-1].role, button_label(focused[-1])) if focused else None)
        s.key('Tab')
        time.sleep(0.3)
    stops = [x for x in seen if x]
    check(stops and all(r == 'push button' for r, _ in stops),
          'Tab stops on things that are not buttons in the action bar: %s' % seen)
    check(len(set(stops)) == len(stops), 'Tab stops twice on a button: %s' % seen)
    reset_main(s)


def test_douyin_cod_refund_proof_upload(s, sim):
    """Item 4: a Douyin cash-on-delivery request waiting for the refund proof offers 上传退款凭证, and it works."""
    waiting = [x for x in sim.all_aftersales().values() if x['status'] == 'wait_refund_proof']
    check(waiting, 'the demo has no request waiting for a refund proof')
    a = waiting[0]
    order = sim.ok('GET', '/v1/orders/' + a['order_id'], token=H.DEMO_TOKEN)['order']
    photo = os.path.join(s.tmp, 'receipt.png')
    subprocess.run(['convert', '-size', '64x64', 'xc:white', photo], check=True, env=s.env)
    reset_main(s)
    open_request(s, order['order_no'])
    s.screenshot('refund-proof-request')
    buttons = detail_buttons(s)
    up = [b for b in buttons if '退款凭证' in button_label(b)]
    check(up and up[0].sensitive, 'no enabled 上传退款凭证 (buttons: %s)'
          % ['%s%s' % (button_label(b), '' if b.sensitive else ' (disabled)') for b in buttons])
    s.click(up[0])
    dlg = wait_dialog(s, lambda t: '凭证' in t or '退款' in t, 'the refund proof dialog')
    choose_file(s, dlg, photo)
    nodes = s.snapshot(dlg)
    confirm = [n for n in nodes if n.role == 'push button' and ('上传' in button_label(n) or '提交' in button_label(n))]
    check(confirm, 'no upload button in the dialog')
    s.click(confirm[-1])
    wait_for('the refund proof on the server', lambda: sim.aftersale(a['id'])['status'] != 'wait_refund_proof',
             timeout=20)
    s.screenshot('refund-proof-sent')


def test_pdd_unshipped_reject_not_offered_blindly(s, sim):
    """Item 8: on an unshipped Pinduoduo 仅退款, 拒绝 is not enabled into a dialog that says it cannot be done."""
    order, a = new_request(sim, 'shop-pdd', 'pending_shipment', 'refund_only', reason='not_wanted', text='不想要了')
    reset_main(s)
    sync_now(s)
    open_request(s, order['order_no'])
    btn = [b for b in detail_buttons(s) if button_label(b).startswith('拒绝') and not button_label(b).startswith('拒绝收货')]
    if not btn or not btn[0].sensitive:
        return
    s.click(btn[0])
    dlg = wait_dialog(s, lambda t: '协商' in t or '拒绝' in t, 'the negotiation dialog')
    texts = labels(s.snapshot(dlg))
    s.screenshot('pdd-unshipped-reject')
    close_dialog(s)
    check(not any('发货前不能' in t for t in texts),
          '拒绝 was enabled, and its dialog opens on: %s' % [t for t in texts if '发货前' in t][0])


E.GROUPS['window'] = [test_shortcuts_window, test_small_window_1024x700,
                      test_deadline_notification_opens_request, test_search_detail_follows_list,
                      test_orders_view_after_sales_state_and_open, test_conflict_message_in_chinese,
                      test_icon_buttons_named_and_one_tab_stop, test_douyin_cod_refund_proof_upload,
                      test_pdd_unshipped_reject_not_offered_blindly]

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] != 'window':
        print('usage: e2e_window.py window [SCENARIO...]', file=sys.stderr)
        sys.exit(2)
    sys.exit(E.run_group('window', sys.argv[2:]))
