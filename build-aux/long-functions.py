#!/usr/bin/env python3
"""Functions over N lines in the .c files under SRC (GNU style: the name at
column 0, the body between a '{' and a '}' at column 0). A function's length
runs from its name's line to its closing brace. Usage: long_functions.py ROOT [N]"""
import os, re, sys
root = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 80
NAME = re.compile(r'^([A-Za-z_][A-Za-z0-9_]*)\s*\(')
found = []
for d, _, files in os.walk(os.path.join(root, 'src')):
    if os.path.relpath(d, root).split(os.sep)[:2] == ['src', 'sim']:
        continue
    for f in files:
        if not f.endswith('.c'):
            continue
        path = os.path.join(d, f)
        lines = open(path, encoding='utf-8').read().split('\n')
        name, start, in_body = None, None, False
        for i, line in enumerate(lines):
            m = NAME.match(line)
            if not in_body and m and m.group(1) not in ('if', 'for', 'while', 'switch', 'return', 'sizeof'):
                name, start = m.group(1), i
            elif line.startswith('{') and name is not None:
                in_body = True
            elif line.startswith('}') and in_body:
                n = i - start + 1
                if n > limit:
                    found.append((n, os.path.relpath(path, root), name))
                name, in_body = None, False
            elif not in_body and line.strip().endswith(';') and not line.startswith(' '):
                name = None
for n, path, name in sorted(found, reverse=True):
    print(f'{n:5} {path} {name}')
print(f'{len(found)} functions over {limit} lines')
