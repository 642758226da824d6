#!/usr/bin/env python3
"""Check the hand-drawn icons: sizes, colours, and that symbolic icons use only
filled paths in the one colour GTK recolours (it restyles `fill`, never `stroke`).

Usage: check-icons.py SOURCE_ROOT APP_ID_BASE
Prints TAP.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
DRAWN = {SVG + t for t in ('path', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'line')}
PLATFORMS = ('taobao', 'tmall', 'pdd', 'douyin', 'jd')


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, name, details=()):
        self.n += 1
        print(('ok' if ok else 'not ok') + ' %d - %s' % (self.n, name))
        for d in details:
            print('# ' + str(d))
        if not ok:
            self.failed += 1


def png_size(path):
    with open(path, 'rb') as f:
        head = f.read(24)
    return int.from_bytes(head[16:20], 'big'), int.from_bytes(head[20:24], 'big')


def main():
    src, base_id = sys.argv[1:3]
    hicolor = os.path.join(src, 'data', 'icons', 'hicolor')
    tap = Tap()

    app = os.path.join(hicolor, 'scalable', 'apps', base_id + '.svg')
    root = ET.parse(app).getroot()
    tap.check(root.get('viewBox') == '0 0 128 128', 'the app icon is drawn on the 128 px grid')
    shapes = [e for e in root.iter() if e.tag in DRAWN]
    colours = set()
    for e in root.iter():
        for attr in ('fill', 'stroke', 'stop-color'):
            v = e.get(attr)
            if v and v.startswith('#'):
                colours.add(v.lower())
    tap.check(len(shapes) >= 6 and len(colours) >= 4,
              'the app icon is a drawing, not a placeholder (%d shapes, %d colours)'
              % (len(shapes), len(colours)))

    symbolic = [os.path.join(hicolor, 'symbolic', 'apps', base_id + '-symbolic.svg')]
    symbolic += [os.path.join(hicolor, 'symbolic', 'apps', 'shou-platform-%s-symbolic.svg' % p)
                 for p in PLATFORMS]
    seen = set()
    for path in symbolic:
        name = os.path.basename(path)
        if not os.path.exists(path):
            tap.check(False, '%s exists' % name)
            continue
        root = ET.parse(path).getroot()
        tap.check(root.get('viewBox') == '0 0 16 16' and root.get('width') == '16',
                  '%s is drawn on the 16 px grid' % name)
        bad = []
        for e in root.iter():
            if e.tag in DRAWN and e.get('fill', '').lower() != '#2e3436':
                bad.append('%s fill=%r' % (e.tag.replace(SVG, ''), e.get('fill')))
            if e.get('stroke') not in (None, 'none'):
                bad.append('%s has a stroke' % e.tag.replace(SVG, ''))
        tap.check(not bad, '%s uses only #2e3436 fills' % name, bad)
        with open(path, encoding='utf-8') as f:
            body = re.sub(r'\s+', ' ', f.read())
        tap.check(body not in seen, '%s differs from the other icons' % name)
        seen.add(body)

    rsvg = shutil.which('rsvg-convert')
    if rsvg:
        with tempfile.TemporaryDirectory() as tmp:
            for path, size in [(app, 16), (app, 128)] + [(p, 16) for p in symbolic]:
                out = os.path.join(tmp, 'out.png')
                proc = subprocess.run([rsvg, '-w', str(size), '-h', str(size), path, '-o', out],
                                      capture_output=True, text=True)
                ok = proc.returncode == 0 and png_size(out) == (size, size)
                tap.check(ok, '%s renders at %d px' % (os.path.basename(path), size),
                          proc.stderr.splitlines()[:3])
    else:
        print('ok %d - rendering # SKIP rsvg-convert not installed' % (tap.n + 1))
        tap.n += 1

    print('1..%d' % tap.n)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
