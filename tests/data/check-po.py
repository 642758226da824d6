#!/usr/bin/env python3
"""Fail when a translation is incomplete or out of date.

1. Every .po in LINGUAS: no untranslated, no fuzzy entries, msgfmt --check passes.
2. Every .c/.h/.ui file under src/ and ui/ that marks a string for translation is
   listed in po/POTFILES.in, and every listed file exists.
3. Each translation is written for its region, not converted character by
   character: no characters of the other script, none of the other region's
   words (zh_TW sellers write 檔案, 資訊, 預設, 逾時; zh_CN sellers 文件, 信息,
   默认, 超时).
4. The .po files are up to date with the sources: a .pot regenerated with
   xgettext (the keywords of meson's i18n preset 'glib') has no msgid missing
   from any .po.

Usage: check-po.py SOURCE_ROOT
Prints TAP.
"""

import os
import re
import subprocess
import sys
import tempfile

# The same arguments as meson's i18n.gettext (preset: 'glib').
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format', '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format', '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format', '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]

# Characters that exist in only one of the two scripts.
SIMPLIFIED_ONLY = '货后单设线码账号务题认时间这为说请选择钮载发运长门们个动现开关机对图实类态额铺订卖买签据删输响网络页启显复记录联读写传见错误'
TRADITIONAL_ONLY = '貨後單設線碼帳號務題認時間這為說請選擇鈕載發運長門們個動現開關機對圖實類態額鋪訂賣買簽據刪輸響網絡頁啟顯複記錄聯讀寫傳見錯誤'
# Words each region's software and sellers do not use, with what they write.
REGION = {
    'zh_CN': (TRADITIONAL_ONLY, {'档案': '文件', '资讯': '信息', '逾时': '超时', '网路': '网络',
                                 '帐号': '账号', '预设': '默认', '萤幕': '屏幕', '软体': '软件',
                                 '伺服器': '服务器', '使用者': '用户'}),
    'zh_TW': (SIMPLIFIED_ONLY, {'信息': '資訊/訊息', '默認': '預設', '軟件': '軟體', '文件': '檔案',
                                '網絡': '網路', '視頻': '影片', '屏幕': '螢幕', '賬號': '帳號',
                                '菜單': '選單', '用戶': '使用者', '搜索': '搜尋', '超時': '逾時',
                                '設置': '設定', '數據': '資料', '服務器': '伺服器', '鏈接': '連結'}),
}

MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\(\s*(?:"|[A-Za-z_]+\s*,\s*")'
    r'|(?<![A-Za-z0-9_])(?:g_dngettext|ngettext|g_dpgettext2|g_dcgettext)\s*\('
    r'|translatable\s*=\s*"yes"')


def unquote(parts):
    return ''.join(bytes(p, 'utf-8').decode('unicode_escape').encode('latin-1').decode('utf-8')
                   for p in parts)


def parse_po(path):
    """Yield dicts: ctx, id, plural, strs (list), fuzzy, obsolete, line."""
    entries = []
    cur = None
    field = None

    def flush():
        nonlocal cur
        if cur is not None and cur['id'] is not None:
            entries.append(cur)
        cur = None

    with open(path, encoding='utf-8') as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            obsolete = line.startswith('#~')
            if obsolete:
                line = line[2:].lstrip()
            if not line.strip():
                flush()
                field = None
                continue
            if line.startswith('#,'):
                if cur is not None and cur['id'] is not None:
                    flush()
                if cur is None:
                    cur = dict(ctx=None, id=None, plural=None, strs={}, fuzzy=False,
                               obsolete=obsolete, line=lineno, parts={})
                cur['fuzzy'] = 'fuzzy' in [x.strip() for x in line[2:].split(',')]
                continue
            if line.startswith('#'):
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
            if m:
                key = m.group(1)
                if key in ('msgctxt', 'msgid') and cur is not None and cur['id'] is not None:
                    flush()
                if cur is None:
                    cur = dict(ctx=None, id=None, plural=None, strs={}, fuzzy=False,
                               obsolete=obsolete, line=lineno, parts={})
                cur['obsolete'] = cur['obsolete'] or obsolete
                field = key
                cur['parts'][field] = [m.group(3)[1:-1]]
            elif line.startswith('"') and field is not None:
                cur['parts'][field].append(line.strip()[1:-1])
            else:
                continue
            for k, v in cur['parts'].items():
                text = unquote(v)
                if k == 'msgctxt':
                    cur['ctx'] = text
                elif k == 'msgid':
                    cur['id'] = text
                elif k == 'msgid_plural':
                    cur['plural'] = text
                elif k.startswith('msgstr'):
                    cur['strs'][k] = text
        flush()
    return entries


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, name, details=()):
        self.n += 1
        print(('ok' if ok else 'not ok') + ' %d - %s' % (self.n, name))
        for d in details:
            print('# ' + d)
        if not ok:
            self.failed += 1


def main():
    srcdir = os.path.abspath(sys.argv[1])
    podir = os.path.join(srcdir, 'po')
    tap = Tap()

    with open(os.path.join(podir, 'LINGUAS'), encoding='utf-8') as f:
        langs = [w for line in f for w in line.split('#')[0].split()]
    with open(os.path.join(podir, 'POTFILES.in'), encoding='utf-8') as f:
        potfiles = [l.strip() for l in f if l.strip() and not l.startswith('#')]

    tap.check(set(langs) >= {'zh_CN', 'zh_TW'}, 'LINGUAS has zh_CN and zh_TW', [repr(langs)])

    # 2. POTFILES.in is complete and every entry exists.
    missing_files = [p for p in potfiles if not os.path.exists(os.path.join(srcdir, p))]
    tap.check(not missing_files, 'every POTFILES.in entry exists',
              ['missing: ' + p for p in missing_files])
    unlisted = []
    for top in ('src', 'ui'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(srcdir, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if not name.endswith(('.c', '.h', '.ui')):
                    continue
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, srcdir)
                with open(full, encoding='utf-8', errors='replace') as f:
                    text = f.read()
                if MARKERS.search(text) and rel not in potfiles:
                    unlisted.append(rel)
    tap.check(not unlisted, 'every file with translatable strings is in POTFILES.in',
              ['not listed: ' + p for p in unlisted])

    # 3. Regenerate the template from the sources.
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'shouhou.pot')
        listing = os.path.join(tmp, 'POTFILES')
        with open(listing, 'w', encoding='utf-8') as f:
            f.write('\n'.join(p for p in potfiles if p not in missing_files) + '\n')
        proc = subprocess.run(['xgettext', '--package-name=shouhou', '-o', pot,
                               '--files-from=' + listing] + XGETTEXT_ARGS,
                              cwd=srcdir, capture_output=True, text=True)
        tap.check(proc.returncode == 0 and os.path.exists(pot), 'xgettext extracts the template',
                  proc.stderr.splitlines()[-10:])
        template = [e for e in parse_po(pot) if e['id']] if os.path.exists(pot) else []
    tap.check(len(template) > 0, 'the template has messages (%d)' % len(template))

    # 1. Each translation is complete, clean and current.
    for lang in langs:
        path = os.path.join(podir, lang + '.po')
        if not os.path.exists(path):
            tap.check(False, '%s.po exists' % lang)
            continue
        proc = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, path],
                              capture_output=True, text=True, env=dict(os.environ, LC_ALL='C'))
        tap.check(proc.returncode == 0, '%s.po passes msgfmt --check' % lang,
                  (proc.stderr or proc.stdout).splitlines()[-10:])

        entries = [e for e in parse_po(path) if not e['obsolete'] and e['id']]
        untranslated = [e for e in entries if not e['strs'] or any(s == '' for s in e['strs'].values())]
        fuzzy = [e for e in entries if e['fuzzy']]
        tap.check(not untranslated, '%s.po has no untranslated entries (%d)' % (lang, len(untranslated)),
                  ['line %d: %r' % (e['line'], e['id']) for e in untranslated[:30]])
        tap.check(not fuzzy, '%s.po has no fuzzy entries (%d)' % (lang, len(fuzzy)),
                  ['line %d: %r' % (e['line'], e['id']) for e in fuzzy[:30]])

        if lang in REGION:
            chars, words = REGION[lang]
            foreign = []
            for e in entries:
                for text in e['strs'].values():
                    hits = sorted({c for c in text if c in chars})
                    hits += ['%s (write %s)' % (w, r) for w, r in words.items() if w in text]
                    if hits:
                        foreign.append('line %d: %s in %r' % (e['line'], ', '.join(hits), text))
            tap.check(not foreign, '%s.po uses its own script and regional words' % lang, foreign[:30])

        have = {(e['ctx'], e['id']) for e in entries}
        stale = [e for e in template if (e['ctx'], e['id']) not in have]
        tap.check(not stale, '%s.po is up to date with the sources (%d missing)' % (lang, len(stale)),
                  ['missing: %r' % (e['id'],) for e in stale[:30]])

    print('1..%d' % tap.n)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
