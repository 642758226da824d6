#!/usr/bin/python3
# e2e_autorules.py: automatic rules (issue 26) like a user: the real shouhou
# and shouhou-sim, a private X server and session bus, real key presses and
# clicks (xdotool), AT-SPI only to read and to say where to click. The seller
# writes a rule (仅退款, 未发货, up to ¥50), dry-runs it, turns it on; two new
# buyer requests arrive; one automatic action is undone inside the undo
# window and never reaches the server, the other is sent when its window
# ends. The undo window is 30 s here (the setting autorule-undo-seconds).
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   e2e_autorules.py autorules      prints TAP

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
import harness as H  # noqa: E402
from harness import wait_for  # noqa: E402

UNDO_SECONDS = 30
RULE = 'e2e-rule'


def open_rules_window(s):
    """The main menu (F10), a click on 自动处理规则. Just after the start
    the window may not take the key yet: F10 again, at most three times."""
    item = None
    for attempt in range(3):
        s.focus_main()
        s.key('F10')
        try:
            item = s.find(lambda n: n.role == 'menu item' and '自动处理规则' in n.name,
                          what='the 自动处理规则 menu item', timeout=6)
            break
        except H.E2EFailure:
            if attempt == 2:
                raise
            s.key('Escape')
    s.click(item)
    return E.wait_dialog(s, lambda t: t == '自动处理规则', 'the 自动处理规则 window')


def fill(s, root, title, value):
    row = E.reach(s, root, lambda n: n.role in ('text', 'entry', 'list item', 'panel') and n.name.startswith(title),
                  'the field %s' % title)
    s.click(row)
    s.key('ctrl+a')
    s.type(value)


def button(s, root, label, timeout=10):
    return wait_for('the button “%s”' % label,
                    lambda: E.find_button(s.snapshot(root), label), timeout=timeout)


def on_row_of(s, root, order_no, pick):
    """The first node @pick accepts on the log row that names @order_no
    (found by where the row's subtitle is on screen), or None."""
    nodes = s.snapshot(root)
    subs = [n for n in nodes if n.role == 'label' and order_no in n.name and n.ext]
    if not subs:
        return None
    y = subs[0].ext[1]
    for n in nodes:
        if pick(n) and n.ext and n.ext[1] - 40 <= y <= n.ext[1] + n.ext[3] + 10:
            return n
    return None


def undo_button_of(s, root, order_no):
    """The 撤销 button on the log row that names @order_no."""
    return wait_for('the 撤销 button of the row of order %s' % order_no,
                    lambda: on_row_of(s, root, order_no,
                                      lambda n: n.role == 'push button' and E.button_label(n).startswith('撤销')),
                    timeout=15)


def countdown_of(s, root, order_no):
    """The "m:ss 后发出" text on the log row that names @order_no."""
    node = on_row_of(s, root, order_no, lambda n: n.role == 'label' and '后发出' in n.name)
    return node.name if node else None


def test_rule_dry_run_enable_undo(s, sim):
    """Create a rule, dry-run it, turn it on; an action waits in the undo
    window and is undone there; another goes when its window ends."""
    rules = open_rules_window(s)
    s.click(button(s, rules, '新建规则'))
    editor = E.wait_dialog(s, lambda t: t == '新建规则', 'the rule editor')
    fill(s, editor, '规则名称', RULE)
    E.pick_in_combo(s, editor, lambda n: n.name.startswith('售后类型'), downs=2)   # 任意, 取消订单, 仅退款
    E.pick_in_combo(s, editor, lambda n: n.name.startswith('订单'), downs=1)       # 任意, 未发货
    fill(s, editor, '金额不超过', '50')
    s.screenshot('autorules-editor')
    s.click(button(s, editor, '保存'))
    wait_for('the editor to close', lambda: len(s.toplevels()) == 2, timeout=10)

    # Off until a dry run: the dry run lists what it would have done.
    s.wait_text(RULE, root=rules, timeout=10)
    s.click(button(s, rules, '试运行'))
    dry = E.wait_dialog(s, lambda t: t.startswith('试运行'), 'the dry-run window')
    s.wait_text('近 30 天内此规则会处理', root=dry, timeout=15)
    s.screenshot('autorules-dry-run')
    s.click(button(s, dry, '启用规则'))
    wait_for('the dry-run window to close', lambda: len(s.toplevels()) == 2, timeout=10)

    # Two new unshipped refund-only requests of ¥12 and ¥13.
    order_a, a = E.new_request(sim, 'shop-taobao', 'pending_shipment', 'refund_only', reason='not_wanted',
                               text='不想要了', amount=1200)
    order_b, b = E.new_request(sim, 'shop-taobao', 'pending_shipment', 'refund_only', reason='not_wanted',
                               text='不想要了', amount=1300)
    E.sync_now(s)
    s.focus_xid(s.app_windows()[-1])
    s.click(E.find_button(s.snapshot(rules), '日志') or s.find_named('日志', root=rules))
    undo_button_of(s, rules, order_a['order_no'])
    s.wait_text('后发出', root=rules, timeout=10)
    s.screenshot('autorules-log-waiting')
    # The countdowns tick each second and the rows stay: a click whose
    # press and release straddle a tick still undoes (one click, no retry).
    undo = undo_button_of(s, rules, order_a['order_no'])
    before = countdown_of(s, rules, order_a['order_no'])
    x, y, w, h = undo.ext
    s.xdo('mousemove', x + w // 2 - 3, y + h // 2)
    s.xdo('mousemove', x + w // 2, y + h // 2)
    s.xdo('mousedown', 1)
    try:
        wait_for('the countdown to tick under the pressed button',
                 lambda: countdown_of(s, rules, order_a['order_no']) not in (None, before), timeout=5)
    finally:
        s.xdo('mouseup', 1)
    s.wait_text('已撤销', root=rules, timeout=5)
    E.check(E.server_status(sim, a['id']) == 'wait_seller', 'the undone request changed on the server')

    # The other one goes when its window ends (the sync's own schedule).
    wait_for('the second request to be agreed on the server',
             lambda: E.server_status(sim, b['id']) != 'wait_seller', timeout=UNDO_SECONDS + 60, interval=2)
    E.check(E.server_status(sim, a['id']) == 'wait_seller', 'the undone request was sent after all')
    s.screenshot('autorules-log-done')
    E.close_dialog(s)


def test_notify_rule_notification_opens_request(s, sim):
    """A rule whose action is 通知我: a desktop notification per request it
    matched; activating it opens the request."""
    E.reset_main(s)
    rules = open_rules_window(s)
    s.click(button(s, rules, '新建规则'))
    editor = E.wait_dialog(s, lambda t: t == '新建规则', 'the rule editor')
    fill(s, editor, '规则名称', 'e2e-notify')
    E.pick_in_combo(s, editor, lambda n: n.name.startswith('售后类型'), downs=3)   # 任意, 取消订单, 仅退款, 退货退款
    fill(s, editor, '金额不超过', '3')
    E.pick_in_combo(s, editor, lambda n: n.name.startswith('操作'), downs=4)       # 同意退款 … 通知我
    s.click(button(s, editor, '保存'))
    wait_for('the editor to close', lambda: len(s.toplevels()) == 2, timeout=10)
    s.find(lambda n: n.role == 'label' and 'e2e-notify' in n.name, root=rules, what='the new rule', timeout=10)
    dry_buttons = wait_for('two 试运行 buttons', lambda: [n for n in s.snapshot(rules) if n.role == 'push button'
                                                          and E.button_label(n).startswith('试运行')] or None)
    s.click(dry_buttons[-1])
    dry = E.wait_dialog(s, lambda t: t == '试运行：e2e-notify', 'the dry-run window')
    s.click(button(s, dry, '启用规则'))
    wait_for('the dry-run window to close', lambda: len(s.toplevels()) == 2, timeout=10)
    E.close_dialog(s)

    order, a = E.new_request(sim, 'shop-tmall', 'completed', 'return_refund', reason='quality_problem',
                             text='有破损', amount=250)
    E.sync_now(s)
    note = wait_for('the rule’s notification',
                    lambda: [n for n in s.notifications() if order['order_no'] in json.dumps(n, ensure_ascii=False)],
                    timeout=30)[0]
    text = json.dumps(note, ensure_ascii=False)
    E.check('规则：e2e-notify' in text and '需要你处理' in text, 'the notification reads: %s' % text[:300])
    E.check(E.server_status(sim, a['id']) == 'wait_seller', 'notify acted on the server')
    result = s.activate_notification(note['id'])
    E.check(result == 'ok', 'activating the notification: %s' % result)
    E.wait_detail_shows(s, order['order_no'], timeout=15)
    s.screenshot('autorules-notification-opened')


def setup(s):
    """The undo window in the settings keyfile, and the notification service."""
    keyfile = os.path.join(s.env['XDG_CONFIG_HOME'], 'glib-2.0/settings/keyfile')
    with open(keyfile, 'a') as f:
        f.write('\n[io/github/shouhou/Shouhou]\nautorule-undo-seconds=uint32 %d\n' % UNDO_SECONDS)
    s.start_notification_service()


E.GROUPS['autorules'] = [test_rule_dry_run_enable_undo, test_notify_rule_notification_opens_request]
E.SETUP['autorules'] = setup

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] != 'autorules':
        print('usage: e2e_autorules.py autorules [SCENARIO...]', file=sys.stderr)
        sys.exit(2)
    sys.exit(E.run_group('autorules', sys.argv[2:]))
