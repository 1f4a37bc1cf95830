#!/usr/bin/env bash
# The main job on the embedded demo: installs, builds, then opens the map application on the demo
# district when a display exists, or runs the command-line analysis of the demo when none does.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
out=${PC_DEMO_OUT:-out/demo}
./build/app/cli/petacerdas demo --out "$out"
if [ -n "${DISPLAY:-}" ] && [ -x build/app/gui/petacerdas-gui ] && [ "${PC_NO_GUI:-0}" != 1 ]; then
  exec ./build/app/gui/petacerdas-gui "$out/demo.gpkg"
fi
./build/app/cli/petacerdas analyze "$out/demo.gpkg" --out "$out/analysis"
