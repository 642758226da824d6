# harness.py: end-to-end harness for the real shouhou window.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each group of scenarios gets its own X server (Xvfb), its own session bus
# (dbus-daemon, with the AT-SPI bus activated on it), its own HOME and XDG
# directories, one simulator (shouhou-sim --demo --test-controls on
# 127.0.0.1) and one app.  Input is real: xdotool key presses and clicks
# through XTEST.  AT-SPI (pyatspi) is used only to read the widget tree and
# to find where to click.  Every process is started here and stopped here,
# by its PID.
#
# Runs with the system /usr/bin/python3 (python3-pyatspi, python3-gi).

import json
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

_PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """preexec_fn: the child gets SIGTERM when this harness dies (a test
    killed by meson's timeout must leave no Xvfb, bus or app behind)."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != _HARNESS_PID:
        os.kill(os.getpid(), signal.SIGTERM)


_HARNESS_PID = os.getpid()

DEMO_TOKEN = 'demo-token-7d1f0c52a9e4'
OTHER_TOKEN = 'other-token-3b86e1f07c2d'


class Skip(Exception):
    pass


class E2EFailure(AssertionError):
    pass


def log(*args):
    print('#', *args, flush=True)


def wait_for(what, fn, timeout=10.0, interval=0.1):
    """Poll fn() until it returns something true; bounded by timeout."""
    deadline = time.monotonic() + timeout
    last_exc = None
    while True:
        try:
            value = fn()
            if value:
                return value
        except Exception as exc:  # AT-SPI objects can vanish while we look
            last_exc = exc
        if time.monotonic() >= deadline:
            extra = ' (last error: %r)' % (last_exc,) if last_exc else ''
            raise E2EFailure('timed out after %.0f s waiting for %s%s' % (timeout, what, extra))
        time.sleep(interval)


def stop_pid(proc, name, timeout=5.0):
    if proc is None or proc.poll() is not None:
        return
    try:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        log('%s (pid %d) did not stop on SIGTERM: SIGKILL' % (name, proc.pid))
        proc.kill()
        proc.wait(timeout=timeout)
    except ProcessLookupError:
        pass


class Sim:
    """A shouhou-sim child on 127.0.0.1 with demo data and test controls."""

    def __init__(self, binary, workdir, env, name='sim', extra=()):
        self.name = name
        self.logpath = os.path.join(workdir, name + '.log')
        self.logfile = open(self.logpath, 'w')
        args = [binary, '--port', '0', '--demo', '--test-controls', '--no-buyers',
                '--db', os.path.join(workdir, name + '.db'), '--seed', '17'] + list(extra)
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=self.logfile,
                                     env=env, text=True, preexec_fn=_die_with_parent)
        self.url = None
        self.tokens = {}
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if not r:
                if self.proc.poll() is not None:
                    raise E2EFailure('%s exited early, see %s' % (name, self.logpath))
                continue
            line = self.proc.stdout.readline()
            if not line:
                raise E2EFailure('%s exited early, see %s' % (name, self.logpath))
            self.logfile.write(line)
            m = re.match(r'listening on (\S+)', line)
            if m:
                self.url = m.group(1).rstrip('/')
            m = re.match(r'token (\S+) (\S+)', line)
            if m:
                self.tokens[m.group(1)] = m.group(2)
            if self.url and 'demo' in self.tokens:
                break
        if not self.url:
            raise E2EFailure('%s did not say where it listens' % name)
        # Keep draining stdout into the log so the pipe never fills.
        self.proc.stdout = self.proc.stdout  # noqa
        import threading
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        try:
            for line in self.proc.stdout:
                self.logfile.write(line)
                self.logfile.flush()
        except Exception:
            pass

    @property
    def port(self):
        return int(self.url.rsplit(':', 1)[1])

    def call(self, method, path, body=None, token=None, timeout=10):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            req.add_header('Content-Type', 'application/json')
        if token:
            req.add_header('Authorization', 'Bearer ' + token)
            if method == 'POST' and '/actions' in path:
                req.add_header('Idempotency-Key', 'e2e-%d-%f' % (os.getpid(), time.time()))
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                raw = resp.read()
                return resp.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as err:
            raw = err.read()
            try:
                return err.code, json.loads(raw)
            except ValueError:
                return err.code, raw

    def ok(self, method, path, body=None, token=None):
        status, answer = self.call(method, path, body, token)
        if status >= 300:
            raise E2EFailure('%s %s -> %d %s' % (method, path, status, answer))
        return answer

    # Test controls
    def buyer(self, **body):
        return self.ok('POST', '/v1/test/buyer', body)['aftersale']

    def clock(self, advance_us):
        return self.ok('POST', '/v1/test/clock', {'advance_us': int(advance_us)})

    def faults(self, rate, kinds=None, **extra):
        body = {'rate': rate}
        if kinds:
            body['kinds'] = kinds
        body.update(extra)
        return self.ok('POST', '/v1/test/faults', body)

    def new_order(self, shop_id, state='completed'):
        return self.ok('POST', '/v1/test/order', {'shop_id': shop_id, 'state': state})['order']

    def aftersale(self, aid, token=DEMO_TOKEN):
        return self.ok('GET', '/v1/aftersales/' + aid, token=token)['aftersale']

    def all_aftersales(self, token=DEMO_TOKEN):
        """Every request of the token's merchant, at its latest state, from the change feed."""
        out = {}
        cursor = None
        while True:
            path = '/v1/changes?limit=1000' + ('&cursor=' + urllib.request.quote(cursor) if cursor else '')
            page = self.ok('GET', path, token=token)
            for ch in page['changes']:
                if ch['kind'] == 'aftersale':
                    out[ch['id']] = ch['data']
            if not page['has_more']:
                return out
            cursor = page['next_cursor']

    def stop(self):
        stop_pid(self.proc, self.name)
        self.logfile.close()


class Session:
    """X server, session bus, AT-SPI, private HOME: one per group of scenarios."""

    def __init__(self, group, width=1400, height=900):
        self.group = group
        self.build = os.environ.get('SHOU_E2E_BUILD') or os.path.dirname(os.path.dirname(
            os.path.dirname(os.path.abspath(__file__))))
        self.app_bin = os.environ['SHOU_E2E_APP']
        self.sim_bin = os.environ['SHOU_E2E_SIM']
        self.shots = os.environ.get('SHOU_E2E_SCREENSHOTS')
        self.tmp = tempfile.mkdtemp(prefix='shou-e2e-%s-' % group)
        self.procs = []   # (name, Popen), stopped in reverse order
        self.sims = []
        self.app = None
        self.app_log = None
        self.shot_no = 0
        self.width, self.height = width, height
        self._atspi = None
        self.env = self._base_env()
        self._start_x()
        self._start_bus()
        self._settings_ini()

    # --- environment ---------------------------------------------------
    def _base_env(self):
        env = {}
        for key in ('PATH', 'LANG', 'SHOUHOU_LOCALEDIR', 'GSETTINGS_SCHEMA_DIR', 'SHOU_PROFILES_DIR',
                    'SHOU_SCRIPTS_DIR', 'XDG_DATA_DIRS', 'ASAN_OPTIONS', 'UBSAN_OPTIONS', 'LSAN_OPTIONS'):
            if key in os.environ:
                env[key] = os.environ[key]
        env.setdefault('LANG', 'C.UTF-8')
        env['LC_ALL'] = env['LANG']
        env['LANGUAGE'] = os.environ.get('SHOU_E2E_LANGUAGE', 'zh_CN')
        home = os.path.join(self.tmp, 'home')
        for sub in ('', '.config', '.local/share', '.cache', 'runtime'):
            os.makedirs(os.path.join(home, sub), mode=0o700, exist_ok=True)
        env['HOME'] = home
        env['XDG_CONFIG_HOME'] = os.path.join(home, '.config')
        env['XDG_DATA_HOME'] = os.path.join(home, '.local/share')
        env['XDG_CACHE_HOME'] = os.path.join(home, '.cache')
        env['XDG_RUNTIME_DIR'] = os.path.join(home, 'runtime')
        # Settings in a keyfile: the app's own and GNOME's toolkit-accessibility.
        env['GSETTINGS_BACKEND'] = 'keyfile'
        os.makedirs(os.path.join(home, '.config/glib-2.0/settings'), exist_ok=True)
        with open(os.path.join(home, '.config/glib-2.0/settings/keyfile'), 'w') as f:
            f.write('[org/gnome/desktop/interface]\ntoolkit-accessibility=true\n')
        env['GTK_A11Y'] = 'atspi'
        env['GDK_BACKEND'] = 'x11'
        env['GTK_USE_PORTAL'] = '0'
        env['GDK_DEBUG'] = 'no-portals'
        return env

    def _settings_ini(self):
        d = os.path.join(self.env['XDG_CONFIG_HOME'], 'gtk-4.0')
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, 'settings.ini'), 'w') as f:
            f.write('[Settings]\ngtk-cursor-blink=false\ngtk-enable-animations=false\n'
                    'gtk-font-name=Noto Sans CJK SC 10\n')

    def _spawn(self, name, args, env=None, **kw):
        logf = open(os.path.join(self.tmp, name + '.log'), 'w')
        proc = subprocess.Popen(args, env=env or self.env, stdout=kw.pop('stdout', logf),
                                stderr=kw.pop('stderr', logf), preexec_fn=_die_with_parent, **kw)
        self.procs.append((name, proc))
        return proc

    def _start_x(self):
        r, w = os.pipe()
        proc = self._spawn('xvfb', ['Xvfb', '-displayfd', str(w), '-screen', '0',
                                    '%dx%dx24' % (self.width, self.height),
                                    '-nolisten', 'tcp', '-noreset', '+extension', 'XTEST'],
                           pass_fds=(w,))
        os.close(w)
        data = b''
        deadline = time.monotonic() + 20
        while not data.endswith(b'\n') and time.monotonic() < deadline:
            ready, _, _ = select.select([r], [], [], 0.5)
            if ready:
                chunk = os.read(r, 64)
                if not chunk:
                    break
                data += chunk
            elif proc.poll() is not None:
                break
        os.close(r)
        if not data.strip():
            raise E2EFailure('Xvfb did not start')
        self.env['DISPLAY'] = ':' + data.decode().strip()

    def _start_bus(self):
        proc = self._spawn('dbus', ['dbus-daemon', '--session', '--nofork', '--print-address=1'],
                           stdout=subprocess.PIPE)
        line = wait_for('the session bus address', proc.stdout.readline, timeout=10)
        self.env['DBUS_SESSION_BUS_ADDRESS'] = line.decode().strip()
        self.bus_proc = proc

    # --- processes -----------------------------------------------------
    def start_sim(self, name='sim', extra=()):
        env = dict(self.env)
        sim = Sim(self.sim_bin, self.tmp, env, name, extra)
        self.sims.append(sim)
        return sim

    def start_notification_service(self):
        """Our own notification server on the private bus (before the app)."""
        self.notify_log = os.path.join(self.tmp, 'notifications.jsonl')
        open(self.notify_log, 'w').close()
        proc = self._spawn('notify', ['/usr/bin/python3', os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                      'notify-service.py'), self.notify_log],
                           stdout=subprocess.PIPE)
        wait_for('the notification service', proc.stdout.readline, timeout=10)
        return proc

    def notifications(self):
        out = []
        with open(self.notify_log) as f:
            for line in f:
                if line.strip():
                    out.append(json.loads(line))
        return out

    def activate_notification(self, nid):
        res = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.shouhou.E2E.Notifications',
                              '--object-path', '/org/shouhou/E2E/Notifications', '--method',
                              'org.shouhou.E2E.Notifications.Activate', nid],
                             env=self.env, capture_output=True, text=True, timeout=15)
        m = re.search(r"\('(.*)',\)", res.stdout)
        return m.group(1) if m else (res.stdout + res.stderr).strip()

    def start_app(self, *args, env_extra=None, data_dir=None, wait_window=True):
        env = dict(self.env)
        if env_extra:
            env.update(env_extra)
        self.data_dir = data_dir or os.path.join(self.tmp, 'data')
        argv = [self.app_bin, '--data-dir', self.data_dir] + list(args)
        self.app_log = os.path.join(self.tmp, 'app-%d.log' % (len(self.procs)))
        logf = open(self.app_log, 'w')
        self.app = subprocess.Popen(argv, env=env, stdout=logf, stderr=logf, preexec_fn=_die_with_parent)
        self.procs.append(('shouhou', self.app))
        if wait_window:
            self.wait_window()
        return self.app

    def app_log_text(self):
        try:
            with open(self.app_log, errors='replace') as f:
                return f.read()
        except (OSError, TypeError):
            return ''

    def stop_app(self):
        """Quit with Ctrl+Q like a user; SIGTERM if it does not go."""
        if self.app is None:
            return
        if self.app.poll() is None:
            try:
                self.focus_main()
                self.key('ctrl+q')
                self.app.wait(timeout=8)
            except Exception:
                stop_pid(self.app, 'shouhou')
        self.app = None
        self._app_acc = None

    def close(self):
        for sim in reversed(self.sims):
            sim.stop()
        if self.app is not None:
            stop_pid(self.app, 'shouhou')
        # AT-SPI's bus launcher and registry were activated on our bus: stop them by PID.
        for pid in self._bus_service_pids():
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for name, proc in reversed(self.procs):
            stop_pid(proc, name)
        if os.environ.get('SHOU_E2E_KEEP'):
            log('kept', self.tmp)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def _bus_service_pids(self):
        pids = []
        try:
            out = subprocess.run(['dbus-send', '--session', '--print-reply', '--dest=org.freedesktop.DBus',
                                  '/org/freedesktop/DBus', 'org.freedesktop.DBus.ListNames'],
                                 env=self.env, capture_output=True, text=True, timeout=5).stdout
            names = set(re.findall(r'string "([^"]+)"', out))
            for name in names:
                if not name.startswith('org.a11y'):
                    continue
                out = subprocess.run(['dbus-send', '--session', '--print-reply', '--dest=org.freedesktop.DBus',
                                      '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID',
                                      'string:' + name], env=self.env, capture_output=True, text=True,
                                     timeout=5).stdout
                m = re.search(r'uint32 (\d+)', out)
                if m:
                    pids.append(int(m.group(1)))
        except Exception as exc:
            log('could not list bus services:', exc)
        # The registry daemon lives on the accessibility bus (and is re-parented to init).
        try:
            out = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.a11y.Bus', '--object-path',
                                  '/org/a11y/bus', '--method', 'org.a11y.Bus.GetAddress'],
                                 env=self.env, capture_output=True, text=True, timeout=5).stdout
            m = re.search(r"'([^']+)'", out)
            if m:
                out = subprocess.run(['dbus-send', '--bus=' + m.group(1), '--print-reply',
                                      '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
                                      'org.freedesktop.DBus.GetConnectionUnixProcessID',
                                      'string:org.a11y.atspi.Registry'],
                                     env=self.env, capture_output=True, text=True, timeout=5).stdout
                m = re.search(r'uint32 (\d+)', out)
                if m:
                    pids.append(int(m.group(1)))
        except Exception as exc:
            log('could not ask the accessibility bus:', exc)
        # The accessibility bus itself is a child of the launcher.
        for pid in list(pids):
            try:
                out = subprocess.run(['ps', '-o', 'pid=', '--ppid', str(pid)], capture_output=True,
                                     text=True, timeout=5).stdout
                pids += [int(p) for p in out.split()]
            except Exception:
                pass
        return sorted(set(pids), reverse=True)

    # --- X input -------------------------------------------------------
    def xdo(self, *args, check=True):
        res = subprocess.run(['xdotool'] + [str(a) for a in args], env=self.env,
                             capture_output=True, text=True, timeout=15)
        if check and res.returncode != 0:
            raise E2EFailure('xdotool %s failed: %s' % (' '.join(map(str, args)), res.stderr))
        return res.stdout.strip()

    def app_windows(self):
        """X windows of the app that are mapped, newest last."""
        if self.app is None:
            return []
        out = self.xdo('search', '--onlyvisible', '--pid', self.app.pid, check=False)
        return [int(w) for w in out.split()]

    def wait_window(self, timeout=30):
        wait_for('the app window to be mapped', self.app_windows, timeout=timeout)
        self.main_xid = self.app_windows()[0]
        self.settle(0.3)

    def window_geometry(self, xid):
        out = self.xdo('getwindowgeometry', '--shell', xid)
        vals = dict(line.split('=', 1) for line in out.splitlines() if '=' in line)
        return int(vals['X']), int(vals['Y']), int(vals['WIDTH']), int(vals['HEIGHT'])

    def focus_xid(self, xid):
        self.xdo('windowfocus', '--sync', xid, check=False)

    def focus_main(self):
        wins = self.app_windows()
        if wins:
            self.focus_xid(wins[0])

    def focus_top(self):
        """Focus the newest mapped app window (a dialog if one is open)."""
        wins = self.app_windows()
        if wins:
            self.focus_xid(wins[-1])
            return wins[-1]
        return None

    def key(self, *keys):
        for k in keys:
            self.xdo('key', '--clearmodifiers', '--delay', 30, k)
            time.sleep(0.05)

    def type(self, text):
        """Type ASCII text with real key presses."""
        self.xdo('type', '--delay', 25, '--clearmodifiers', text)
        time.sleep(0.1)

    def click_at(self, x, y, button=1):
        # No --sync: it waits for ever when the pointer is already there.
        # Two moves, so that the widget sees the pointer enter and hover
        # (popover menu items activate only for a hovered item).
        self.xdo('mousemove', int(x) - 3, int(y))
        time.sleep(0.05)
        self.xdo('mousemove', int(x), int(y))
        time.sleep(0.15)
        self.xdo('click', button)
        time.sleep(0.1)

    def settle(self, seconds=0.2):
        time.sleep(seconds)

    # --- screenshots ---------------------------------------------------
    def screenshot(self, name):
        if not self.shots:
            return None
        os.makedirs(self.shots, exist_ok=True)
        self.shot_no += 1
        lang = self.env.get('LANGUAGE', 'C').replace('_', '-')
        path = os.path.join(self.shots, 'e2e-%s-%02d-%s-%s.png' % (self.group, self.shot_no, name, lang))
        # The whole screen (no window manager: the app and its dialogs are all
        # there), cropped to the main window.
        try:
            crop = []
            wins = self.app_windows()
            if wins:
                x, y, w, h = self.window_geometry(wins[0])
                crop = ['-crop', '%dx%d+%d+%d' % (w, h, x, y), '+repage']
            subprocess.run(['import', '-window', 'root'] + crop + [path], env=self.env,
                           capture_output=True, timeout=20, check=True)
        except Exception as exc:
            log('screenshot %s failed: %s' % (name, exc))
            return None
        return path

    def looks_blue(self, ext):
        """Whether a widget is drawn as a suggested (blue) button: sample its background."""
        x, y, w, h = ext
        path = os.path.join(self.tmp, 'pixels.png')
        subprocess.run(['import', '-window', 'root', '-crop', '%dx%d+%d+%d' % (w, h, x, y), '+repage', path],
                       env=self.env, capture_output=True, timeout=20, check=True)
        out = subprocess.run(['convert', path, '-scale', '1x1!', '-format', '%[fx:int(255*r)] %[fx:int(255*g)] %[fx:int(255*b)]',
                              'info:'], capture_output=True, text=True, timeout=20, check=True).stdout.split()
        r, g, b = (int(v) for v in out[:3])
        return b > 150 and b > r + 60

    # --- AT-SPI (reading only) ----------------------------------------
    @property
    def atspi(self):
        if self._atspi is None:
            # pyatspi finds the accessibility bus through the session bus in
            # the environment at import time: ours.
            os.environ['DBUS_SESSION_BUS_ADDRESS'] = self.env['DBUS_SESSION_BUS_ADDRESS']
            os.environ['DISPLAY'] = self.env['DISPLAY']
            import pyatspi
            self._atspi = pyatspi
        return self._atspi

    def app_acc(self):
        desktop = self.atspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is None:
                continue
            try:
                if child.get_process_id() == self.app.pid:
                    return child
            except Exception:
                continue
        return None

    def windows_acc(self):
        app = self.app_acc()
        if app is None:
            return []
        return [app.getChildAtIndex(i) for i in range(app.childCount)]

    # --- tree helpers ----------------------------------------------------
    def toplevels(self):
        """The app's visible toplevel frames/dialogs (AT-SPI), newest last."""
        out = []
        for w in self.windows_acc():
            try:
                e = w.get_extents(self.Atspi.CoordType.WINDOW)
                if e.width > 0 and e.height > 0:
                    out.append(w)
            except Exception:
                continue
        return out

    @property
    def Atspi(self):
        self.atspi  # noqa: the environment first
        from gi.repository import Atspi
        return Atspi

    def snapshot(self, root=None):
        """Pruned walk of what is on screen: a list of Node.

        GTK 4.8 keeps the last allocation of a GtkStack's hidden pages and
        sets no SHOWING state, so each stack page is hit-tested: a page is
        shown when the widget at its centre belongs to it."""
        Atspi = self.Atspi
        roots = [root] if root is not None else self.toplevels()
        out = []
        for top in roots:
            top_name = top.get_name()
            origin = self._toplevel_origin(top)
            pages = []

            xwins = None

            def popover_origin(e, base):
                # A popover is its own X surface (override-redirect): find the
                # X window of its size and shift its subtree there.
                nonlocal xwins
                if xwins is None:
                    xwins = []
                    out_ = self.xdo('search', '--onlyvisible', '--name', '.*', check=False)
                    for xid in out_.split():
                        try:
                            xwins.append(self.window_geometry(xid))
                        except Exception:
                            pass
                for x, y, w, h in xwins:
                    if (w, h) == (e.width, e.height):
                        return (x - e.x, y - e.y)
                return base

            def walk(acc, depth, parent, origin=origin):
                try:
                    role = acc.get_role_name()
                    name = acc.get_name() or ''
                    ext = None
                    is_page = False
                    try:
                        e = acc.get_extents(Atspi.CoordType.WINDOW)
                        if e.width > 0 and e.height > 0 and depth > 0 and (
                                role == 'menu' or name.startswith('GtkPopover')):
                            origin = popover_origin(e, origin)
                        if e.width > 0 and e.height > 0:
                            ext = (origin[0] + e.x, origin[1] + e.y, e.width, e.height)
                        elif name != 'GtkStackPage':
                            return
                        else:
                            is_page = True
                    except Exception:
                        # No Component: a GtkStackPage (named by its title, if any).
                        is_page = role == 'panel'
                    node = Node(self, acc, role, name, ext, depth, parent, top_name)
                    node.wext = (e.x, e.y, e.width, e.height) if ext else None
                    out.append(node)
                    if is_page:
                        pages.append(node)
                    for i in range(acc.get_child_count()):
                        child = acc.get_child_at_index(i)
                        if child is not None:
                            walk(child, depth + 1, node, origin)
                except Exception:
                    return
            start = len(out)
            walk(top, 0, None)
            hidden = set()
            for page in pages:
                if not self._page_shown(page, out):
                    hidden.add(id(page))
            if hidden:
                kept = out[:start]
                for node in out[start:]:
                    if id(node) in hidden or any(id(a) in hidden for a in node.ancestors()):
                        continue
                    kept.append(node)
                out = kept
        return out

    def _page_shown(self, page, nodes):
        kids = [n for n in nodes if n.parent is page and n.wext]
        if not kids or page.parent is None:
            return False
        x, y, w, h = kids[0].wext
        Atspi = self.Atspi
        stack = page.parent.acc
        try:
            hit = stack.get_accessible_at_point(x + w // 2, y + h // 2, Atspi.CoordType.WINDOW)
        except Exception:
            return True
        if hit is None:
            return True   # nothing there to tell by: keep it
        mine = (page.acc, kids[0].acc)
        for _ in range(60):
            if hit is None or hit == stack:
                return False
            if any(hit == m for m in mine):
                return True
            hit = hit.get_parent()
        return True

    def _toplevel_origin(self, top):
        # GTK 4.8 reports extents relative to the toplevel; add where X put it.
        # The X window is found by title, else by size.
        title = top.get_name()
        try:
            e = top.get_extents(self.Atspi.CoordType.WINDOW)
            size = (e.width, e.height)
        except Exception:
            size = None
        wins = self.app_windows()
        geos = [(xid,) + self.window_geometry(xid) for xid in wins]

        def closeness(g):
            return abs(g[3] - size[0]) + abs(g[4] - size[1]) if size else 0
        titled = [g for g in geos if title and self.xdo('getwindowname', g[0], check=False) == title]
        pool = titled or geos
        if not pool:
            return 0, 0
        best = min(pool, key=closeness)
        return best[1], best[2]

    def find(self, pred, root=None, what=None, timeout=10.0, all=False):
        """Wait until some node on screen satisfies pred(node); return it (or all)."""
        def look():
            nodes = [n for n in self.snapshot(root) if pred(n)]
            if not nodes:
                return None
            return nodes if all else nodes[0]
        return wait_for(what or 'a widget', look, timeout=timeout, interval=0.3)

    def find_named(self, name, role=None, root=None, timeout=10.0, exact=True):
        def pred(n):
            if role is not None and n.role != role:
                return False
            return n.name == name if exact else name in n.name
        return self.find(pred, root=root, what='%s “%s”' % (role or 'widget', name), timeout=timeout)

    def texts(self, root=None):
        return [n.name for n in self.snapshot(root) if n.role == 'label' and n.name]

    def wait_text(self, fragment, root=None, timeout=10.0):
        """Wait until a visible label contains fragment; return its text."""
        return self.find(lambda n: n.role == 'label' and fragment in n.name, root=root,
                         what='text “%s” on screen' % fragment, timeout=timeout).name

    def no_text(self, fragment, root=None):
        hits = [n.name for n in self.snapshot(root) if fragment in n.name and n.role in ('label', 'push button')]
        return not hits

    def click(self, node):
        if node.ext is None:
            raise E2EFailure('cannot click %s: it has no size on screen' % node)
        x, y, w, h = node.ext
        self.click_at(x + w // 2, y + h // 2)

    def dump(self, root=None, path=None):
        lines = ['  ' * n.depth + '%s [%s] %s' % (n.role, n.name, n.ext) for n in self.snapshot(root)]
        if path:
            with open(path, 'w') as f:
                f.write('\n'.join(lines))
        return '\n'.join(lines)


class Node:
    def __init__(self, session, acc, role, name, ext, depth, parent, top):
        self.s, self.acc, self.role, self.name, self.ext = session, acc, role, name, ext
        self.depth, self.parent, self.top = depth, parent, top

    def __repr__(self):
        return '<%s “%s” at %s in “%s”>' % (self.role, self.name, self.ext, self.top)

    def states(self):
        return self.acc.get_state_set()

    def has(self, state_name):
        Atspi = self.s.Atspi
        return self.acc.get_state_set().contains(getattr(Atspi.StateType, state_name))

    @property
    def sensitive(self):
        return self.has('SENSITIVE')

    @property
    def focused(self):
        return self.has('FOCUSED')

    @property
    def selected(self):
        return self.has('SELECTED')

    @property
    def description(self):
        return self.acc.get_description() or ''

    def ancestors(self):
        p = self.parent
        while p is not None:
            yield p
            p = p.parent

    def text(self):
        """Text content of an entry (GTK 4.8: get_text(0,-1) is empty; use the count)."""
        try:
            n = self.s.Atspi.Text.get_character_count(self.acc)
            return self.s.Atspi.Text.get_text(self.acc, 0, n)
        except Exception:
            return ''
