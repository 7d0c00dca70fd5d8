#!/usr/bin/env bash
# Builds Envboard's native installer with jpackage, from a built checkout (mvn package):
#
#   packaging/build.sh [--type deb|rpm|msi|dmg|app-image] [--fast]
#
# The type defaults to the system's own: deb on Debian and Ubuntu (rpm where only rpmbuild is
# there), msi on Windows (WiX), dmg on macOS. --fast compresses a .deb with zstd instead of xz
# (seconds instead of a minute, about 15 % bigger; dpkg 1.21.18 or newer reads it): for CI.
#
# The steps, in target/package/:
#   1. input/    the jars of target/lib and the app's jar, and JavaFX's native libraries taken
#                out of its jar and put beside it, so they load from the installed files
#                instead of being unpacked into ~/.openjfx/cache;
#   2. runtime/  a jlink runtime with only the JDK modules the jars use (jdeps), plus the
#                providers jdeps cannot see, with a CDS archive of the JDK's classes;
#   3. image/    jpackage --type app-image: runtime/ in lib/runtime, input/ in lib/app;
#   4.           post-processing of the image: the repository's envboard script becomes the
#                launcher (Linux), so a checkout and the package start the same way;
#   5. target/   jpackage --type TYPE --app-image image/...: the installer.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

die() {
    echo "packaging/build.sh: $*" >&2
    exit 2
}

type=
fast=false
while (($#)); do
    case $1 in
        --type) type=${2:?--type needs deb, rpm, msi, dmg or app-image}; shift 2 ;;
        --type=*) type=${1#--type=}; shift ;;
        --fast) fast=true; shift ;;
        -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
done

case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=mac ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) os=windows ;;
    *) die "unsupported system $(uname -s)" ;;
esac
if [[ -z $type ]]; then
    case $os in
        linux) if command -v dpkg-deb >/dev/null || ! command -v rpmbuild >/dev/null; then type=deb; else type=rpm; fi ;;
        mac) type=dmg ;;
        windows) type=msi ;;
    esac
fi
case $os/$type in
    */app-image | linux/deb | linux/rpm | mac/dmg | mac/pkg | windows/msi | windows/exe) ;;
    *) die "a .$type cannot be built on $os (jpackage builds the installers of the system it runs on)" ;;
esac
# What jpackage needs besides the JDK, said before a minute of jlink.
need() {
    command -v "$1" >/dev/null || die "--type $type needs $1, which is not installed ($2)"
}
case $type in
    deb) need dpkg-deb "Debian: apt-get install dpkg"; need fakeroot "Debian: apt-get install fakeroot" ;;
    rpm) need rpmbuild "Fedora, RHEL: dnf install rpm-build; Debian, Ubuntu: apt-get install rpm" ;;
    msi | exe) command -v candle.exe >/dev/null || command -v candle >/dev/null || command -v wix >/dev/null \
                   || die "--type $type needs the WiX Toolset on PATH (https://wixtoolset.org)" ;;
esac

# The JDK's tools: JAVA_HOME's, else those on PATH. Its jlink links its own modules, so the
# runtime is that JDK's version (17 or newer).
jdk_tool() {
    local tool=$1
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/$tool ]]; then
        echo "$JAVA_HOME/bin/$tool"
    elif command -v "$tool" >/dev/null; then
        command -v "$tool"
    else
        die "$tool not found: a full JDK 17 or newer is needed (Debian: openjdk-17-jdk-headless), or set JAVA_HOME"
    fi
}
jdeps=$(jdk_tool jdeps)
jlink=$(jdk_tool jlink)
jpackage=$(jdk_tool jpackage)

jar=$(ls target/envboard-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)
[[ -n $jar && -d target/lib ]] || die "not built yet: run mvn -q package -DskipTests first"
version=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Implementation-Version: //p')
[[ -n $version ]] || die "$jar has no Implementation-Version in its manifest"
# Installers want a plain number (a .msi x.y.z): 0.2.0-SNAPSHOT is packaged as 0.2.0.
app_version=${version%%-*}

out=target/package
rm -rf "$out"
mkdir -p "$out/input" "$out/resources" "$out/image"
started=$SECONDS

# 1. The app's files. JavaFX's jars for this system carry a classifier (linux, win, mac...); the
#    ones without are empty and stay out. Its native libraries go beside its jar: NativeLibLoader
#    loads them from there first (on Windows it looks in ../bin, then java.library.path).
fx_jars=()
for file in target/lib/*.jar; do
    name=$(basename "$file")
    if [[ $name == javafx-* ]]; then
        [[ $name =~ ^javafx-[a-z]+-[0-9.]+-[a-z0-9-]+\.jar$ ]] || continue
        fx_jars+=("$name")
    fi
    cp "$file" "$out/input/"
done
cp "$jar" "$out/input/"
((${#fx_jars[@]} > 0)) || die "no JavaFX jar for this system in target/lib"
graphics=$(printf '%s\n' "${fx_jars[@]}" | grep '^javafx-graphics-')
unzip -q -j -o "$out/input/$graphics" '*.so' '*.dll' '*.dylib' -d "$out/input" 2>/dev/null || true
ls "$out/input" | grep -q -E '\.(so|dll|dylib)$' || die "no native library found in $graphics"

# 2. The runtime. jdeps follows the app's jar through the class path, JavaFX included (which
#    needs java.desktop, java.xml, jdk.unsupported). It reads the modular jars as plain jars
#    that way, so their module-info cannot send it looking for modules elsewhere. Should it fail
#    (a jar it cannot read), the checked list in packaging/jdk-modules.txt is used, and said.
# jdk.crypto.ec: the SunEC provider, loaded by name for TLS to the engines and SSH key exchange,
# which no class refers to, so jdeps cannot see it.
providers=jdk.crypto.ec
release=$("$jlink" --version)
release=${release%%.*}
if modules=$("$jdeps" --multi-release "$release" --ignore-missing-deps --print-module-deps -R --class-path "target/lib/*" "$jar" 2>"$out/jdeps.log") \
        && [[ $modules =~ ^[a-z.,]+$ ]]; then
    echo "packaging: JDK modules (jdeps): $modules,$providers"
else
    modules=$(grep -v '^#' packaging/jdk-modules.txt | paste -sd, -)
    echo "packaging: jdeps failed (see $out/jdeps.log); the checked list packaging/jdk-modules.txt: $modules,$providers" >&2
fi
modules="$modules,$providers"
cds=()
# The JDK's default CDS archive for this runtime (JDK 17's jlink makes it where the VM supports it).
"$jlink" --list-plugins | grep -q -- '--generate-cds-archive' && cds=(--generate-cds-archive)
"$jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages "${cds[@]}" \
    --output "$out/runtime" >"$out/jlink.log"
# The second CDS archive serves only heaps over 32 GB (no compressed oops): 11 MB nobody here uses.
rm -f "$out/runtime/lib/server/classes_nocoops.jsa"
echo "packaging: runtime $(du -sh "$out/runtime" | cut -f1) in $((SECONDS - started)) s"

# 3. The app image. Its native launcher gets the JVM options the envboard script gives
#    (JavaFX on the module path, the exports our controls use): on Windows and macOS it is the
#    launcher; on Linux the script replaces it in step 4.
sep=:
[[ $os == windows ]] && sep=';'
module_path=$(printf "\$APPDIR/%s$sep" "${fx_jars[@]}")
module_path=${module_path%"$sep"}
java_options=(
    --module-path "$module_path" --add-modules javafx.controls
    --add-exports javafx.base/com.sun.javafx.event=ALL-UNNAMED
    --add-exports javafx.controls/com.sun.javafx.scene.control=ALL-UNNAMED
    --add-exports javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED
    --add-exports javafx.graphics/com.sun.javafx.scene=ALL-UNNAMED
    --add-exports javafx.graphics/com.sun.javafx.css=ALL-UNNAMED
    --add-exports javafx.graphics/com.sun.glass.ui=ALL-UNNAMED
    --add-opens javafx.controls/javafx.scene.control.skin=ALL-UNNAMED
)
launcher_options=()
for option in "${java_options[@]}"; do
    launcher_options+=(--java-options "$option")
done

description="Desktop dashboard for pools of Docker hosts split into environments"
vendor=Envboard
common=(--app-version "$app_version" --vendor "$vendor" --description "$description")
case $os in
    linux) name=envboard; icon=icons/envboard-256.png ;;
    mac) name=Envboard; icon=icons/envboard.icns ;;
    windows) name=Envboard; icon=icons/envboard.ico ;;
esac
image_options=()
if [[ $os == windows ]]; then
    # The window's launcher opens no console; envboard-cli.exe is the one for the commands.
    image_options+=(--add-launcher envboard-cli=packaging/windows/envboard-cli.properties)
fi
if [[ $os == mac ]]; then
    image_options+=(--mac-package-identifier dev.envboard --mac-package-name Envboard)
fi
"$jpackage" --type app-image --name "$name" --dest "$out/image" "${common[@]}" \
    --runtime-image "$out/runtime" --input "$out/input" \
    --main-jar "$(basename "$jar")" --main-class dev.envboard.Main \
    --icon "$icon" "${launcher_options[@]}" "${image_options[@]}"
case $os in
    mac) image=$out/image/$name.app ;;
    *) image=$out/image/$name ;;
esac

# 4. Post-processing. On Linux the repository's envboard script is the launcher (bin/envboard;
#    it finds lib/runtime and lib/app), and the menu entry and the icons in every size wait in
#    lib/ for the package to hand them to the desktop (postinst, or the .rpm's own files).
icon_sizes=$(ls icons/envboard-*.png | sed -n 's/.*envboard-\([0-9]*\)\.png$/\1/p' | sort -n | paste -sd' ' -)
if [[ $os == linux ]]; then
    rm -f "$image/bin/$name" "$image/lib/app/$name.cfg" "$image/lib/libapplauncher.so"
    install -m 755 envboard "$image/bin/envboard"
    install -m 644 packaging/envboard.desktop "$image/lib/envboard.desktop"
    mkdir -p "$image/lib/icons"
    cp icons/envboard-*.png "$image/lib/icons/"
fi
echo "packaging: app image $image ($(du -sh "$image" | cut -f1)) in $((SECONDS - started)) s"
[[ $type == app-image ]] && exit 0

# 5. The installer, from the image (jpackage's two-step flow).
install_dir=/opt/envboard
package_options=()
case $type in
    deb | rpm)
        # jpackage takes these from --resource-dir by name: scripts (a spec) that also give the
        # desktop the envboard command on PATH, the menu entry and the icons.
        for template in packaging/linux/postinst packaging/linux/prerm packaging/linux/envboard.spec; do
            sed -e "s|@INSTALL_DIR@|$install_dir|g" -e "s|@ICON_SIZES@|$icon_sizes|g" "$template" \
                >"$out/resources/$(basename "$template")"
        done
        package_options+=(--resource-dir "$out/resources" --install-dir "$(dirname "$install_dir")"
            --linux-package-name envboard --linux-app-category admin)
        if [[ $type == deb ]]; then
            # The project has no contact address yet: ENVBOARD_MAINTAINER_EMAIL sets the .deb's.
            # xdg-utils: postinst's xdg-icon-resource.
            package_options+=(--linux-deb-maintainer "${ENVBOARD_MAINTAINER_EMAIL:-envboard@example.org}"
                --linux-package-deps xdg-utils)
        else
            package_options+=(--linux-rpm-license-type "${ENVBOARD_LICENSE_TYPE:-Unspecified}")
        fi
        ;;
    msi | exe)
        # A fixed upgrade code: a newer .msi replaces the installed version instead of sitting beside it.
        package_options+=(--win-menu --win-menu-group Envboard --win-shortcut --win-dir-chooser
            --win-upgrade-uuid edfa215a-6ac4-4138-b0ea-371e293f2f1d)
        ;;
    dmg | pkg)
        package_options+=(--mac-package-identifier dev.envboard --mac-package-name Envboard)
        ;;
esac
# No license is declared yet; a LICENSE file at the top is shipped with the package once there is one.
[[ -f LICENSE ]] && package_options+=(--license-file LICENSE)

if [[ $type == deb ]] && $fast; then
    if dpkg-deb --help | grep -q zstd; then
        export DPKG_DEB_COMPRESSOR_TYPE=zstd DPKG_DEB_COMPRESSOR_LEVEL=3
    else
        export DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=1
    fi
fi
rm -f target/*."$type"
"$jpackage" --type "$type" --app-image "$image" --name "$name" --dest target "${common[@]}" \
    "${package_options[@]}"
package=$(ls target/*."$type" | head -n 1)
echo "packaging: $package ($(du -h "$package" | cut -f1)) in $((SECONDS - started)) s"
