#!/usr/bin/env python3
# Structure of src/ (issue 18's structure test, run by the data suite):
# no circles between units and no include that points up a layer.
# Run: build-aux/check-structure.py [SOURCE_ROOT]
# A unit is foo.c + foo.h + foo-private.h in one folder, and with them
# every foo-bar.c / foo-bar.h that includes foo-private.h (directly or
# through its own foo-bar.h): the files a unit was split into. Unit A
# depends on unit B when a file of A includes a header of B or calls a
# function that B defines. Layers, bottom up: core; store, sync and the
# hub (with its platforms); ui and the simulator; every main.c. The hub,
# its platforms and the simulator use core and their own storage, never
# the desktop's store, sync or UI. TAP output.
import os
import re
import sys

SRC = os.path.join(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."), "src")

LAYERS = [
    ('core', 0),
    ('store', 1),
    ('sync', 1),
    ('hub', 1),
    ('ui', 2),
    ('sim', 2),
]

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# GNU style: the return type on its own line, the name at column 0.
DEFINITION = re.compile(r'^(shou_[a-z0-9_]+)\s*\(', re.M)
CALL = re.compile(r'\b(shou_[a-z0-9_]+)\s*\(')
COMMENT = re.compile(r'/\*.*?\*/', re.S)
STRING = re.compile(r'"(?:\\.|[^"\\\n])*"')


def own_unit(path):
    rel = os.path.relpath(path, SRC)
    base, _ = os.path.splitext(rel)
    if base.endswith('-private'):
        base = base[:-len('-private')]
    return base


UNITS = {}  # own_unit(path) -> unit, filled by group_units()


def unit_of(path):
    base = own_unit(path)
    return UNITS.get(base, base)


def group_units(texts):
    """foo-bar joins unit foo when foo-bar.c or foo-bar.h includes
    foo-private.h (a file of unit foo-bar includes it, after grouping)."""
    includes = {}   # own unit -> names of the private headers it includes
    for path, text in texts.items():
        for target in INCLUDE.findall(text):
            found = resolve(path, target)
            if found is not None and found.endswith('-private.h'):
                includes.setdefault(own_unit(path), set()).add(own_unit(found))
    for base in sorted({own_unit(p) for p in texts}):
        unit = base
        # The longest prefix foo of base whose private header base includes.
        for prefix in sorted(includes.get(base, ()), key=len, reverse=True):
            if prefix != base and base.startswith(prefix + '-'):
                unit = prefix
                break
        UNITS[base] = unit
    # A chain (foo-bar-baz -> foo-bar -> foo) ends at its root.
    for base in UNITS:
        unit = UNITS[base]
        while UNITS.get(unit, unit) != unit:
            unit = UNITS[unit]
        UNITS[base] = unit


# Units that must not depend on the desktop's units.
SERVER_SIDE = ('hub', 'sim')
DESKTOP = ('store', 'sync', 'ui')


def layer_of(unit):
    if os.path.basename(unit) == 'main':
        return 3
    top = unit.split(os.sep)[0]
    for name, layer in LAYERS:
        if top == name:
            return layer
    return 3  # main.c


def sources():
    for root, _, files in os.walk(SRC):
        for name in sorted(files):
            if name.endswith(('.c', '.h')):
                yield os.path.join(root, name)


def resolve(path, target):
    for base in (os.path.dirname(path), SRC):
        candidate = os.path.normpath(os.path.join(base, target))
        if os.path.exists(candidate):
            return candidate
    return None


def main():
    texts = {}
    for path in sources():
        with open(path, encoding='utf-8') as f:
            texts[path] = f.read()

    group_units(texts)

    defined = {}
    for path, text in texts.items():
        if path.endswith('.c'):
            for name in DEFINITION.findall(text):
                defined.setdefault(name, unit_of(path))

    edges = {}        # unit -> {unit: why}
    upward = []
    for path, text in texts.items():
        unit = unit_of(path)
        for target in INCLUDE.findall(text):
            found = resolve(path, target)
            if found is None:
                continue
            other = unit_of(found)
            if other == unit:
                continue
            edges.setdefault(unit, {}).setdefault(other, f'{os.path.relpath(path, SRC)} includes {target}')
            if layer_of(other) > layer_of(unit):
                upward.append(f'{os.path.relpath(path, SRC)} includes {target} (a layer up)')
        if path.endswith('.c'):
            code = STRING.sub('""', COMMENT.sub('', text))
            for name in set(CALL.findall(code)):
                other = defined.get(name)
                if other is None or other == unit:
                    continue
                edges.setdefault(unit, {}).setdefault(other, f'{os.path.relpath(path, SRC)} calls {name}()')

    # Circles: strongly connected components of more than one unit (Tarjan).
    index, low, stack, on_stack, circles = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    units = sorted({unit_of(p) for p in texts})
    for u in units:
        if u not in index:
            visit(u)

    desktop = []
    for unit in units:
        if unit.split(os.sep)[0] not in SERVER_SIDE:
            continue
        for other, why in sorted(edges.get(unit, {}).items()):
            if other.split(os.sep)[0] in DESKTOP:
                desktop.append(why)

    print('1..3')
    if circles:
        print('not ok 1 - no circles between units')
        for component in circles:
            members = set(component)
            print(f'#   circle: {" <-> ".join(component)}')
            for a in component:
                for b, why in sorted(edges.get(a, {}).items()):
                    if b in members:
                        print(f'#     {why}')
    else:
        print(f'ok 1 - no circles between units ({len(units)} units)')
    if upward:
        print('not ok 2 - no include points up a layer')
        for line in sorted(upward):
            print(f'#   {line}')
    else:
        print('ok 2 - no include points up a layer')
    if desktop:
        print("not ok 3 - the hub, its platforms and the simulator never use the desktop's store, sync or UI")
        for line in sorted(desktop):
            print(f'#   {line}')
    else:
        print("ok 3 - the hub, its platforms and the simulator never use the desktop's store, sync or UI")
    return 1 if circles or upward or desktop else 0


if __name__ == '__main__':
    sys.exit(main())
