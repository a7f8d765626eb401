#!/bin/sh
# Builds DKIM Inspector (release) and opens the GUI on the bundled sample evidence with its keys.
# As root it first installs what is missing (Debian 12). Without a display it runs under Xvfb.
set -eu
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ]; then
    ./scripts/install-deps.sh
fi

cmake --preset release
cmake --build --preset release

set -- build/release/app/dkim-inspector --keys resources/samples/keys.zone resources/samples/ "$@"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$@"
fi

echo "run-gui: no DISPLAY or WAYLAND_DISPLAY: starting DKIM Inspector under xvfb-run (a virtual screen)."
echo "run-gui: nothing will appear on this terminal. To see the window, run this script in a desktop session,"
echo "run-gui: use 'ssh -X', or take a picture of it with: $0 --screenshot /tmp/dkim-inspector.png"
exec xvfb-run -a -s "-screen 0 1600x1000x24" "$@"
