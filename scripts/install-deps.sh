#!/bin/sh
# Installs everything DKIM Inspector needs to build, test and run on Debian 12 (bookworm).
# Run as root. Safe to run repeatedly: apt skips what is already installed.
set -eu

PKGS="build-essential cmake ninja-build pkg-config git ca-certificates
qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev
libqt6sql6-sqlite libqt6svg6 libgl-dev libqt6opengl6-dev qt6-qpa-plugins
libgmime-3.0-dev libssl-dev libunbound-dev libsqlite3-dev libpsl-dev publicsuffix dns-root-data unbound ldnsutils
python3 python3-dkim python3-authres python3-nacl libmail-dkim-perl opendkim-tools libopendkim-dev
clang libclang-rt-14-dev
xvfb xauth fonts-dejavu-core"

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    echo "install-deps: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086
    apt-get install -y -q --no-install-recommends $missing
else
    echo "install-deps: all packages present"
fi
