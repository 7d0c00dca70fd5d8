#!/usr/bin/env bash
# Builds a self-contained app image (JDK runtime included) with jpackage, from a built checkout:
#   mvn -q package -DskipTests && packaging/app-image.sh   ->   target/dist/Envboard/bin/Envboard
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
jar="$(basename "$(ls target/envboard-*.jar | head -n 1)")"
rm -rf target/dist target/package-input
mkdir -p target/package-input
cp target/lib/*.jar "target/$jar" target/package-input/
jpackage --type app-image --name Envboard --dest target/dist \
    --input target/package-input --main-jar "$jar" --main-class dev.envboard.Main \
    --icon icons/envboard.png --java-options "-Denvboard.home=\$APPDIR"
echo "built target/dist/Envboard (run target/dist/Envboard/bin/Envboard)"
