#!/usr/bin/env python3
"""Install the build into a temporary DESTDIR and check that every file lands
where GNOME looks for it, and that the installed files pass their validators.

Usage: check-install.py MESON BUILD_ROOT SOURCE_ROOT PREFIX DATADIR LOCALEDIR BINDIR APP_ID BASE_ID
Prints TAP.
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile


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


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def main():
    (meson, build, src, prefix, datadir, localedir, bindir, app_id, base_id) = sys.argv[1:10]
    tap = Tap()

    with tempfile.TemporaryDirectory(prefix='shouhou-install-') as dest:
        env = dict(os.environ)
        env.pop('DESTDIR', None)
        proc = run([meson, 'install', '-C', build, '--no-rebuild', '--quiet', '--destdir', dest], env=env)
        tap.check(proc.returncode == 0, 'meson install --destdir succeeds',
                  (proc.stdout + proc.stderr).splitlines()[-15:])
        if proc.returncode != 0:
            print('1..%d' % tap.n)
            return 1

        root = dest + prefix
        share = os.path.join(root, datadir) if not os.path.isabs(datadir) else dest + datadir
        locale = os.path.join(root, localedir) if not os.path.isabs(localedir) else dest + localedir
        bins = os.path.join(root, bindir) if not os.path.isabs(bindir) else dest + bindir

        for exe in ('shouhou', 'shouhou-sim'):
            path = os.path.join(bins, exe)
            tap.check(os.access(path, os.X_OK), 'bin/%s is installed and executable' % exe)

        # Desktop file, named after the app id, validated and translated.
        desktop = os.path.join(share, 'applications', app_id + '.desktop')
        tap.check(os.path.exists(desktop), 'share/applications/%s.desktop is installed' % app_id)
        if os.path.exists(desktop):
            proc = run(['desktop-file-validate', desktop])
            tap.check(proc.returncode == 0 and not proc.stdout.strip(),
                      'the installed desktop file passes desktop-file-validate',
                      proc.stdout.splitlines()[:10])
            with open(desktop, encoding='utf-8') as f:
                lines = f.read().splitlines()
            tap.check('Icon=' + app_id in lines, 'the desktop file names the app icon %s' % app_id)
            tap.check('Exec=shouhou' in lines, 'the desktop file runs the installed shouhou')
            tap.check('Name[zh_CN]=售后工作台' in lines and 'Name[zh_TW]=售後工作台' in lines,
                      'the desktop file carries the zh_CN and zh_TW names')
            kw = {l.split('=', 1)[0]: l.split('=', 1)[1] for l in lines if l.startswith('Keywords')}
            want_cn = ['售后', '退款', '退货', '拼多多', '淘宝', '抖店']
            want_tw = ['售後', '退款', '退貨', '拼多多', '淘寶', '抖店']
            tap.check(all(w in kw.get('Keywords[zh_CN]', '').split(';') for w in want_cn) and
                      all(w in kw.get('Keywords[zh_TW]', '').split(';') for w in want_tw),
                      'the desktop file has Chinese keywords for each region', [kw])

        # AppStream metainfo.
        metainfo = os.path.join(share, 'metainfo', app_id + '.metainfo.xml')
        tap.check(os.path.exists(metainfo), 'share/metainfo/%s.metainfo.xml is installed' % app_id)
        if os.path.exists(metainfo):
            proc = run(['appstreamcli', 'validate', '--no-net', '--no-color', metainfo])
            tap.check(proc.returncode == 0, 'the installed metainfo passes appstreamcli validate --no-net',
                      proc.stdout.splitlines()[:10])
            with open(metainfo, encoding='utf-8') as f:
                text = f.read()
            tap.check('<id>%s</id>' % app_id in text and
                      '<launchable type="desktop-id">%s.desktop</launchable>' % app_id in text,
                      'the metainfo id and launchable match the app id')
            tap.check('<name xml:lang="zh_CN">售后工作台</name>' in text and
                      '<name xml:lang="zh_TW">售後工作台</name>' in text,
                      'the metainfo carries zh_CN and zh_TW names')
            tap.check(text.count('<p xml:lang="zh_CN">') >= 2 and text.count('<p xml:lang="zh_TW">') >= 2,
                      'the metainfo carries zh_CN and zh_TW descriptions')

        # Icons.
        hicolor = os.path.join(share, 'icons', 'hicolor')
        icons = ['scalable/apps/%s.svg' % app_id, 'symbolic/apps/%s-symbolic.svg' % app_id]
        icons += ['symbolic/apps/shou-platform-%s-symbolic.svg' % p
                  for p in ('taobao', 'tmall', 'pdd', 'douyin', 'jd')]
        missing = [i for i in icons if not os.path.exists(os.path.join(hicolor, i))]
        tap.check(not missing, 'app and platform icons are installed in hicolor', missing)

        # Schema.
        schemas = os.path.join(share, 'glib-2.0', 'schemas')
        tap.check(os.path.exists(os.path.join(schemas, base_id + '.gschema.xml')),
                  'the GSettings schema is installed')

        # Under DESTDIR meson skips gnome.post_install (packagers run these as
        # triggers); run what it would run and check that it works on the tree.
        tap.check(not os.path.exists(os.path.join(schemas, 'gschemas.compiled')),
                  'post-install is skipped under DESTDIR, as meson documents')
        proc = run(['glib-compile-schemas', '--strict', schemas])
        tap.check(proc.returncode == 0 and os.path.exists(os.path.join(schemas, 'gschemas.compiled')),
                  'glib-compile-schemas compiles the installed schemas', proc.stderr.splitlines()[:5])
        if os.path.exists(os.path.join(schemas, 'gschemas.compiled')):
            proc = run(['gsettings', 'get', base_id, 'sync-interval'],
                       env=dict(os.environ, GSETTINGS_SCHEMA_DIR=schemas, GSETTINGS_BACKEND='memory'))
            tap.check(proc.stdout.strip() == 'uint32 60', 'the installed schema gives sync-interval 60',
                      [proc.stdout.strip(), proc.stderr.strip()])
        cache_tool = shutil.which('gtk4-update-icon-cache') or shutil.which('gtk-update-icon-cache')
        if cache_tool:
            proc = run([cache_tool, '--force', '--ignore-theme-index', hicolor])
            tap.check(proc.returncode == 0 and os.path.exists(os.path.join(hicolor, 'icon-theme.cache')),
                      'the icon cache builds over the installed icons', proc.stderr.splitlines()[:5])

        # Translations.
        for lang, name in (('zh_CN', '售后工作台'), ('zh_TW', '售後工作台')):
            mo = os.path.join(locale, lang, 'LC_MESSAGES', 'shouhou.mo')
            tap.check(os.path.exists(mo), 'share/locale/%s/LC_MESSAGES/shouhou.mo is installed' % lang)
            proc = run(['gettext', '-d', 'shouhou', '-s', 'Shouhou'],
                       env=dict(os.environ, LANG='C.UTF-8', LC_ALL='', LANGUAGE=lang, TEXTDOMAINDIR=locale))
            tap.check(proc.stdout.strip() == name, 'the installed %s catalogue translates the name' % lang,
                      [proc.stdout.strip()])

        # Rule profiles, when the core area ships them.
        profiles_src = glob.glob(os.path.join(src, 'data', 'profiles', '*.json'))
        if profiles_src and os.path.exists(os.path.join(src, 'data', 'profiles', 'meson.build')):
            installed = glob.glob(os.path.join(share, 'shouhou', 'profiles', '*.json'))
            tap.check(len(installed) == len(profiles_src),
                      'rule profiles are installed in share/shouhou/profiles (%d of %d)'
                      % (len(installed), len(profiles_src)))

    print('1..%d' % tap.n)
    return 1 if tap.failed else 0


if __name__ == '__main__':
    sys.exit(main())
