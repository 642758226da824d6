#!/usr/bin/env python3
"""The translations use po/GLOSSARY.md's one term per concept.

For each row of the glossary table, in po/zh_CN.po and po/zh_TW.po:
1. no msgstr contains a rejected variant;
2. every msgid matching the row's English pattern has a msgstr containing
   the row's term.

Usage: check-glossary.py SOURCE_ROOT
Prints TAP.
"""

import os
import re
import sys


def parse_glossary(path):
    rows = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.startswith('|') or line.startswith('|---'):
                continue
            # Split on unescaped pipes; "\|" is a pipe inside a cell.
            cells = [c.strip().replace('\\|', '|')
                     for c in re.split(r'(?<!\\)\|', line)[1:-1]]
            if len(cells) < 6 or cells[0] == 'Concept':
                continue
            pattern = cells[1].strip('`')
            rows.append({
                'concept': cells[0],
                'pattern': None if pattern in ('', '—') else re.compile(pattern, re.I),
                'zh_CN': cells[2],
                'zh_TW': cells[3],
                'reject_zh_CN': [] if cells[4] == '—' else cells[4].split('/'),
                'reject_zh_TW': [] if cells[5] == '—' else cells[5].split('/'),
            })
    return rows


def unquote(s):
    return (s.replace('\\"', '"').replace('\\n', '\n').replace('\\t', '\t')
            .replace('\\\\', '\\'))


def parse_po(path):
    """(msgctxt, msgid, [msgstr...]) for every translated entry."""
    entries = []
    cur = {}
    key = None

    def flush():
        if 'msgid' in cur and cur['msgid']:
            strs = [v for k, v in cur.items() if k.startswith('msgstr')]
            ids = [cur['msgid']] + ([cur['msgid_plural']] if 'msgid_plural' in cur else [])
            entries.append((cur.get('msgctxt'), ids, strs))

    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line.startswith('#~'):
                continue
            if not line:
                flush()
                cur = {}
                key = None
                continue
            if line.startswith('#'):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
            if m:
                if m.group(1) in ('msgctxt', 'msgid') and 'msgstr' in ''.join(cur):
                    flush()
                    cur = {}
                key = m.group(1)
                cur[key] = unquote(m.group(2))
                continue
            m = re.match(r'^"(.*)"$', line)
            if m and key:
                cur[key] += unquote(m.group(1))
    flush()
    return entries


def clean(text):
    # "拒收退货(_F)…" → "拒收退货…"; "_Accounts" → "Accounts"
    text = re.sub(r'\(_[A-Za-z0-9]\)', '', text)
    return text.replace('_', '')


def main():
    root = sys.argv[1]
    rows = parse_glossary(os.path.join(root, 'po', 'GLOSSARY.md'))
    results = []
    if len(rows) < 20:
        results.append((False, 'glossary has its table', ['only %d rows parsed' % len(rows)]))
    for lang in ('zh_CN', 'zh_TW'):
        entries = parse_po(os.path.join(root, 'po', lang + '.po'))
        for row in rows:
            problems = []
            for ctxt, ids, strs in entries:
                for s in strs:
                    text = clean(s)
                    for bad in row['reject_' + lang]:
                        if bad and bad in text:
                            problems.append('%r: %r uses %s (glossary: %s)'
                                            % (ids[0], s, bad, row[lang]))
                if row['pattern'] is None:
                    continue
                if not any(row['pattern'].search(clean(i)) for i in ids):
                    continue
                for s in strs:
                    if s and row[lang] not in clean(s):
                        problems.append('%r: %r lacks %s' % (ids[0], s, row[lang]))
            results.append((not problems, '%s: %s' % (lang, row['concept']), problems))

    # The same thing has the same English name where a menu opens it.
    for menu_label, ui_file, what in (
            ('_Accounts and Shops', 'ui/accounts/shou-accounts-dialog.ui', 'accounts dialog'),
            ('_Keyboard Shortcuts', 'ui/window/shou-shortcuts-window.ui', 'shortcuts window')):
        with open(os.path.join(root, ui_file), encoding='utf-8') as f:
            ui = f.read()
        # The window's own title: the first title property in the file.
        m = re.search(r'<property name="title" translatable="yes">([^<]*)</property>', ui)
        want = menu_label.replace('_', '')
        got = m.group(1) if m else None
        ok = got is not None and got.lower() == want.lower()
        results.append((ok, 'the %s is titled as its menu item' % what,
                        [] if ok else ['%s: title %r, menu item %r' % (ui_file, got, menu_label)]))

    print('1..%d' % len(results))
    failed = 0
    for i, (ok, name, problems) in enumerate(results, 1):
        print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
        for p in problems:
            print('#   ' + p)
        failed += not ok
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
