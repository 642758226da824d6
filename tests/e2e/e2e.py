#!/usr/bin/python3
# e2e.py: end-to-end scenarios of a shop owner's second day (issue 17).
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   e2e.py GROUP [SCENARIO...]      prints TAP
#
# The real shouhou and shouhou-sim, a private X server and session bus,
# real key presses and clicks (xdotool); AT-SPI only reads the window and
# says where to click.  Texts are the zh_CN ones a user reads.  One app per
# group; every scenario arranges its own request through the simulator's
# test controls, so the scenarios of a group do not depend on each other.

import json
import os
import re
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as H  # noqa: E402
from harness import E2EFailure, wait_for, log  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ORDER_NO = re.compile(r'^\d[\d-]{9,}$')


def check(cond, message):
    if not cond:
        raise E2EFailure(message)


# --- reading the window ------------------------------------------------------

def main_frame(s):
    """The main window's accessible (named like its X window)."""
    def look():
        title = s.xdo('getwindowname', s.main_xid, check=False)
        frames = [t for t in s.toplevels() if t.get_role_name() == 'frame']
        for top in frames:
            if top.get_name() == title:
                return top
        return None
    return wait_for('the main window in the accessibility tree', look, timeout=30, interval=0.3)


def subtree(nodes, root):
    return [n for n in nodes if n is root or any(a is root for a in n.ancestors())]


def labels(nodes):
    return [n.name for n in nodes if n.role == 'label' and n.name]


def queue_rows(s, nodes=None):
    """Rows of the request list, top to bottom: list of (node, [texts])."""
    nodes = nodes if nodes is not None else s.snapshot(main_frame(s))
    lists = [n for n in nodes if n.role == 'list' and n.name == 'GtkColumnListView']
    rows = []
    for lst in lists:
        for row in [n for n in nodes if n.parent is lst and n.role == 'table row']:
            rows.append((row, labels(subtree(nodes, row))))
    rows.sort(key=lambda r: r[0].ext[1] if r[0].ext else 0)
    return rows


def row_order_no(texts):
    for t in texts:
        if ORDER_NO.match(t):
            return t
    return None


def detail_nodes(s, nodes=None):
    nodes = nodes if nodes is not None else s.snapshot(main_frame(s))
    panes = [n for n in nodes if n.name == 'ShouDetailPane']
    if not panes:
        return []
    return subtree(nodes, panes[0])


def detail_texts(s, nodes=None):
    return labels(detail_nodes(s, nodes))


def detail_buttons(s, nodes=None):
    return [n for n in detail_nodes(s, nodes) if n.role == 'push button']


def button_label(node):
    # GTK 4.8 names a mnemonic button "同意退款(_A)… 同意退款(A)…": keep the shown part.
    name = node.name
    if ' ' in name and '_' in name.split(' ')[0]:
        name = name.split(' ', 1)[1]
    return name


def find_button(nodes, prefix):
    for n in nodes:
        if n.role in ('push button', 'toggle button') and button_label(n).startswith(prefix):
            return n
    return None


def wait_detail_shows(s, fragment, timeout=10):
    return wait_for('the detail pane to show “%s”' % fragment,
                    lambda: any(fragment in t for t in detail_texts(s)), timeout=timeout)


def wait_dialog(s, pred_title, what, timeout=10):
    """Wait for a toplevel other than the main window whose title satisfies pred_title."""
    def look():
        main = main_frame(s)
        for top in reversed(s.toplevels()):
            if top == main:
                continue
            if pred_title(top.get_name() or ''):
                return top
        return None
    return wait_for(what, look, timeout=timeout)


def no_dialog(s, timeout=5):
    wait_for('every dialog to close', lambda: len(s.toplevels()) == 1, timeout=timeout)


# --- doing things like a user --------------------------------------------------

def reset_main(s, view_key='alt+1'):
    """Back to a known place: dialogs closed, search cleared, a view shown."""
    for _ in range(3):
        if len(s.toplevels()) <= 1:
            break
        s.focus_top()
        s.key('Escape')
        time.sleep(0.3)
    s.focus_main()
    nodes = s.snapshot(main_frame(s))
    entry = [n for n in nodes if n.name == 'GtkSearchEntry' or n.role == 'entry' and n.name == '']
    if entry:
        s.click(entry[0])
        s.key('ctrl+a', 'BackSpace', 'Escape')
    s.key(view_key)
    time.sleep(0.3)
    views = {'alt+1': '待处理', 'alt+7': '全部订单'}
    if view_key in views:
        rows = [n for n in s.snapshot(main_frame(s)) if n.role == 'list item' and n.name.startswith(views[view_key])]
        if rows and not rows[0].selected:
            s.click(rows[0])
            time.sleep(0.3)


def sync_now(s, server_check=None, timeout=15):
    s.focus_main()
    s.key('ctrl+r')
    if server_check:
        wait_for('the window to show the server’s change', server_check, timeout=timeout)


def search(s, text):
    s.focus_main()
    s.key('ctrl+f')
    time.sleep(0.2)
    s.key('ctrl+a', 'BackSpace')
    s.type(text)


def open_request(s, order_no, view_key='alt+1', timeout=45):
    """Find a request by its order number with the search, click its row."""
    s.focus_main()
    s.key(view_key)
    search(s, order_no)

    misses = [0]

    def row():
        for node, texts in queue_rows(s):
            if order_no in texts:
                return node
        # Not there yet: a sync brings it. A dialog that was still closing
        # (a loaded machine) may have taken the keys: search again.
        misses[0] += 1
        if misses[0] % 4 == 0:
            s.key(view_key)
            search(s, order_no)
        else:
            s.key('ctrl+r')
        return None
    node = wait_for('the request of order %s in the list' % order_no, row, timeout=timeout, interval=0.8)
    # Near the row's start, where a person sees it: in a narrow window the
    # row runs on past the queue's right edge, under the detail pane.
    x, y, w, h = node.ext
    s.click_at(x + min(w // 2, 60), y + h // 2)
    wait_detail_shows(s, order_no)
    return node


def new_request(sim, shop, order_state, rtype, reason='quality_problem', text='质量有问题', amount=None):
    order = sim.new_order(shop, order_state)
    line = order['lines'][0]
    a = sim.buyer(action='open', order_id=order['id'], line_id=line['id'], type=rtype,
                  amount_fen=amount if amount is not None else line['price_fen'] * line['quantity'],
                  reason_code=reason, text=text)
    return order, a


def server_status(sim, aid):
    return sim.aftersale(aid)['status']


# --- scenarios: group "main" ---------------------------------------------------

def test_most_urgent_first_opens_with_enter(s, sim):
    """The queue starts with the request whose deadline comes first; Enter opens it."""
    main_frame(s)
    rows = wait_for('requests in the queue', lambda: queue_rows(s), timeout=30)
    everything = sim.all_aftersales()
    pending = [a for a in everything.values()
               if a.get('deadline_at') and a.get('deadline_actor') == 'seller'
               and a['status'] not in ('success', 'closed')]
    check(pending, 'the demo has no request waiting for the seller')
    first = min(pending, key=lambda a: a['deadline_at'])
    order = sim.ok('GET', '/v1/orders/' + first['order_id'], token=H.DEMO_TOKEN)['order']
    # The first sync fills the queue page by page (the feed's order, not the
    # deadlines'): the most urgent request comes first once it has arrived.
    try:
        wait_for('the most urgent request at the top of 待处理',
                 lambda: (lambda r: r and row_order_no(r[0][1]) == order['order_no'])(queue_rows(s)),
                 timeout=45, interval=0.8)
    except E2EFailure:
        pass
    rows = queue_rows(s)
    shown = row_order_no(rows[0][1])
    s.screenshot('queue')
    check(shown == order['order_no'],
          'first row is order %s (%s), but the most urgent request is order %s (deadline %d)'
          % (shown, ' | '.join(rows[0][1]), order['order_no'], first['deadline_at']))
    # Keyboard: focus is on the list's first row after start; Enter opens it.
    s.focus_main()
    s.key('Home', 'Return')
    wait_detail_shows(s, order['order_no'])
    texts = detail_texts(s)
    s.screenshot('most-urgent-open')
    overdue = [t for t in texts if t.startswith('已超时')]
    if overdue:
        # Item 9: a passed deadline says what the platform does or did.
        stale = [t for t in texts if t.startswith('超时将自动')]
        check(not stale, 'the deadline has passed (%s) but the card still says “%s”' % (overdue[0], stale[0] if stale else ''))
        check(any('等待平台处理' in t or '平台已' in t for t in texts),
              'an overdue request does not say what the platform does: %s' % ' | '.join(texts[:8]))


def test_search_finds_request(s, sim):
    """Ctrl+F, type an order number: that request is the list."""
    order, a = new_request(sim, 'shop-taobao', 'shipped', 'refund_only', reason='not_wanted', text='不想要了')
    reset_main(s)
    sync_now(s)
    time.sleep(1)
    search(s, order['order_no'])

    def only_that():
        rows = queue_rows(s)
        return rows and all(order['order_no'] in texts for _, texts in rows)
    wait_for('the list to show only order %s' % order['order_no'], only_that, timeout=15)
    s.screenshot('search-result')
    # Enter in the search field opens the first result.
    s.key('Return')
    wait_detail_shows(s, order['order_no'])
    reset_main(s)


def _start_agree_refund(s, sim):
    order, a = new_request(sim, 'shop-taobao', 'shipped', 'refund_only', reason='not_wanted', text='不想要了')
    reset_main(s)
    sync_now(s)
    open_request(s, order['order_no'])
    return order, a


def test_agree_refund_confirmation_cancel_default(s, sim):
    """同意退款 asks first; Enter keeps the money (Cancel is the default); 退款 refunds."""
    order, a = _start_agree_refund(s, sim)
    btn = find_button(detail_buttons(s), '同意退款')
    check(btn is not None, 'no 同意退款 button on a refund request waiting for the seller')
    s.click(btn)
    dlg = wait_dialog(s, lambda t: '退款' in t, 'the refund confirmation dialog')
    s.screenshot('refund-confirm')
    # Enter straight away: the default answer must be Cancel.
    s.focus_top()
    s.key('Return')
    time.sleep(1.5)
    status = server_status(sim, a['id'])
    check(status == 'wait_seller', 'Enter in the refund confirmation refunded the buyer (server status now %s): '
          'the default button is the money button, not Cancel' % status)
    if len(s.toplevels()) > 1:
        s.focus_top()
        s.key('Escape')
    no_dialog(s)
    # Now confirm with the refund button.
    s.click(find_button(detail_buttons(s), '同意退款'))
    dlg = wait_dialog(s, lambda t: '退款' in t, 'the refund confirmation dialog')
    nodes = s.snapshot(dlg)
    confirm = [n for n in nodes if n.role == 'push button' and '退款' in button_label(n) and not button_label(n).startswith('取消')]
    check(confirm, 'no refund button in the confirmation: %s' % [n.name for n in nodes if n.role == 'push button'])
    s.click(confirm[-1])
    wait_for('the server to record the refund', lambda: server_status(sim, a['id']) == 'success', timeout=15)
    no_dialog(s)
    s.screenshot('refund-done')

    # The window follows: the request no longer waits in 待处理.
    def gone():
        search(s, order['order_no'])
        time.sleep(0.5)
        return not any(order['order_no'] in t and '待卖家处理' in t for _, t in queue_rows(s))
    wait_for('order %s to leave 待卖家处理 in the list' % order['order_no'], gone, timeout=20, interval=1.0)
    reset_main(s)


def test_ctrl_shift_a_from_queue(s, sim):
    """Item 3: Ctrl+Shift+A with the focus in the queue opens the refund confirmation."""
    order, a = _start_agree_refund(s, sim)
    # Focus into the list: click the row again (it keeps the focus there).
    rows = [n for n, t in queue_rows(s) if order['order_no'] in t]
    s.click(rows[0])
    time.sleep(0.3)
    s.key('ctrl+shift+a')
    try:
        wait_dialog(s, lambda t: '退款' in t, 'the refund confirmation after Ctrl+Shift+A in the queue', timeout=5)
    finally:
        s.screenshot('ctrl-shift-a')
    s.focus_top()
    s.key('Escape')
    no_dialog(s)
    check(server_status(sim, a['id']) == 'wait_seller', 'Escape refunded')


def test_agree_return_with_chosen_address(s, sim):
    """同意退货 with the shop's second (not default) address: the buyer gets that one."""
    order, a = new_request(sim, 'shop-tmall', 'completed', 'return_refund', reason='quality_problem', text='有破损')
    addrs = sim.ok('GET', '/v1/shops/shop-tmall/return-addresses', token=H.DEMO_TOKEN)['addresses']
    other = [x for x in addrs if not x['is_default']]
    check(other, 'the demo shop has only its default address')
    chosen = other[0]
    reset_main(s)
    sync_now(s)
    open_request(s, order['order_no'])
    btn = find_button(detail_buttons(s), '同意退货')
    check(btn is not None, 'no 同意退货 button: %s' % [button_label(b) for b in detail_buttons(s)])
    # Item 11: on a 退货退款 whose goods have not come back, the blue (primary) action is not 同意退款.
    refund = find_button(detail_buttons(s), '同意退款')
    blue_refund = refund is not None and s.looks_blue(refund.ext)
    s.click(btn)
    dlg = wait_dialog(s, lambda t: '退货' in t, 'the agree-return dialog')
    # Choose the other address with the keyboard in the drop-down's list.
    nodes = s.snapshot(dlg)
    combo = [n for n in nodes if n.role == 'combo box']
    check(combo, 'no address chooser in the agree-return dialog')
    shown_before = labels(subtree(nodes, combo[0]))
    s.click(combo[0])
    time.sleep(0.8)
    s.key('Down', 'Return')
    time.sleep(0.8)
    nodes = s.snapshot(dlg)
    shown = labels(subtree(nodes, [n for n in nodes if n.role == 'combo box'][0]))
    check(shown != shown_before, 'the address chooser did not change: %s' % shown)
    matching = [x for x in addrs if any(x['street'] in t.replace(' ', '') or x['street'] in t for t in shown)]
    check(matching, 'the chooser shows no known address: %s' % shown)
    chosen = matching[0]
    s.screenshot('return-address-chosen')
    nodes = s.snapshot(dlg)
    confirm = [n for n in nodes if n.role == 'push button' and button_label(n).startswith('同意退货')]
    check(confirm, 'no 同意退货 button in the dialog')
    s.click(confirm[-1])

    def agreed():
        x = sim.aftersale(a['id'])
        return x if x['status'] == 'wait_buyer_return' else None
    x = wait_for('the server to record the return', agreed, timeout=15)
    check(x['return_address'] and x['return_address']['id'] == chosen['id'],
          'the buyer got address %s, not the chosen %s' % (x['return_address'], chosen['id']))
    # The selection moved on to the next request (the default preference):
    # the agreed request waits for the buyer now, in the buyer-side view.
    sync_now(s)
    open_request(s, order['order_no'], view_key='alt+4')
    wait_detail_shows(s, chosen['street'][:6])
    s.screenshot('return-agreed')
    check(not blue_refund, 'the primary (blue) action of a 退货退款 whose goods have not come back is 同意退款')


def test_exchange_wrong_then_right_tracking(s, sim):
    """发出换货: a wrong tracking number is refused clearly and nothing typed is lost; then a right one."""
    order, a = new_request(sim, 'shop-jd', 'completed', 'exchange', reason='size_mismatch', text='换大一码')
    # Arrange through the API: agreed, returned, received -> waiting for the exchange shipment.
    addrs = sim.ok('GET', '/v1/shops/shop-jd/return-addresses', token=H.DEMO_TOKEN)['addresses']
    x = sim.ok('POST', '/v1/aftersales/%s/actions' % a['id'], {
        'action': 'agree_return', 'expected_version': a['version'], 'params': {'address_id': addrs[0]['id']}},
        token=H.DEMO_TOKEN)['aftersale']
    x = sim.buyer(aftersale_id=a['id'], action='ship_return', carrier='SF', tracking_no='SF1234567890123')
    x = sim.ok('POST', '/v1/aftersales/%s/actions' % a['id'], {
        'action': 'confirm_receipt', 'expected_version': x['version']}, token=H.DEMO_TOKEN)['aftersale']
    check(x['status'] == 'wait_seller_ship', 'arrange: status %s' % x['status'])
    reset_main(s)
    sync_now(s)
    open_request(s, order['order_no'])
    btn = find_button(detail_buttons(s), '发出换货') or find_button(detail_buttons(s), '换货发出')
    check(btn is not None, 'no ship-exchange button: %s' % [button_label(b) for b in detail_buttons(s)])
    s.click(btn)
    dlg = wait_dialog(s, lambda t: '换货' in t, 'the ship-exchange dialog')
    nodes = s.snapshot(dlg)
    entries = [n for n in nodes if n.role in ('text', 'entry')]
    check(entries, 'no tracking number field')
    s.click(entries[-1])
    s.key('ctrl+a')
    s.type('12')
    ship = [n for n in nodes if n.role == 'push button' and button_label(n).startswith('发货')]
    if ship and ship[0].sensitive:
        s.click(ship[0])
    else:
        s.key('Return')
    time.sleep(1.5)
    s.screenshot('exchange-wrong-tracking')
    check(len(s.toplevels()) > 1, 'the dialog closed on a wrong tracking number')
    texts = labels(s.snapshot(dlg))
    check(any('单号' in t and ('不' in t or '无效' in t or '错误' in t) for t in texts),
          'no clear error for a wrong tracking number: %s' % ' | '.join(texts))
    check(server_status(sim, a['id']) == 'wait_seller_ship', 'a wrong tracking number was sent')
    entries = [n for n in s.snapshot(dlg) if n.role in ('text', 'entry')]
    check(entries[-1].text() == '12', 'what was typed is lost: “%s”' % entries[-1].text())
    s.click(entries[-1])
    s.key('ctrl+a')
    s.type('SF1234567890124')
    nodes = s.snapshot(dlg)
    ship = [n for n in nodes if n.role == 'push button' and button_label(n).startswith('发货')]
    s.click(ship[0])
    wait_for('the server to record the exchange shipment',
             lambda: sim.aftersale(a['id'])['exchange_shipment'], timeout=15)
    no_dialog(s)
    # Item 7: the request follows: out of 待处理 into the buyer-side view (the 4th),
    # and its detail shows the exchange shipment, no longer 待卖家发货.
    time.sleep(1)
    pending = [t for _, t in queue_rows(s) if order['order_no'] in t]
    check(not pending or not any('待卖家发货' in x for x in pending[0]),
          'after shipping the list still says 待卖家发货: %s' % (pending[0] if pending else ''))
    open_request(s, order['order_no'], view_key='alt+4')
    wait_detail_shows(s, 'SF1234567890124', timeout=15)
    texts = detail_texts(s)
    check(not any('待卖家发货' in t for t in texts), 'after shipping the detail still says 待卖家发货')
    s.screenshot('exchange-shipped')


def _open_address_book(s, sim):
    order, a = new_request(sim, 'shop-pdd', 'completed', 'return_refund', reason='quality_problem', text='有破损')
    reset_main(s)
    sync_now(s)
    open_request(s, order['order_no'])
    s.click(find_button(detail_buttons(s), '同意退货'))
    dlg = wait_dialog(s, lambda t: '退货' in t, 'the agree-return dialog')
    s.click(find_button(s.snapshot(dlg), '管理地址'))
    return wait_dialog(s, lambda t: '地址' in t and '退货吗' not in t, 'the return address book')


def _fill_address(s, book, fields):
    nodes = s.snapshot(book)
    for title, value in fields:
        row = [n for n in nodes if n.role in ('text', 'entry', 'list item', 'panel') and n.name.startswith(title)]
        check(row, 'no field %s in the address form: %s' % (title, [n.name for n in nodes if n.role == 'text']))
        s.click(row[0])
        s.key('ctrl+a')
        s.type(value)


def _row_button(s, root, row_text, what):
    """The button called what (its name, else its tooltip) in the list row showing row_text."""
    def look():
        nodes = s.snapshot(root)
        rows = [n for n in nodes if n.role == 'list item' and row_text in n.name]
        if not rows:
            return None
        buttons = [n for n in subtree(nodes, rows[0]) if n.role == 'push button']
        for b in buttons:
            if button_label(b).startswith(what) or what in b.description:
                return b
        return None
    return wait_for('the %s button of the row “%s”' % (what, row_text), look, timeout=10)


def test_address_add_edit_delete(s, sim):
    """Return addresses: add one, edit it, delete it; the server follows each step."""
    book = _open_address_book(s, sim)
    s.screenshot('address-book')
    # Items 13 and 14: unique mnemonics, named icon buttons.
    nodes = s.snapshot(book)
    mnemonics = {}

    def note_mnemonics():
        for n in s.snapshot(book):
            m = re.search(r'\(([A-Z])\)', button_label(n)) if n.role == 'push button' else None
            if m:
                mnemonics.setdefault(m.group(1), set()).add(button_label(n))
    note_mnemonics()
    named = [n.description for n in nodes if n.role == 'push button' and n.name == 'GtkImage']
    before = {x['id'] for x in sim.ok('GET', '/v1/shops/shop-pdd/return-addresses', token=H.DEMO_TOKEN)['addresses']}
    s.focus_top()
    s.key('ctrl+n')
    time.sleep(0.8)
    # The region comes from the 省/市/区 picker: a district's name typed
    # (real key presses, one character at a time: xdotool remaps a key for
    # each), then its match clicked.
    _fill_address(s, book, [('按区县名称查找', '西')])
    time.sleep(0.5)
    s.type('湖')
    match = s.find(lambda n: '杭州市' in n.name and '西湖区' in n.name and n.ext, root=book,
                   what='杭州市 西湖区 among the region matches', timeout=10)
    s.click(match)
    s.find(lambda n: n.name == '西湖区' or n.name.endswith(' 西湖区') and '杭州' not in n.name, root=book,
           what='西湖区 chosen by the region search', timeout=10)
    _fill_address(s, book, [('联系人', 'Li Lei'), ('手机', '13800138000'), ('详细地址', 'Wensan Road 90'),
                            ('邮政编码', '310012')])
    # 保存(S): the form runs below the dialog's fold since the region picker.
    s.focus_top()
    s.key('alt+s')

    def added():
        now = sim.ok('GET', '/v1/shops/shop-pdd/return-addresses', token=H.DEMO_TOKEN)['addresses']
        new = [x for x in now if x['id'] not in before]
        return new[0] if new else None
    new = wait_for('the new address on the server', added, timeout=15)
    check(new.get('division_code') == '330106' and new.get('district') == '西湖区',
          'the address did not keep its region code: %s' % {k: new.get(k) for k in ('province', 'city', 'district', 'division_code')})
    s.find(lambda n: 'Wensan Road 90' in n.name, root=book, what='the new address in the book', timeout=10)
    s.screenshot('address-added')
    # Edit: the row's 编辑 button, change the street.
    s.click(_row_button(s, book, 'Li Lei', '编辑'))
    time.sleep(0.8)
    note_mnemonics()
    _fill_address(s, book, [('详细地址', 'Wensan Road 99')])
    # 保存(S): the form runs below the dialog's fold since the region picker.
    s.focus_top()
    s.key('alt+s')
    wait_for('the edit on the server', lambda: sim.ok('GET', '/v1/shops/shop-pdd/return-addresses',
                                                      token=H.DEMO_TOKEN) and any(
        x['id'] == new['id'] and x['street'] == 'Wensan Road 99'
        for x in sim.ok('GET', '/v1/shops/shop-pdd/return-addresses', token=H.DEMO_TOKEN)['addresses']), timeout=15)
    s.find(lambda n: 'Wensan Road 99' in n.name, root=book, what='the edited address in the book', timeout=10)
    # Delete it.
    s.click(_row_button(s, book, 'Li Lei', '删除'))
    time.sleep(0.8)
    # A confirmation may follow.
    for top in s.toplevels():
        b = find_button(s.snapshot(top), '删除')
        if b is not None and top.get_name() != book.get_name():
            s.click(b)
    wait_for('the deletion on the server', lambda: not any(
        x['id'] == new['id'] for x in sim.ok('GET', '/v1/shops/shop-pdd/return-addresses',
                                             token=H.DEMO_TOKEN)['addresses']), timeout=15)
    s.screenshot('address-deleted')
    reset_main(s)
    check(not named, '%d icon buttons in the address book are called “GtkImage” (tooltips: %s)'
          % (len(named), sorted(set(named))))
    dup = {k: v for k, v in mnemonics.items() if len(v) > 1}
    check(not dup, 'a mnemonic repeats in the address book: %s' % dup)


def choose_file(s, root, path):
    """添加… in an evidence picker, the path typed into the file chooser, the cover editor applied."""
    before = len(s.toplevels())
    add = reach(s, root, lambda n: n.role == 'push button' and button_label(n).startswith('添加'),
                'the 添加… evidence button')
    s.click(add)
    wait_for('the file chooser', lambda: len(s.toplevels()) > before, timeout=10)
    s.screenshot('file-chooser')
    s.focus_top()
    s.key('ctrl+l')
    time.sleep(0.3)
    s.type(path)
    time.sleep(0.3)
    s.key('Return')
    time.sleep(1.0)
    # Images open in the cover editor first (hide private details): apply.
    for _ in range(20):
        editors = [t for t in s.toplevels() if '遮盖' in (t.get_name() or '')]
        if editors:
            s.screenshot('cover-editor')
            s.click(s.find(lambda n: n.role == 'push button' and button_label(n).startswith('应用'),
                           root=editors[0], what='应用 in the cover editor'))
            break
        if len(s.toplevels()) <= before:
            break
        time.sleep(0.3)
    wait_for('the chooser to close', lambda: len(s.toplevels()) <= before, timeout=10)


def test_evidence_upload_through_file_chooser(s, sim):
    """拒绝收货 with a photo chosen in the file chooser (path typed): the server has the file."""
    order, a = new_request(sim, 'shop-douyin', 'completed', 'return_refund', reason='quality_problem', text='有破损')
    addrs = sim.ok('GET', '/v1/shops/shop-douyin/return-addresses', token=H.DEMO_TOKEN)['addresses']
    sim.ok('POST', '/v1/aftersales/%s/actions' % a['id'], {
        'action': 'agree_return', 'expected_version': a['version'], 'params': {'address_id': addrs[0]['id']}},
        token=H.DEMO_TOKEN)
    sim.buyer(aftersale_id=a['id'], action='ship_return', carrier='SF', tracking_no='SF1234567890125')
    photo = os.path.join(s.tmp, 'parcel.png')
    subprocess.run(['convert', '-size', '64x48', 'xc:orange', photo], check=True, env=s.env)
    reset_main(s)
    sync_now(s)
    open_request(s, order['order_no'])
    btn = find_button(detail_buttons(s), '拒收退货') or find_button(detail_buttons(s), '拒绝收货')
    check(btn is not None, 'no 拒收退货 button: %s' % [button_label(b) for b in detail_buttons(s)])
    s.click(btn)
    dlg = wait_dialog(s, lambda t: '拒' in t or '收货' in t, 'the refuse-receipt dialog')
    choose_file(s, dlg, photo)
    s.find(lambda n: n.role == 'label' and n.name.startswith('1/'), root=dlg,
           what='the photo counted in the dialog (1/…)', timeout=15)
    s.screenshot('evidence-chosen')
    entries = [n for n in s.snapshot(dlg) if n.role in ('text', 'entry')]
    if entries:
        s.click(entries[0])
        s.type('Box crushed, goods broken')
    nodes = s.snapshot(dlg)
    confirm = [n for n in nodes if n.role == 'push button' and
               (button_label(n).startswith('拒绝收货') or button_label(n).startswith('拒收退货'))]
    check(confirm, 'no confirm button in the refuse dialog')
    s.click(confirm[-1])
    x = wait_for('the photo on the server', lambda: [e for e in sim.aftersale(a['id'])['evidence']
                                                     if e['by'] == 'seller'], timeout=20)
    check(x, 'no evidence uploaded')


def reach(s, root, pred, what, timeout=10):
    """Find a widget in a scrolled dialog, scrolling with the mouse wheel until it is inside the window."""
    deadline = time.monotonic() + timeout
    where = 'not shown'
    while time.monotonic() < deadline:
        nodes = s.snapshot(root)
        top = nodes[0].ext if nodes else None
        hits = [n for n in nodes if pred(n)]
        if hits and top:
            n = hits[0]
            x, y, w, h = n.ext
            if y >= top[1] + 40 and y + h <= top[1] + top[3]:
                return n
            # Wheel over the dialog's left margin: the page scrolls, not a text view in it.
            where = 'at %s, outside the window %s' % (n.ext, top)
            s.xdo('mousemove', top[0] + 12, top[1] + top[3] // 2)
            s.xdo('click', '--repeat', 5, 5 if y + h > top[1] + top[3] else 4)
            time.sleep(0.4)
            continue
        time.sleep(0.4)
    raise E2EFailure('timed out after %d s waiting for %s (%s)' % (timeout, what, where))


def pick_in_combo(s, root, combo_pred, downs=1):
    """Open a drop-down with a click and pick an entry with the keyboard."""
    combo = reach(s, root, lambda n: n.role == 'combo box' and combo_pred(n), 'a drop-down')
    s.click(combo)
    time.sleep(0.6)
    s.key(*(['Down'] * downs + ['Return']))
    time.sleep(0.6)


def negotiation_dialog(s, order_no):
    open_request(s, order_no, view_key='alt+1')
    btn = [b for b in detail_buttons(s) if button_label(b).startswith('拒绝') and not button_label(b).startswith('拒绝收货')]
    check(btn, 'no 拒绝 button: %s' % [button_label(b) for b in detail_buttons(s)])
    check(btn[0].sensitive, '拒绝 is disabled')
    s.click(btn[0])
    return wait_dialog(s, lambda t: '协商' in t or '拒绝' in t, 'the negotiation dialog')


def close_dialog(s):
    s.focus_top()
    s.key('Escape')
    time.sleep(0.5)
    if len(s.toplevels()) > 1:
        top = s.toplevels()[-1]
        close = [n for n in s.snapshot(top) if n.role == 'push button' and n.name == '关闭']
        if close:
            s.click(close[0])
    no_dialog(s)


def test_pdd_negotiation_round2_to_rejection(s, sim):
    """Pinduoduo: round 1, the buyer replies, round 2 with a proposal and evidence, the buyer replies, reject."""
    order, a = new_request(sim, 'shop-pdd', 'shipped', 'refund_only', reason='not_wanted', text='不想要了')
    photo = os.path.join(s.tmp, 'chat.png')
    subprocess.run(['convert', '-size', '80x60', 'xc:skyblue', photo], check=True, env=s.env)
    reset_main(s)
    sync_now(s)
    dlg = negotiation_dialog(s, order['order_no'])
    s.screenshot('negotiation-risk')
    s.click(reach(s, dlg, lambda n: n.role == 'push button' and n.name == '开始协商', '开始协商'))
    # Round 1: a script into the message, send.
    s.click(reach(s, dlg, lambda n: n.role == 'list item' and n.name == '致歉并了解情况', 'a round-1 script'))
    time.sleep(0.5)
    s.screenshot('negotiation-round1')
    s.click(reach(s, dlg, lambda n: n.role == 'push button' and '发送第一轮' in n.name, '发送第一轮'))
    wait_for('round 1 on the server', lambda: sim.aftersale(a['id'])['negotiation']['phase'] == 'round1_wait',
             timeout=20, interval=0.5)
    s.screenshot('negotiation-round1-sent')
    close_dialog(s)
    sim.buyer(aftersale_id=a['id'], action='reply', text='商品没问题，就是不想要了')
    reset_main(s)
    sync_now(s)
    time.sleep(2)
    dlg = negotiation_dialog(s, order['order_no'])
    s.find(lambda n: n.role == 'label' and '商品没问题' in n.name, root=dlg, what='the buyer’s round-1 reply',
           timeout=15)
    s.screenshot('negotiation-reply1')
    # Round 2: a proposal (partial refund), an amount, a script, evidence.
    reach(s, dlg, lambda n: n.role == 'push button' and '发送第二轮' in n.name, '发送第二轮 (round 2 page)')
    pick_in_combo(s, dlg, lambda n: True, downs=1)
    amount = [n for n in s.snapshot(dlg) if n.role in ('text', 'entry') and '金额' in n.name]
    if amount:
        s.click(amount[0])
        s.key('ctrl+a')
        s.type('10')
    scripts = [n for n in s.snapshot(dlg) if n.role == 'list item' and n.parent is not None
               and n.parent.role == 'list' and n.parent.name == 'GtkListBox']
    if scripts:
        s.click(scripts[0])
    choose_file(s, dlg, photo)
    s.screenshot('negotiation-round2')
    s.click(reach(s, dlg, lambda n: n.role == 'push button' and '发送第二轮' in n.name, '发送第二轮'))
    wait_for('round 2 on the server', lambda: sim.aftersale(a['id'])['negotiation']['phase'] == 'round2_wait',
             timeout=20, interval=0.5)
    close_dialog(s)
    sim.buyer(aftersale_id=a['id'], action='reply', text='不接受部分退款')
    reset_main(s)
    sync_now(s)
    time.sleep(2)
    dlg = negotiation_dialog(s, order['order_no'])
    # The rejection: a reason, an explanation, evidence.
    reach(s, dlg, lambda n: n.role == 'push button' and n.name.startswith('拒绝申请'), '拒绝申请 (rejection page)',
          timeout=15)
    pick_in_combo(s, dlg, lambda n: True, downs=1)
    text = [n for n in s.snapshot(dlg) if n.role in ('text', 'entry')]
    if text:
        s.click(text[-1])
        s.type('The buyer agreed the goods are fine; see the chat screenshot.')
    choose_file(s, dlg, photo)
    s.screenshot('negotiation-reject')
    s.click(reach(s, dlg, lambda n: n.role == 'push button' and n.name.startswith('拒绝申请'), '拒绝申请'))
    wait_for('the rejection on the server', lambda: server_status(sim, a['id']) == 'refused', timeout=20,
             interval=0.5)
    s.screenshot('negotiation-rejected')
    close_dialog(s)


def test_offline_action_then_back_online(s, sim):
    """With the server unreachable an action waits in the outbox; back online it is delivered."""
    order, a = _start_agree_refund(s, sim)
    applied = sim.ok('GET', '/v1/test/stats')['actions_applied']
    sim.faults(1.0, ['5xx'])
    try:
        s.click(find_button(detail_buttons(s), '同意退款'))
        dlg = wait_dialog(s, lambda t: '退款' in t, 'the refund confirmation dialog')
        nodes = s.snapshot(dlg)
        confirm = [n for n in nodes if n.role == 'push button' and '退款' in button_label(n)
                   and not button_label(n).startswith('取消')]
        s.click(confirm[-1])
        no_dialog(s)
        s.focus_main()
        s.key('ctrl+r')
        s.find(lambda n: n.role == 'label' and ('离线' in n.name or '无法连接' in n.name or '待发送' in n.name
                                                or '稍后' in n.name), what='an offline/queued note', timeout=20)
        s.screenshot('offline')
        check(sim.ok('GET', '/v1/test/stats')['actions_applied'] == applied, 'applied while faulted?')
    finally:
        sim.faults(0.0)
    sync_now(s)
    wait_for('the queued refund to reach the server', lambda: server_status(sim, a['id']) == 'success',
             timeout=40, interval=1.0)
    s.screenshot('back-online')


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


# --- group "accounts" ----------------------------------------------------------

def open_accounts_dialog(s):
    """Main menu (F10), down to 账号和店铺, Enter."""
    s.focus_main()
    s.key('F10')
    s.find(lambda n: n.role == 'menu item' and '账号' in n.name, what='the 账号和店铺 menu item', timeout=8)
    for _ in range(6):
        focused = [n for n in s.snapshot() if n.role == 'menu item' and n.focused]
        if focused and '账号' in focused[0].name:
            break
        s.key('Down')
        time.sleep(0.2)
    s.key('Return')
    return wait_dialog(s, lambda t: '账号' in t, 'the accounts dialog')


def count_in_sidebar(s, view='待处理'):
    nodes = s.snapshot(main_frame(s))
    for n in nodes:
        if n.role == 'list item' and (n.name == view or n.name.startswith(view + '，')):
            # The row's accessible name carries its count ("待处理，116"); its
            # labels may be hidden from the accessibility tree.
            tail = n.name[len(view) + 1:]
            if tail.isdigit():
                return int(tail)
            nums = [t for t in labels(subtree(nodes, n)) if t.isdigit()]
            return int(nums[0]) if nums else 0
    return None


def test_two_accounts_same_ids_remove_one(s, sims):
    """Item 1: two accounts on servers with the same ids; removing one keeps every request of the other."""
    sim_a, sim_b = sims
    s.start_app('--api-url', sim_a.url, env_extra={'SHOUHOU_TOKEN': H.DEMO_TOKEN})
    wait_for('the first account synced', lambda: (count_in_sidebar(s) or 0) > 0, timeout=40)
    s.stop_app()
    s.start_app('--api-url', sim_b.url, env_extra={'SHOUHOU_TOKEN': H.DEMO_TOKEN})
    b_all = sim_b.all_aftersales()
    b_ids = set(b_all)
    check(b_ids == set(sim_a.all_aftersales()), 'arrange: the two servers should use the same ids')
    time.sleep(5)
    s.focus_main()
    s.key('alt+6')   # 已完结 and others: count everything through the views below
    s.key('alt+1')
    before = count_in_sidebar(s)
    s.screenshot('two-accounts')
    dlg = open_accounts_dialog(s)
    s.screenshot('accounts-dialog')
    nodes = s.snapshot(dlg)
    rows = [n for n in nodes if n.role in ('list item', 'panel', 'label') and sim_a.url.split('//')[1] in n.name]
    check(rows, 'the account of %s is not listed: %s' % (sim_a.url, labels(nodes)))
    row = rows[0]
    while row.parent is not None and row.role != 'list item':
        row = row.parent
    remove = [n for n in subtree(nodes, row) if n.role == 'push button']
    check(remove, 'no remove button on the account row')
    s.click(remove[-1])
    time.sleep(0.5)
    for top in s.toplevels():
        b = find_button(s.snapshot(top), '移除')
        if b is not None:
            s.click(b)
            break
    time.sleep(1)
    close_dialog(s)
    s.focus_main()
    s.key('ctrl+r')
    time.sleep(4)
    after = count_in_sidebar(s)
    s.screenshot('after-removal')
    pending_b = len([x for x in b_all.values() if x.get('deadline_actor') == 'seller'
                     and x['status'] not in ('success', 'closed', 'refused')])
    check(after is not None and after >= min(before or 0, pending_b) and after > 0,
          '待处理 dropped from %s to %s after removing the other account (server B has ~%d waiting)'
          % (before, after, pending_b))
    s.stop_app()


def test_restart_without_keyring_no_false_refusal(s, sims):
    """Item 2: restarting without a keyring: no untrue 令牌被拒绝, the account is not duplicated."""
    sim_a = sims[0]
    s.start_app('--api-url', sim_a.url, env_extra={'SHOUHOU_TOKEN': H.DEMO_TOKEN},
                data_dir=os.path.join(s.tmp, 'data-keyring'))
    wait_for('synced', lambda: (count_in_sidebar(s) or 0) > 0, timeout=40)
    s.stop_app()
    # Restart as a user does: no token anywhere (no keyring, no environment).
    s.start_app(data_dir=os.path.join(s.tmp, 'data-keyring'))
    time.sleep(4)
    s.focus_main()
    s.key('ctrl+r')
    time.sleep(3)
    s.screenshot('restart-no-keyring')
    texts = labels(s.snapshot(main_frame(s)))
    false = [t for t in texts if '拒绝了访问令牌' in t or '令牌被拒绝' in t]
    check(not false, 'no 401 ever came, yet the window says: %s' % false[0] if false else '')
    dlg = open_accounts_dialog(s)
    s.screenshot('restart-accounts')
    texts = labels(s.snapshot(dlg))
    check(any('令牌' in t for t in texts), 'the account does not say its token is missing: %s' % texts)
    close_dialog(s)
    s.stop_app()
    # Once more with the same URL: still one account.
    s.start_app('--api-url', sim_a.url, env_extra={'SHOUHOU_TOKEN': H.DEMO_TOKEN},
                data_dir=os.path.join(s.tmp, 'data-keyring'))
    time.sleep(3)
    dlg = open_accounts_dialog(s)
    host = sim_a.url.split('//')[1]
    n = len([t for t in labels(s.snapshot(dlg)) if host in t])
    check(n == 1, 'the account of %s is listed %d times' % (host, n))
    s.stop_app()


def test_authorise_pdd_shop_paste_lapse_reauthorise(s, sims):
    """授权店铺 against a hub on the Pinduoduo fake: a refused code, then the
    pasted redirect address; the session lapses, an agreed refund waits,
    re-authorising sends it (e2e_shops.py)."""
    import e2e_shops
    e2e_shops.test_authorise_paste_lapse_reauthorise(s, sims)


# --- group "zh_TW" -------------------------------------------------------------

def test_zh_tw_traditional_text(s, sim):
    """LANGUAGE=zh_TW: the window and the buyers' reasons are in Traditional Chinese."""
    wait_for('requests in the queue', lambda: queue_rows(s), timeout=30)
    nodes = s.snapshot(main_frame(s))
    texts = labels(nodes)
    s.screenshot('zh-tw-queue')
    # Sidebar rows are named with their count ("待處理，123").
    views = [re.split('[， ]', n.name)[0] for n in nodes if n.role == 'list item']
    check('待處理' in views, 'no 待處理 in the sidebar: %s' % views[:20])
    check('待处理' not in views and not any(t.split(' ')[0] == '待处理' for t in texts),
          'Simplified 待处理 in zh_TW')
    # Item 12: reasons come from reason codes in the UI's language.
    simplified = [t for t in texts if t in ('尺码不合适', '质量问题', '不想要了/拍错了', '与商品描述不符', '少件/漏发',
                                            '运输途中损坏', '发错货', '七天无理由退货', '未收到货', '发货太慢')]
    check(not simplified, 'buyer reasons in Simplified Chinese in zh_TW: %s' % simplified[:5])
    s.focus_main()
    s.key('Home', 'Return')
    time.sleep(1)
    s.screenshot('zh-tw-detail')


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
            # A scenario that fails is run once more, from a reset window:
            # real input under a loaded X server can lose a key press to a
            # window that was mapping.  The first failure stays in the TAP
            # output (and its screenshot is kept), so a scenario that needs
            # its second try is seen; one that fails twice fails the group.
            for attempt in (1, 2):
                try:
                    t(s, ctx)
                    print('ok %d - %s (%.0f s%s)' % (i, t.__name__, time.monotonic() - t0,
                                                   ', passed on its second try' if attempt == 2 else ''),
                          flush=True)
                    break
                except Exception as exc:
                    last = attempt == 2
                    if last:
                        failed += 1
                        print('not ok %d - %s (%.0f s)' % (i, t.__name__, time.monotonic() - t0), flush=True)
                    else:
                        print('# %s failed on its first try; trying once more' % t.__name__, flush=True)
                    for line in ('%s: %s' % (type(exc).__name__, exc)).splitlines():
                        print('#   ' + line, flush=True)
                    if not isinstance(exc, E2EFailure):
                        for line in traceback.format_exc().splitlines()[-8:]:
                            print('#   ' + line, flush=True)
                    s.screenshot('FAILED-%s%s' % (t.__name__[5:], '' if last else '-try1'))
                    if os.environ.get('SHOU_E2E_DUMP'):
                        try:
                            s.dump(path=os.path.join(os.environ['SHOU_E2E_DUMP'], t.__name__ + '.txt'))
                        except Exception as exc2:
                            log('dump failed', exc2)
                    if s.app is not None and s.app.poll() is not None:
                        print('#   the app exited with %s; its log:' % s.app.returncode)
                        for line in s.app_log_text().splitlines()[-15:]:
                            print('#   | ' + line)
                        if group != 'accounts':
                            s.start_app('--api-url', ctx.url, env_extra={'SHOUHOU_TOKEN': H.DEMO_TOKEN})
                    try:
                        if group != 'accounts':
                            reset_main(s)
                        else:
                            s.stop_app()
                    except Exception:
                        pass
            if group == 'accounts':
                s.stop_app()
    finally:
        if s is not None:
            s.close()
    log('group %s: %d of %d failed, %.0f s' % (group, failed, len(tests), time.monotonic() - started))
    return 1 if failed else 0


if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] not in GROUPS:
        print('usage: e2e.py {%s} [SCENARIO...]' % '|'.join(GROUPS), file=sys.stderr)
        sys.exit(2)
    sys.exit(run_group(sys.argv[1], sys.argv[2:]))
