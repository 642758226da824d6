#!/bin/bash
# Take the main-window screenshots used by the AppStream metainfo:
# data/screenshots/{zh_CN,zh_TW}-{light,dark}.png, from the real app with its
# demo shops, under Xvfb. Not a test: run by hand, then look at the images.
#
#   tests/data/screenshots.sh            # builds into _build-screenshots
#
# Needs xvfb-run, xdotool and imagemagick (import, convert). Uses the demo
# simulator's fixed port (47370): nothing else may be using it.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
build=$src/_build-screenshots
prefix=$build/prefix
out=$src/data/screenshots

if [ ! -d "$build" ]; then
  meson setup "$build" "$src" --prefix="$prefix" -Dtests=false
fi
meson install -C "$build" --quiet

shoot () {
  local lang=$1 scheme=$2 file=$3
  local home
  home=$(mktemp -d)

  env -u LC_ALL \
    XDG_DATA_DIRS="$prefix/share:/usr/share" \
    GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas" \
    GSETTINGS_BACKEND=memory \
    LANG=C.UTF-8 LANGUAGE="$lang" PANGO_LANGUAGE="$(echo "$lang" | tr 'A-Z_' 'a-z-')" \
    ADW_DEBUG_COLOR_SCHEME="$scheme" \
    NO_AT_BRIDGE=1 SHOUHOU_SECRET_BACKEND=memory \
    SHOUHOU_SIM="$prefix/bin/shouhou-sim" \
    HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    xvfb-run -a -s '-screen 0 1400x900x24' bash -c '
      "$1/bin/shouhou" --demo >/dev/null 2>&1 &
      pid=$!
      sleep 12                                # demo shops start and first sync ends
      xdotool mousemove 700 245 click 1       # open the fourth request in the detail pane
      sleep 2
      xdotool mousemove 1390 890              # no hover highlight in the picture
      sleep 1
      import -window root "$2.raw.png"
      kill "$pid"
      wait "$pid" 2>/dev/null || true
    ' _ "$prefix" "$file"
  # Trim the black root window around the app window.
  convert "$file.raw.png" -bordercolor black -border 1 -fuzz 2% -trim +repage "$file"
  rm -f "$file.raw.png"
  rm -rf "$home"
}

for lang in zh_CN zh_TW; do
  shoot "$lang" prefer-light "$out/$lang-light.png"
  shoot "$lang" prefer-dark "$out/$lang-dark.png"
done
ls -l "$out"/zh_??-light.png "$out"/zh_??-dark.png
