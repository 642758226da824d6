# e2e_parcel.py: the order's own parcel (issue 25): a refund-only request on
# a shipped, unsigned order; the seller has the courier intercept the parcel,
# the request waits for it, and the refund follows once it is back. Real
# key presses and clicks (xdotool), read through AT-SPI, zh_CN texts. Run in
# the "care" group (e2e_care.py), so that it needs no app start of its own.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later

import e2e as E
import harness as H
from harness import wait_for


def _shipment(sim, order_id, state, **extra):
    body = dict(order_id=order_id, state=state, **extra)
    return sim.ok('POST', '/v1/test/shipment', body)


def test_intercept_wait_then_refund(s, sim):
    """拦截快递 (Ctrl+Shift+K) on a refund-only request whose parcel is on its
    way: the dialog asks, the request waits (包裹已拦截), the parcel comes back
    (包裹已退回), and 同意退款 ends it on the server."""
    order = sim.new_order('shop-taobao', 'pending_shipment')
    _shipment(sim, order['id'], 'shipped', carrier='ZTO', tracking_no='73100000000025')
    _shipment(sim, order['id'], 'collected')
    line = order['lines'][0]
    a = sim.buyer(action='open', order_id=order['id'], line_id=line['id'], type='refund_only',
                  amount_fen=line['price_fen'] * line['quantity'], reason_code='not_received',
                  text='还没收到，不想要了')
    E.reset_main(s)
    E.sync_now(s)
    E.open_request(s, order['order_no'])
    E.check(E.find_button(E.detail_buttons(s), '拦截快递') is not None,
            'no 拦截快递 button on a refund-only request whose parcel is on its way: %s'
            % [E.button_label(n) for n in E.detail_buttons(s)])

    # The keyboard: the shortcut opens the confirmation from anywhere.
    s.focus_main()
    s.key('ctrl+shift+k')
    dlg = E.wait_dialog(s, lambda t: '拦截' in t, 'the intercept confirmation')
    s.screenshot('intercept-confirm')
    confirm = [n for n in s.snapshot(dlg)
               if n.role == 'push button' and E.button_label(n).startswith('拦截')]
    E.check(confirm, 'no 拦截 button in the confirmation')
    s.click(confirm[-1])
    E.no_dialog(s)

    def intercepted():
        return (sim.aftersale(a['id']).get('parcel_wait') or {}).get('mode') == 'intercept'
    E.sync_now(s, server_check=intercepted, timeout=30)
    # The request waits; its parcel is on its way back.
    E.wait_detail_shows(s, '包裹已拦截', timeout=30)
    E.check(E.find_button(E.detail_buttons(s), '拦截快递') is None or
            not E.find_button(E.detail_buttons(s), '拦截快递').sensitive,
            'the intercept is still offered while the parcel comes back')
    s.screenshot('intercept-wait')

    # The parcel arrives back: the refund is offered and given.
    _shipment(sim, order['id'], 'returned')

    def back():
        E.sync_now(s)
        return any('包裹已退回' in t for t in E.detail_texts(s))
    wait_for('the detail to say the parcel is back', back, timeout=40, interval=1.5)
    s.screenshot('intercept-returned')
    s.click(E.find_button(E.detail_buttons(s), '同意退款'))
    dlg = E.wait_dialog(s, lambda t: '退款' in t, 'the refund confirmation')
    confirm = [n for n in s.snapshot(dlg) if n.role == 'push button' and '退款' in E.button_label(n)
               and not E.button_label(n).startswith('取消')]
    E.check(confirm, 'no refund button in the confirmation')
    s.click(confirm[-1])
    E.no_dialog(s)
    E.sync_now(s, server_check=lambda: E.server_status(sim, a['id']) == 'success', timeout=30)
    E.reset_main(s)
    H.log('intercepted, waited and refunded: %s' % a['id'])
