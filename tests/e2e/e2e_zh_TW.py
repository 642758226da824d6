#!/usr/bin/python3
# e2e_zh_TW.py: the window and the buyers' reasons in Traditional Chinese
# (LANGUAGE=zh_TW), driven like the other groups (e2e.py).
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   e2e_zh_TW.py zh_TW [SCENARIO...]      prints TAP

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e as E  # noqa: E402
from e2e import check, main_frame, labels, queue_rows  # noqa: E402
from harness import wait_for  # noqa: E402


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


E.GROUPS['zh_TW'] = [test_zh_tw_traditional_text]

if __name__ == '__main__':
    if len(sys.argv) < 2 or sys.argv[1] != 'zh_TW':
        print('usage: e2e_zh_TW.py zh_TW [SCENARIO...]', file=sys.stderr)
        sys.exit(2)
    sys.exit(E.run_group('zh_TW', sys.argv[2:]))
