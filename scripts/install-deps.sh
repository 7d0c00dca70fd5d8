#!/usr/bin/env bash
# Installs the Debian packages Envboard needs beyond a JDK 17+ and Maven: the Docker engine and
# tools for the sandbox pool, the libraries JavaFX needs to open a window, Xvfb for screenshots,
# what packaging/build.sh needs to build the .deb (and the .deb to install),
# and Node.js for HashiCorp's Consul API double, whose npm packages it then installs, pinned by
# tools/consul-double/package-lock.json, into tools/consul-double/node_modules.
# Idempotent: installs only what is missing or stale. Needs root (or sudo) for the packages.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

packages=(
    # the sandbox: real engines, each in its own network namespace, with SSH and TLS
    docker.io containerd runc busybox-static openssh-server openssh-client openssl
    iproute2 iptables util-linux procps
    # the sandbox's private registry (Distribution 2.8) and its bcrypt htpasswd file
    docker-registry apache2-utils
    # JavaFX: the GTK glass toolkit, GL, fonts
    libgtk-3-0 libgl1 libxtst6 libxxf86vm1 libfreetype6 libfontconfig1 fonts-dejavu-core
    # looking at the window without a desktop
    xvfb imagemagick
    # scripts/bench.sh health: the plain tool it compares with
    curl
    # packaging/build.sh: jpackage builds the .deb under fakeroot, jlink strips native symbols
    # with objcopy; the installed .deb puts its icons in the theme with xdg-icon-resource
    fakeroot binutils xdg-utils
)
# Node.js and npm only when their commands are missing: a NodeSource nodejs bundles npm, and
# Debian's npm package would conflict with it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    packages+=(nodejs npm)
fi

install_packages() {
    local package missing=() sudo=()
    for package in "${packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if ((${#missing[@]} == 0)); then
        echo "install-deps: all ${#packages[@]} packages present"
        return 0
    fi
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 2; }
        sudo=(sudo)
    fi
    echo "install-deps: installing ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    # No service is started: the sandbox runs its own engines (policy-rc.d is honoured by invoke-rc.d).
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# HashiCorp's Consul API double for the tests and the sandbox (tools/consul-double/README.md).
# `npm ci` installs exactly the lock file's versions; it runs again only when package.json or
# the lock file differ from what the last install recorded.
install_consul_double() {
    local dir=tools/consul-double want
    local stamp=$dir/node_modules/.installed-from
    want=$(cat "$dir/package.json" "$dir/package-lock.json" | sha256sum | cut -d' ' -f1)
    if [[ -f $stamp && $(cat "$stamp") == "$want" ]]; then
        echo "install-deps: Consul API double present"
        return 0
    fi
    echo "install-deps: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    echo "$want" >"$stamp"
}

install_packages
install_consul_double
echo "install-deps: done"
