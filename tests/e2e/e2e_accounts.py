#!/usr/bin/python3
# e2e_accounts.py: two accounts on two simulators with the same ids, one
# removed; a restart without a keyring; 授权店铺 on the Pinduoduo fake (e2e_shops.py).
#
# Driven like the other groups (e2e.py): real input under a private X server,
# AT-SPI to read; the zh_CN texts a user reads.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   e2e_accounts.py accounts [SCENARIO...]      prints TAP

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
import harness as H  # noqa: E402
from e2e import (  # noqa: E402
    check, main_frame, subtree, labels, find_button, close_dialog, open_accounts_dialog)
from harness import wait_for  # noqa: E402


# --- group "accounts" ----------------------------------------------------------

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


E.GROUPS['accounts'] = [test_two_accounts_same_ids_remove_one, test_restart_without_keyring_no_false_refusal,
                        test_authorise_pdd_shop_paste_lapse_reauthorise]

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] != 'accounts':
        print('usage: e2e_accounts.py accounts [SCENARIO...]', file=sys.stderr)
        sys.exit(2)
    sys.exit(E.run_group('accounts', sys.argv[2:]))
