#!/usr/bin/env bash
# Renders the application icon for the window and the installers; the results are committed, so
# only a changed SVG needs this. Needs rsvg-convert (librsvg2-bin), ImageMagick's convert (for the
# .ico and the contact sheet) and png2icns (icnsutils, for the .icns).
#   icons/render.sh                  envboard-NN.png (16..512), envboard.ico, envboard.icns
#   icons/render.sh --sheet OUT.png  also every size on a light, a mid-grey and a dark panel, to look at
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"

sizes=(16 24 32 48 64 128 256 512)
for size in "${sizes[@]}"; do
    # The big drawing turns to mush below 32 px: 16 and 24 come from the pixel-grid one.
    source=envboard.svg
    ((size <= 24)) && source=envboard-16.svg
    rsvg-convert -w "$size" -h "$size" "$source" -o "envboard-$size.png"
done
# Windows wants one .ico with the small sizes (256 is its largest); macOS an .icns (png2icns
# takes 16, 32, 48, 128, 256 and 512).
convert envboard-{16,24,32,48,64,128,256}.png envboard.ico
png2icns envboard.icns envboard-{16,32,48,128,256,512}.png >/dev/null
echo "icons: envboard-{$(IFS=,; echo "${sizes[*]}")}.png, envboard.ico, envboard.icns"

if [[ ${1:-} == --sheet ]]; then
    out=$(readlink -f "${2:?--sheet needs an output file}")
    rows=()
    for panel in '#ffffff' '#808080' '#2d2d2d'; do
        tiles=()
        for size in "${sizes[@]}"; do
            tiles+=(\( "envboard-$size.png" -background "$panel" -flatten -gravity center -extent 540x540 \))
        done
        rows+=(\( "${tiles[@]}" +append \))
    done
    # and the small ones eight times as big, pixel for pixel, on light and dark
    for panel in '#ffffff' '#2d2d2d'; do
        tiles=()
        for size in 16 24 32 48; do
            tiles+=(\( "envboard-$size.png" -background "$panel" -flatten -filter point -resize 800% -gravity center -extent 540x540 \))
        done
        rows+=(\( "${tiles[@]}" +append \))
    done
    convert "${rows[@]}" -background '#999999' -append "$out"
    echo "icons: contact sheet $out"
fi
