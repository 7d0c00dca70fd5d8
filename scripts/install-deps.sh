#!/usr/bin/env bash
# Installs the Debian packages Envboard needs beyond a JDK 17+ and Maven: the Docker engine and
# tools for the sandbox pool, the libraries JavaFX needs to open a window, and Xvfb for
# screenshots. Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail

packages=(
    # the sandbox: real engines, each in its own network namespace, with SSH and TLS
    docker.io containerd runc busybox-static openssh-server openssh-client openssl
    iproute2 iptables util-linux procps
    # JavaFX: the GTK glass toolkit, GL, fonts
    libgtk-3-0 libgl1 libxtst6 libxxf86vm1 libfreetype6 libfontconfig1 fonts-dejavu-core
    # looking at the window without a desktop
    xvfb imagemagick
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 2; }
    sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update -qq
# No service is started: the sandbox runs its own engines (policy-rc.d is honoured by invoke-rc.d).
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
