#!/usr/bin/python3
# e2e_shops.py: 授权店铺 (issue 22) with real input, in the accounts group
# (e2e_accounts.py registers the scenario). A real shouhou-hub with `[platform]
# kind = pdd` pulls from the Pinduoduo protocol fake (a process of its own,
# tests/hub/platforms/pdd-fake-main.c) over 127.0.0.1. The seller opens the
# authorisation page (a browser of our own records the address it was
# given), pastes a wrong redirect address, then the right one; the shop's
# requests arrive. The fake then ends the shop's session: the shop shows
# 授权已过期, an agreed refund waits in the outbox with the reason, and
# re-authorising sends it. Texts are the zh_CN ones.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
import harness as H  # noqa: E402
from harness import wait_for  # noqa: E402

MERCHANT_TOKEN = 'merchant-token-pdd-e2e-0001'
REDIRECT = 'https://shop.example/cb'
SHOP = '拼多多测试店'


class PddWorld:
    """The fake gateway and a hub in front of it, both children."""

    def __init__(self, s):
        d = os.path.join(s.tmp, 'pdd-hub')
        os.makedirs(d, exist_ok=True)
        files = {'app.secret': 'fake-client-secret\n',
                 'token.key': '8f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\n',
                 'm1.token': MERCHANT_TOKEN + '\n'}
        for name, text in files.items():
            with open(os.path.join(d, name), 'w') as f:
                f.write(text)
            os.chmod(os.path.join(d, name), 0o600)
        fake_bin = os.environ.get('SHOU_E2E_PDD_FAKE') or os.path.join(
            os.path.dirname(os.path.dirname(s.sim_bin)), 'tests', 'hub', 'platforms', 'shou-pdd-fake')
        self.fake = subprocess.Popen([fake_bin, 'fake-client-id', os.path.join(d, 'app.secret')],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=open(os.path.join(d, 'fake.log'), 'w'), text=True)
        first = json.loads(wait_for('the Pinduoduo fake to listen', self.fake.stdout.readline, timeout=20))
        self.refund_id, self.return_id = first['refund'], first['return']
        with open(os.path.join(d, 'hub.ini'), 'w') as f:
            f.write('[merchant m1]\nname=店主\ntoken-file=m1.token\n\n'
                    '[platform]\nkind=pdd\nclient-id=fake-client-id\nclient-secret-file=app.secret\n'
                    'token-key-file=token.key\nendpoint=%s\npull-from-hours=1\nredirect-uri=%s\n\n'
                    '[shop pdd-1]\nmerchant=m1\nplatform=pdd\nname=%s\n' % (first['url'], REDIRECT, SHOP))
        hub_bin = os.environ.get('SHOU_E2E_HUB') or os.path.join(os.path.dirname(s.sim_bin), 'shouhou-hub')
        self.hub_log = open(os.path.join(d, 'hub.log'), 'w')
        self.hub = subprocess.Popen([hub_bin, '--config', os.path.join(d, 'hub.ini'), '--port', '0', '-q',
                                     '--database', os.path.join(d, 'hub.db')],
                                    stdout=subprocess.PIPE, stderr=self.hub_log, text=True)
        line = wait_for('the hub to listen', self.hub.stdout.readline, timeout=30)
        m = re.match(r'listening on (\S+)', line)
        if not m:
            raise H.E2EFailure('the hub said %r' % line)
        self.url = m.group(1).rstrip('/')

    def served(self):
        """How many requests the hub's change feed holds."""
        import urllib.request
        req = urllib.request.Request(self.url + '/v1/changes?cursor=0&limit=100',
                                     headers={'Authorization': 'Bearer ' + MERCHANT_TOKEN})
        with urllib.request.urlopen(req, timeout=10) as r:
            changes = json.load(r)['changes']
        return len([c for c in changes if c.get('kind') == 'aftersale'])

    def command(self, line):
        self.fake.stdin.write(line + '\n')
        self.fake.stdin.flush()
        return wait_for('the fake to answer “%s”' % line, self.fake.stdout.readline, timeout=10).strip()

    def stop(self):
        H.stop_pid(self.hub, 'shouhou-hub')
        self.fake.stdin.close()
        H.stop_pid(self.fake, 'shou-pdd-fake')


def install_browser(s):
    """The session's default browser: a script that writes down each address
    it is asked to open (GIO finds it through mimeapps.list)."""
    opened = os.path.join(s.tmp, 'browser-opened.txt')
    open(opened, 'w').close()
    script = os.path.join(s.tmp, 'e2e-browser.sh')
    with open(script, 'w') as f:
        f.write('#!/bin/sh\nprintf "%%s\\n" "$1" >> %s\n' % opened)
    os.chmod(script, 0o755)
    apps = os.path.join(s.env['XDG_DATA_HOME'], 'applications')
    os.makedirs(apps, exist_ok=True)
    with open(os.path.join(apps, 'e2e-browser.desktop'), 'w') as f:
        f.write('[Desktop Entry]\nType=Application\nName=E2E Browser\nExec=%s %%u\n'
                'MimeType=x-scheme-handler/http;x-scheme-handler/https;\nNoDisplay=true\n' % script)
    with open(os.path.join(s.env['XDG_CONFIG_HOME'], 'mimeapps.list'), 'w') as f:
        f.write('[Default Applications]\nx-scheme-handler/https=e2e-browser.desktop\n'
                'x-scheme-handler/http=e2e-browser.desktop\n')
    return opened


def shop_row(s, dlg):
    nodes = s.snapshot(dlg)
    rows = [n for n in nodes if n.role == 'list item' and n.name.startswith(SHOP)]
    return (rows[0], E.subtree(nodes, rows[0])) if rows else (None, [])


def shop_state(s, dlg):
    row, nodes = shop_row(s, dlg)
    if row is None:
        return None
    for t in [row.name] + E.labels(nodes):
        for state in ('授权已过期', '未授权', '已授权'):
            if state in t:
                return state
    return ''


def open_authorise(s, dlg, button_text):
    def button():
        _, nodes = shop_row(s, dlg)
        return E.find_button(nodes, button_text)
    # A sync may rebuild the rows under the pointer: click again if so.
    for attempt in range(3):
        s.click(wait_for('the %s button on the shop’s row' % button_text, button, timeout=15))
        try:
            return E.wait_dialog(s, lambda t: t == '授权店铺', 'the 授权店铺 dialog', timeout=6)
        except H.E2EFailure:
            if attempt == 2:
                raise


def paste(s, dialog, text):
    """Into the address entry: click it, replace what is there, Enter."""
    entry = s.find(lambda n: n.role in ('text', 'entry') and n.name.startswith('网址或授权码'),
                   root=dialog, what='the 网址或授权码 entry')
    s.click(entry)
    s.key('ctrl+a', 'BackSpace')
    s.type(text)
    s.key('Return')
    return entry


def test_authorise_paste_lapse_reauthorise(s, sims):
    world = PddWorld(s)
    try:
        _scenario(s, world)
    except Exception:
        # While the app is still there (the group's own shot comes later).
        s.screenshot('FAILED-shops')
        if os.environ.get('SHOU_E2E_DUMP'):
            s.dump(path=os.path.join(os.environ['SHOU_E2E_DUMP'], 'shops-failed.txt'))
        raise
    finally:
        try:
            s.stop_app()
        finally:
            world.stop()


def _scenario(s, world):
    t0 = time.monotonic()

    def step(what):
        H.log('shops: %.1f s %s' % (time.monotonic() - t0, what))
    opened = install_browser(s)
    s.start_app('--api-url', world.url, env_extra={'SHOUHOU_TOKEN': MERCHANT_TOKEN},
                data_dir=os.path.join(s.tmp, 'data-pdd'))
    dlg = E.open_accounts_dialog(s)
    wait_for('the shop listed as 未授权', lambda: shop_state(s, dlg) == '未授权', timeout=30, interval=0.5)
    s.screenshot('shop-not-authorised')
    step('未授权 shown')

    # 授权店铺: the page opens in the browser with the app's redirect address.
    auth = open_authorise(s, dlg, '授权店铺')
    open_button = s.find(lambda n: n.role == 'push button' and E.button_label(n).startswith('打开授权页面')
                         and n.sensitive, root=auth, what='打开授权页面, once the page is known', timeout=15)
    s.click(open_button)
    url = wait_for('the browser to be asked to open the page',
                   lambda: open(opened).read().strip(), timeout=15)
    E.check(url.startswith('https://fuwu.pinduoduo.com/service-market/auth?response_type=code'
                           '&client_id=fake-client-id&redirect_uri=https%3A%2F%2Fshop.example%2Fcb&state=pdd-1'),
            'the browser was given %r' % url)

    # A code the platform refuses: said in Chinese, and the paste is kept.
    wrong = REDIRECT + '?code=bad-code&state=pdd-1'
    entry = paste(s, auth, wrong)
    s.wait_text('平台不接受这个授权码', root=auth, timeout=15)
    E.check(entry.text() == wrong, 'the pasted address was lost after the refusal: %r' % entry.text())
    s.screenshot('authorise-refused')
    step('refused code said')

    # The right redirect address: the dialog closes, the shop is authorised
    # and its requests come through the hub.
    paste(s, auth, REDIRECT + '?code=good-code&state=pdd-1')
    wait_for('the 授权店铺 dialog to close', lambda: len(s.toplevels()) == 2, timeout=15)
    wait_for('the shop to show 已授权', lambda: shop_state(s, dlg) == '已授权', timeout=30, interval=0.5)
    s.screenshot('shop-authorised')
    step('已授权 shown')
    E.close_dialog(s)

    def both_listed():
        if len(E.queue_rows(s)) == 2:
            return True
        s.focus_main()
        s.key('alt+1')   # 待处理, whatever view an earlier scenario left
        E.sync_now(s)
        return False
    try:
        wait_for('the shop’s two requests in 待处理', both_listed, timeout=60, interval=1.5)
    except H.E2EFailure:
        raise H.E2EFailure('%d rows listed; the hub serves %d requests'
                           % (len(E.queue_rows(s)), world.served()))

    # The platform ends the shop's session: an agreed refund waits with the
    # reason, and the shop shows 授权已过期 with 重新授权.
    E.check(world.command('expire') == 'ok', 'the fake did not expire the tokens')
    step('session ended on the platform')
    rows = E.queue_rows(s)
    refund_row = None
    for node, texts in rows:
        if any('0.01' in t for t in texts):
            refund_row = node
    E.check(refund_row is not None, 'no ¥0.01 refund in the queue: %s' % [t for _, t in rows])
    s.click(refund_row)
    btn = wait_for('同意退款 in the detail pane', lambda: E.find_button(E.detail_buttons(s), '同意退款'), timeout=15)
    s.click(btn)
    confirm_dlg = E.wait_dialog(s, lambda t: '退款' in t, 'the refund confirmation dialog')
    confirm = [n for n in s.snapshot(confirm_dlg) if n.role == 'push button' and '退款' in E.button_label(n)
               and not E.button_label(n).startswith('取消')]
    E.check(confirm, 'no refund button in the confirmation')
    s.click(confirm[-1])
    E.no_dialog(s)
    # The refund left 待处理 (agreed, waiting): 已完结 shows it, with why it waits.
    s.focus_main()
    s.key('alt+6')

    def refund_in_view():
        for node, texts in E.queue_rows(s):
            if any('0.01' in t for t in texts):
                return node
        return None
    s.click(wait_for('the agreed refund in 已完结', refund_in_view, timeout=15))
    E.wait_detail_shows(s, '授权已过期', timeout=30)
    E.check(world.command('status %d' % world.refund_id) == '2', 'the refund reached the platform while lapsed')
    s.screenshot('refund-waits-lapsed')
    # The next sync brings the shop's state: the accounts dialog says it,
    # with 重新授权; so does the sidebar, and the window is not "offline".
    E.sync_now(s)
    dlg = E.open_accounts_dialog(s)
    wait_for('the shop to show 授权已过期', lambda: shop_state(s, dlg) == '授权已过期', timeout=30, interval=0.5)
    s.screenshot('shop-lapsed')
    main = s.snapshot(E.main_frame(s))
    E.check(any(n.role == 'list item' and n.name == SHOP + ' · 授权已过期' for n in main),
            'the sidebar does not mark the lapsed shop: %s' % [n.name for n in main if n.role == 'list item'])
    E.check(not [n for n in main if '离线' in n.name], 'the window says it is offline for a lapsed shop')
    step('授权已过期 shown')

    # 重新授权: the waiting refund goes to the platform.
    auth = open_authorise(s, dlg, '重新授权')
    paste(s, auth, REDIRECT + '?code=good-code&state=pdd-1')
    wait_for('the shop to show 已授权 again', lambda: shop_state(s, dlg) == '已授权', timeout=30, interval=0.5)
    wait_for('the waiting refund to reach the platform', lambda: world.command('status %d' % world.refund_id) == '4',
             timeout=30, interval=1)
    E.close_dialog(s)
    step('done')
