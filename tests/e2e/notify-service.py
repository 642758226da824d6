#!/usr/bin/python3
# notify-service.py: a notification server for the e2e tests' private bus.
#
# Copyright 2026 The Shouhou authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Owns org.gtk.Notifications (what GLib's GNotification uses outside a
# sandbox when the name has an owner) and org.freedesktop.Notifications
# (its fallback).  Every notification received is appended as one JSON line
# to the file given as argv[1].  A test "clicks" a notification by calling
# org.shouhou.E2E.Notifications.Activate(id) on this service, which then does
# what a desktop shell does: ActivateAction on the app's
# org.freedesktop.Application interface with the notification's default
# action and target (gtk), or the ActionInvoked signal (freedesktop).

import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

LOG = sys.argv[1]
received = {}   # id -> record


def plain(value):
    if isinstance(value, (dbus.String, str)):
        return str(value)
    if isinstance(value, (dbus.Boolean,)):
        return bool(value)
    if isinstance(value, (dbus.Int32, dbus.UInt32, dbus.Int64, dbus.UInt64, dbus.Byte, int)):
        return int(value)
    if isinstance(value, (dbus.Array, list, tuple, dbus.Struct)):
        return [plain(v) for v in value]
    if isinstance(value, (dbus.Dictionary, dict)):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def record(rec):
    received[rec['id']] = rec
    with open(LOG, 'a') as f:
        f.write(json.dumps(rec, ensure_ascii=False) + '\n')


class GtkNotifications(dbus.service.Object):
    @dbus.service.method('org.gtk.Notifications', in_signature='ssa{sv}', out_signature='')
    def AddNotification(self, app_id, nid, notification):
        n = plain(notification)
        record({'via': 'gtk', 'app_id': str(app_id), 'id': str(nid), 'title': n.get('title', ''),
                'body': n.get('body', ''), 'default_action': n.get('default-action'),
                'target': notification.get('default-action-target'), 'raw': n})

    @dbus.service.method('org.gtk.Notifications', in_signature='ss', out_signature='')
    def RemoveNotification(self, app_id, nid):
        pass


class FdoNotifications(dbus.service.Object):
    def __init__(self, bus, path):
        super().__init__(bus, path)
        self.next_id = 1

    @dbus.service.method('org.freedesktop.Notifications', in_signature='susssasa{sv}i', out_signature='u')
    def Notify(self, app_name, replaces_id, icon, summary, body, actions, hints, timeout):
        nid = self.next_id
        self.next_id += 1
        record({'via': 'freedesktop', 'app_id': str(app_name), 'id': str(nid), 'title': str(summary),
                'body': str(body), 'actions': plain(actions), 'raw': plain(hints)})
        return dbus.UInt32(nid)

    @dbus.service.method('org.freedesktop.Notifications', in_signature='u', out_signature='')
    def CloseNotification(self, nid):
        pass

    @dbus.service.method('org.freedesktop.Notifications', in_signature='', out_signature='as')
    def GetCapabilities(self):
        return ['body', 'actions']

    @dbus.service.method('org.freedesktop.Notifications', in_signature='', out_signature='ssss')
    def GetServerInformation(self):
        return ('shouhou-e2e', 'shouhou', '1', '1.2')

    @dbus.service.signal('org.freedesktop.Notifications', signature='us')
    def ActionInvoked(self, nid, action_key):
        pass


class Control(dbus.service.Object):
    def __init__(self, bus, path, fdo):
        super().__init__(bus, path)
        self.bus = bus
        self.fdo = fdo

    @dbus.service.method('org.shouhou.E2E.Notifications', in_signature='s', out_signature='s')
    def Activate(self, nid):
        rec = received.get(nid)
        if rec is None:
            return 'unknown notification ' + nid
        if rec['via'] == 'freedesktop':
            self.fdo.ActionInvoked(dbus.UInt32(int(nid)), 'default')
            return 'ok'
        action = rec['default_action'] or ''
        if not action.startswith('app.'):
            return 'no app action: ' + action
        path = '/' + rec['app_id'].replace('.', '/').replace('-', '_')
        app = self.bus.get_object(rec['app_id'], path)
        params = [rec['target']] if rec['target'] is not None else []
        app.ActivateAction(action[4:], dbus.Array(params, signature='v'), dbus.Dictionary({}, signature='sv'),
                           dbus_interface='org.freedesktop.Application')
        return 'ok'


def main():
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    GtkNotifications(bus, '/org/gtk/Notifications')
    fdo = FdoNotifications(bus, '/org/freedesktop/Notifications')
    Control(bus, '/org/shouhou/E2E/Notifications', fdo)
    names = [dbus.service.BusName(n, bus) for n in
             ('org.gtk.Notifications', 'org.freedesktop.Notifications', 'org.shouhou.E2E.Notifications')]
    print('ready', flush=True)
    GLib.MainLoop().run()
    del names


if __name__ == '__main__':
    main()
