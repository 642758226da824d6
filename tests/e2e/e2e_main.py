#!/usr/bin/python3
# e2e_main.py: the first half of a shop owner's first day (issue 17): the
# queue opened with Enter, search, agreeing to a refund, a return to a chosen address, an
# exchange's tracking number, the address book, evidence through the file chooser, a
# Pinduoduo negotiation, an action taken offline.
#
# The real shouhou and shouhou-sim, a private X server and session bus,
# real key presses and clicks (xdotool); AT-SPI only reads the window and
# says where to click (e2e.py).  Texts are the zh_CN ones a user reads.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   e2e_main.py main [SCENARIO...]      prints TAP

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
    new_request, server_status, _start_agree_refund, reach, pick_in_combo, choose_file, close_dialog)
from harness import E2EFailure, wait_for  # noqa: E402


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


def negotiation_dialog(s, order_no):
    open_request(s, order_no, view_key='alt+1')
    btn = [b for b in detail_buttons(s) if button_label(b).startswith('拒绝') and not button_label(b).startswith('拒绝收货')]
    check(btn, 'no 拒绝 button: %s' % [button_label(b) for b in detail_buttons(s)])
    check(btn[0].sensitive, '拒绝 is disabled')
    s.click(btn[0])
    return wait_dialog(s, lambda t: '协商' in t or '拒绝' in t, 'the negotiation dialog')


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


E.GROUPS['main'] = [test_most_urgent_first_opens_with_enter, test_search_finds_request,
                    test_agree_refund_confirmation_cancel_default, test_ctrl_shift_a_from_queue,
                    test_agree_return_with_chosen_address, test_exchange_wrong_then_right_tracking,
                    test_address_add_edit_delete, test_evidence_upload_through_file_chooser,
                    test_pdd_negotiation_round2_to_rejection, test_offline_action_then_back_online]

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] != 'main':
        print('usage: e2e_main.py main [SCENARIO...]', file=sys.stderr)
        sys.exit(2)
    sys.exit(E.run_group('main', sys.argv[2:]))
