#!/usr/bin/env python3
"""Offline checks of the Flatpak manifests (no runtime can be downloaded here).

Usage: check-flatpak.py SOURCE_ROOT APP_ID BASE_ID
Prints TAP.
"""

import json
import os
import re
import shutil
import subprocess
import sys

REQUIRED = ('app-id', 'runtime', 'runtime-version', 'sdk', 'command', 'modules', 'finish-args')
# Permissions a seller's after-sales tool has no business asking for.
FORBIDDEN = re.compile(r'^--(filesystem|socket=x11$|socket=session-bus|socket=system-bus|'
                       r'device=all|talk-name=org\.freedesktop\.secrets|'
                       r'talk-name=org\.freedesktop\.Notifications)')


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


def justified_args(readme):
    """finish-args named in a list item followed by a justification."""
    out = {}
    with open(readme, encoding='utf-8') as f:
        text = f.read()
    for m in re.finditer(r'^\s*[-*]\s+`(--[^`]+)`\s*[—:-]+\s*(.+)$', text, re.M):
        if len(m.group(2).split()) >= 3:
            out[m.group(1)] = m.group(2)
    return out, text


def flatpak_section(text):
    m = re.search(r'^(#+)\s*[^\n]*flatpak[^\n]*\n(.*?)(?=^\1\s|\Z)', text, re.I | re.M | re.S)
    return m.group(2) if m else None


def main():
    srcdir, app_id, base_id = sys.argv[1:4]
    fpdir = os.path.join(srcdir, 'build-aux', 'flatpak')
    tap = Tap()

    readme = os.path.join(fpdir, 'README.md')
    justified, readme_text = justified_args(readme)
    tap.check('never been built' in readme_text or 'not built' in readme_text.lower(),
              'the README says plainly that the manifests are not built here')

    top_readme = os.path.join(srcdir, 'README.md')
    top_section = None
    if os.path.exists(top_readme):
        with open(top_readme, encoding='utf-8') as f:
            top_section = flatpak_section(f.read())

    manifests = {
        base_id: os.path.join(fpdir, base_id + '.json'),
        base_id + '.Devel': os.path.join(fpdir, base_id + '.Devel.json'),
    }
    tap.check(app_id in manifests, 'the build app id %s has a manifest' % app_id)

    for want_id, path in manifests.items():
        name = os.path.basename(path)
        try:
            with open(path, encoding='utf-8') as f:
                m = json.load(f)
        except (OSError, ValueError) as e:
            tap.check(False, '%s is well-formed JSON' % name, [e])
            continue
        tap.check(isinstance(m, dict), '%s is well-formed JSON' % name)

        missing = [k for k in REQUIRED if k not in m]
        tap.check(not missing, '%s has the required keys' % name, ['missing: ' + k for k in missing])
        tap.check(m.get('app-id') == want_id, '%s app-id is %s' % (name, want_id), [m.get('app-id')])
        tap.check(m.get('command') == 'shouhou', '%s command is the built executable "shouhou"' % name)
        tap.check(m.get('runtime') == 'org.gnome.Platform' and m.get('sdk') == 'org.gnome.Sdk',
                  '%s uses the GNOME runtime and SDK' % name)

        modules = m.get('modules') or []
        shou = [x for x in modules if isinstance(x, dict) and x.get('name') == 'shouhou']
        ok = len(shou) == 1 and shou[0].get('buildsystem') == 'meson'
        tap.check(ok, '%s builds the shouhou module with meson' % name)
        if ok:
            profile = 'development' if want_id.endswith('.Devel') else 'default'
            opts = shou[0].get('config-opts', [])
            tap.check('-Dprofile=' + profile in opts, '%s passes -Dprofile=%s' % (name, profile), [opts])
            srcs = shou[0].get('sources', [])
            tap.check(any(s.get('type') == 'dir' and
                          os.path.realpath(os.path.join(fpdir, s.get('path', ''))) == os.path.realpath(srcdir)
                          for s in srcs),
                      '%s builds this checkout' % name, [srcs])

        # Downloaded sources are pinned: an https URL and a full sha256.
        archives = [src for x in modules if isinstance(x, dict) for src in x.get('sources', [])
                    if isinstance(src, dict) and src.get('type') in ('archive', 'file')]
        unpinned = [src.get('url') for src in archives
                    if not str(src.get('url', '')).startswith('https://') or
                    not re.fullmatch(r'[0-9a-f]{64}', str(src.get('sha256', '')))]
        tap.check(not unpinned, '%s pins every downloaded source by https and sha256' % name, unpinned)
        xlsx = [x for x in modules if isinstance(x, dict) and x.get('name') == 'libxlsxwriter']
        tap.check(len(xlsx) == 1 and modules.index(xlsx[0]) < modules.index(shou[0]) if shou else False,
                  '%s builds libxlsxwriter (XLSX export) before shouhou' % name)

        args = m.get('finish-args') or []
        bad = [a for a in args if FORBIDDEN.match(a)]
        tap.check(not bad, '%s asks for no broad permission' % name, bad)
        unjustified = [a for a in args if a not in justified]
        tap.check(not unjustified, '%s: every finish-arg is justified in build-aux/flatpak/README.md' % name,
                  unjustified)
        if top_section is not None:
            absent = [a for a in args if a not in top_section]
            tap.check(not absent, '%s: every finish-arg appears in README.md\'s Flatpak section' % name, absent)

        builder = shutil.which('flatpak-builder')
        if builder:
            proc = subprocess.run([builder, '--show-manifest', path], capture_output=True, text=True)
            warnings = [l for l in proc.stderr.splitlines() if 'WARNING' in l or 'Unknown' in l]
            tap.check(proc.returncode == 0 and not warnings,
                      '%s passes flatpak-builder --show-manifest' % name,
                      proc.stderr.splitlines()[-5:])
        else:
            print('ok %d - %s: flatpak-builder --show-manifest # SKIP flatpak-builder not installed'
                  % (tap.n + 1, name))
            tap.n += 1

    print('1..%d' % tap.n)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
