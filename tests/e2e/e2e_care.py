#!/usr/bin/python3
# e2e_care.py: after-sales care (issue 28): the 售后关怀 view (中差评,
# 投诉, 物流异常 and 回访 tabs), driven like the
# other end-to-end groups (e2e.py): the real shouhou and shouhou-sim, a
# private X server and session bus, real key presses and clicks (xdotool),
# AT-SPI only to read and to say where to click. Texts are the zh_CN ones
# a user reads.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   e2e_care.py care [SCENARIO...]      prints TAP

import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
import harness as H  # noqa: E402
import e2e_parcel as P  # noqa: E402
from harness import wait_for  # noqa: E402

NICK = 'e2e-buyer-28'
COMPLAINER = 'e2e-complainer-28'
LOSER = 'e2e-lost-parcel-28'
VISITED = 'e2e-visited-28'


def server_review(sim, nick, kind='review'):
    """The server's latest copy of the review (or @kind) by @nick, or None."""
    cursor, found = '', None
    for _ in range(50):
        page = sim.ok('GET', '/v1/changes?limit=1000&cursor=' + cursor, token=H.DEMO_TOKEN)
        for c in page['changes']:
            if c['kind'] == kind and c['data'].get('buyer_nick') == nick:
                found = c['data']
        cursor = page['next_cursor']
        if not page['has_more']:
            break
    return found


def button_named(s, name):
    return s.find(lambda n: n.role == 'push button' and n.name == name, root=E.main_frame(s),
                  what='the button “%s”' % name, timeout=15)


def test_bad_review_register_contact_changed(s, sim):
    """Register a bad review by hand in 中差评 (Alt+9), mark the buyer
    contacted, then the review changed: each step shows at once, reaches the
    server once, and the morning list and the reasons count it."""
    E.reset_main(s)
    s.key('alt+9')
    s.wait_text('中差评登记', root=E.main_frame(s), timeout=15)
    # The demo's buyers left reviews: the morning list has some waiting.
    s.wait_text('条评价等待评价解释', root=E.main_frame(s), timeout=15)
    s.screenshot('reviews')

    s.click(button_named(s, '登记中差评…'))
    dialog = E.wait_dialog(s, lambda t: t == '登记中差评', 'the 登记中差评 window')
    s.focus_top()
    s.type(NICK)
    time.sleep(0.3)
    s.screenshot('review-register')
    s.click(E.find_button(s.snapshot(dialog), '登记'))
    E.no_dialog(s)

    title = '%s · 差评 · 质量' % NICK
    s.wait_text(title, root=E.main_frame(s), timeout=15)
    E.sync_now(s, server_check=lambda: server_review(sim, NICK), timeout=30)
    review = server_review(sim, NICK)
    E.check(review['source'] == 'manual' and review['rating'] == 'bad' and review['reason_code'] == 'quality',
            'the server has the review as registered: %s' % review)

    s.click(button_named(s, '标记已联系 %s' % NICK))
    E.sync_now(s, server_check=lambda: (server_review(sim, NICK) or {}).get('contacted_at'), timeout=30)

    s.click(button_named(s, '标记 %s 已改评' % NICK))
    s.wait_text('已改评', root=E.main_frame(s), timeout=15)
    E.sync_now(s, server_check=lambda: (server_review(sim, NICK) or {}).get('changed') is True, timeout=30)
    review = server_review(sim, NICK)
    E.check(review['version'] == 3, 'each step reached the server once: version %s' % review['version'])
    # Settled: no more contact or change buttons for it.
    time.sleep(0.5)
    E.check(not [n for n in s.snapshot(E.main_frame(s))
                 if n.role == 'push button' and n.name in ('标记已联系 %s' % NICK, '标记 %s 已改评' % NICK)],
            'the settled review still offers its steps')
    s.screenshot('review-changed')
    s.key('alt+1')


def reach_in_page(s, name, timeout=20):
    """The push button @name of the shown page, wheeling the page down until
    it is inside the window (a list longer than the window)."""
    deadline, where = time.monotonic() + timeout, 'not shown'
    while time.monotonic() < deadline:
        nodes = s.snapshot(E.main_frame(s))
        top = nodes[0].ext if nodes else None
        hits = [n for n in nodes if n.role == 'push button' and n.name == name]
        if hits and top:
            x, y, w, h = hits[0].ext
            if y >= top[1] + 60 and y + h <= top[1] + top[3]:
                return hits[0]
            where = 'at %s, outside the window %s' % (hits[0].ext, top)
            # Over the page, right of the sidebar.
            s.xdo('mousemove', top[0] + top[2] * 2 // 3, top[1] + top[3] // 2)
            s.xdo('click', '--repeat', 5, 5 if y + h > top[1] + top[3] else 4)
        time.sleep(0.4)
    raise E.E2EFailure('timed out after %d s waiting for the button “%s” (%s)' % (timeout, name, where))


def test_complaint_compensated_within_24h(s, sim):
    """Register a complaint by hand in 售后关怀 → 投诉, compensate the buyer
    ¥10 at once: the row says so, and the server has it once, handled too."""
    E.reset_main(s)
    s.key('alt+9')
    s.wait_text('中差评登记', root=E.main_frame(s), timeout=15)
    # The switcher's buttons are page tabs named by their titles.
    s.click(s.find(lambda n: n.role == 'page tab' and n.name == '投诉', root=E.main_frame(s),
                   what='the 投诉 tab', timeout=15))
    s.wait_text('处理中的投诉', root=E.main_frame(s), timeout=15)

    s.click(button_named(s, '登记投诉…'))
    dialog = E.wait_dialog(s, lambda t: t == '登记投诉', 'the 登记投诉 window')
    s.focus_top()
    s.type(COMPLAINER)
    time.sleep(0.3)
    s.click(E.find_button(s.snapshot(dialog), '登记'))
    E.no_dialog(s)
    E.sync_now(s, server_check=lambda: server_review(sim, COMPLAINER, 'complaint'), timeout=30)

    s.click(reach_in_page(s, '赔付%s' % COMPLAINER))
    dialog = E.wait_dialog(s, lambda t: t == '赔付买家', 'the 赔付买家 window')
    s.click(E.find_button(s.snapshot(dialog), '赔付'))
    E.no_dialog(s)
    s.wait_text('已赔付 ¥10.00', root=E.main_frame(s), timeout=15)
    E.sync_now(s, server_check=lambda: (server_review(sim, COMPLAINER, 'complaint') or {}).get('compensation_fen')
               == 1000, timeout=30)
    complaint = server_review(sim, COMPLAINER, 'complaint')
    E.check(complaint['version'] == 2 and complaint['handled_at'] and complaint['source'] == 'manual',
            'compensated once, and handled: %s' % complaint)
    s.screenshot('complaint-compensated')
    s.key('alt+1')


def choose_in_combo(s, combo_name, item):
    """Opens the combo row @combo_name of the top window and clicks @item."""
    s.click(s.find(lambda n: n.name == combo_name and n.role in ('combo box', 'list item', 'push button'),
                   what='the row “%s”' % combo_name, timeout=15))
    s.click(s.find(lambda n: n.name == item and n.role in ('label', 'list item', 'menu item'),
                   what='the choice “%s”' % item, timeout=15))


def test_lost_parcel_resend_and_claim(s, sim):
    """Register a lost parcel in 售后关怀 → 物流异常, resend it with a
    validated tracking number, claim ¥50 from the courier and record that the
    courier paid: each step shows at once and reaches the server once."""
    E.reset_main(s)
    s.key('alt+9')
    s.wait_text('中差评登记', root=E.main_frame(s), timeout=15)
    s.click(s.find(lambda n: n.role == 'page tab' and n.name == '物流异常', root=E.main_frame(s),
                   what='the 物流异常 tab', timeout=15))
    s.wait_text('个物流异常处理中', root=E.main_frame(s), timeout=15)
    s.screenshot('incidents')

    s.click(button_named(s, '登记物流异常…'))
    dialog = E.wait_dialog(s, lambda t: t == '登记物流异常', 'the 登记物流异常 window')
    s.focus_top()
    s.type(LOSER)
    choose_in_combo(s, '异常类型', '丢件')
    time.sleep(0.3)
    s.click(E.find_button(s.snapshot(dialog), '登记'))
    E.no_dialog(s)
    s.wait_text('%s · 丢件' % LOSER, root=E.main_frame(s), timeout=15)
    E.sync_now(s, server_check=lambda: server_review(sim, LOSER, 'incident'), timeout=30)
    E.check(server_review(sim, LOSER, 'incident')['kind'] == 'lost', 'the server has a lost parcel')

    # Resend: a made-up number is refused in the dialog, a real one taken.
    s.click(reach_in_page(s, '为%s补发包裹' % LOSER))
    dialog = E.wait_dialog(s, lambda t: t == '补发包裹', 'the 补发包裹 window')
    s.click(s.find(lambda n: n.name == '运单号', root=dialog, what='the 运单号 row', timeout=15))
    s.type('SF12')
    s.click(E.find_button(s.snapshot(dialog), '补发'))
    s.wait_text('这不是该快递公司的运单号', root=dialog, timeout=15)
    s.click(s.find(lambda n: n.name == '运单号', root=dialog, what='the 运单号 row', timeout=15))
    s.key('ctrl+a')
    s.type('SF1234567890123')
    s.click(E.find_button(s.snapshot(dialog), '补发'))
    E.no_dialog(s)
    s.wait_text('SF1234567890123', root=E.main_frame(s), timeout=15)

    s.click(reach_in_page(s, '就%s的包裹向快递公司索赔' % LOSER))
    dialog = E.wait_dialog(s, lambda t: t == '向快递公司索赔', 'the 向快递公司索赔 window')
    s.click(E.find_button(s.snapshot(dialog), '提交索赔'))
    E.no_dialog(s)
    s.wait_text('索赔 ¥50.00，等待快递公司答复', root=E.main_frame(s), timeout=15)

    s.click(reach_in_page(s, '记录快递公司就%s的包裹赔付的金额' % LOSER))
    dialog = E.wait_dialog(s, lambda t: t == '快递公司已赔付', 'the 快递公司已赔付 window')
    s.click(E.find_button(s.snapshot(dialog), '记录'))
    E.no_dialog(s)
    s.wait_text('索赔 ¥50.00，快递公司已赔付 ¥50.00', root=E.main_frame(s), timeout=15)
    E.sync_now(s, server_check=lambda: ((server_review(sim, LOSER, 'incident') or {}).get('claim') or {})
               .get('status') == 'paid', timeout=30)
    incident = server_review(sim, LOSER, 'incident')
    E.check(incident['version'] == 4 and incident['resend']['tracking_no'] == 'SF1234567890123'
            and incident['claim']['recovered_fen'] == 5000,
            'resent and claimed once each: %s' % incident)
    s.screenshot('incident-claimed')
    s.key('alt+1')


def seller_post(sim, path, body):
    """POST @path as the demo seller, with the Idempotency-Key every
    create and action takes (as another client of the shop would)."""
    req = urllib.request.Request(sim.url + path, data=json.dumps(body).encode(), method='POST')
    req.add_header('Content-Type', 'application/json')
    req.add_header('Authorization', 'Bearer ' + H.DEMO_TOKEN)
    req.add_header('Idempotency-Key', 'e2e-visit-%d-%f' % (os.getpid(), time.time()))
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


def test_return_visit_falls_due(s, sim):
    """A complaint is settled on the server (registered and finished by the
    shop's other client), which plans its return visits; the simulated clock
    moves 8 days on (test control), past the one-week visit. After a sync the
    回访 tab shows that visit as due, with the outcome buttons; recording
    “satisfied” moves it to the one-month visit and reaches the server once."""
    E.reset_main(s)
    complaint = seller_post(sim, '/v1/complaints', {'shop_id': 'shop-jd', 'buyer_nick': VISITED,
                                                   'channel': 'heimao', 'text': '客服回复慢'})['complaint']
    seller_post(sim, '/v1/complaints/%s/actions' % complaint['id'],
                {'action': 'handle', 'expected_version': complaint['version'], 'params': {}})
    finished = seller_post(sim, '/v1/complaints/%s/actions' % complaint['id'],
                           {'action': 'finish', 'expected_version': complaint['version'] + 1,
                            'params': {'outcome': 'resolved'}})['complaint']
    E.check(finished['finished_at'], 'the complaint is settled on the server: %s' % finished)
    visit = server_review(sim, VISITED, 'visit')
    E.check(visit is not None and visit['source'] == 'complaint' and visit['outcomes'][0] == 'pending',
            'settling the complaint planned its visits: %s' % visit)
    sim.clock(8 * 24 * 3600 * 1000000)

    s.key('alt+9')
    s.wait_text('中差评登记', root=E.main_frame(s), timeout=15)
    s.click(s.find(lambda n: n.role == 'page tab' and n.name == '回访', root=E.main_frame(s),
                   what='the 回访 tab', timeout=15))
    s.wait_text('个回访到期', root=E.main_frame(s), timeout=15)
    # The visit and the server's clock come with the next sync.
    record = '记录%s满意' % VISITED

    def due_button():
        hits = [n for n in s.snapshot(E.main_frame(s)) if n.role == 'push button' and n.name == record]
        if not hits:
            E.sync_now(s)
        return hits[0] if hits else None
    wait_for('the one-week visit of %s to show as due' % VISITED, due_button, timeout=60, interval=3)
    s.wait_text('一周回访 · 已到期，超时前：', root=E.main_frame(s), timeout=15)
    s.screenshot('visit-due')

    s.click(reach_in_page(s, record))
    s.wait_text('一个月回访 · 到期：', root=E.main_frame(s), timeout=15)
    E.sync_now(s, server_check=lambda: (server_review(sim, VISITED, 'visit') or {}).get('outcomes', [''])[0]
               == 'satisfied', timeout=30)
    visit = server_review(sim, VISITED, 'visit')
    E.check(visit['version'] == 2 and len(visit['done']) == 1 and visit['done'][0]['step'] == 'week'
            and visit['done'][0]['outcome'] == 'satisfied',
            'the week’s visit was recorded once: %s' % visit)
    time.sleep(0.5)
    E.check(not [n for n in s.snapshot(E.main_frame(s)) if n.role == 'push button' and n.name == record],
            'the visit still asks for its outcome after it was recorded')
    s.screenshot('visit-recorded')
    s.key('alt+1')


# The parcel's intercept (issue 25) shares this group's app start.
E.GROUPS['care'] = [test_bad_review_register_contact_changed, test_complaint_compensated_within_24h,
                    test_lost_parcel_resend_and_claim, P.test_intercept_wait_then_refund,
                    # Last: it moves the simulated clock 8 days on.
                    test_return_visit_falls_due]

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] != 'care':
        print('usage: e2e_care.py care [SCENARIO...]', file=sys.stderr)
        sys.exit(2)
    sys.exit(E.run_group('care', sys.argv[2:]))
