#!/usr/bin/env python3
"""Builds data/divisions/divisions.tsv from the china-division CSVs.

Usage: divisions-convert.py DIST_DIR > data/divisions/divisions.tsv
where DIST_DIR is dist/ of github.com/modood/Administrative-divisions-of-China
at the tag recorded in data/divisions/README.md.

One line per division, "code<TAB>name", in the source's order: provinces
(2-digit codes), then cities (4 digits), then areas (6 digits, the GB/T 2260
county-level code). The names are kept as given.
"""
import csv
import sys


def rows(path, width):
    with open(path, encoding='utf-8', newline='') as f:
        for row in csv.DictReader(f):
            code, name = row['code'], row['name'].strip()
            if len(code) != width or not code.isdigit() or not name or '\t' in name:
                sys.exit(f'{path}: bad row {row}')
            yield code, name


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    dist = sys.argv[1]
    out = sys.stdout
    out.write('# 省/市/区 (GB/T 2260) from china-division; see README.md here\n')
    for name, width in (('provinces', 2), ('cities', 4), ('areas', 6)):
        for code, text in rows(f'{dist}/{name}.csv', width):
            out.write(f'{code}\t{text}\n')


if __name__ == '__main__':
    main()
