#!/usr/bin/env bash
# Installs, builds and runs every test (unit, real-data, CLI and GUI-under-Xvfb). Real-data tests read
# ../shared/data and skip with a message where it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
# GUI tests need a display: give the whole run a virtual one when there is none.
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" ctest --output-on-failure -j"$(nproc)"
fi
exec ctest --output-on-failure -j"$(nproc)"
