#!/usr/bin/env bash
# Installs the Debian 12 packages PetaCerdas builds, tests and runs with. Idempotent: asks apt only
# for what is missing. Needs root (or sudo).
set -euo pipefail
packages=(
  build-essential cmake pkg-config git ca-certificates
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin nettle-dev   # the core (Nettle: SHA-256 of the inputs)
  libsqlite3-dev zlib1g-dev                                           # the project file (SQLite), the XLSX workbook and .qgz (deflate)
  python3-gdal                                                        # tests: GDAL's validate_gpkg.py
  catch2                                                              # tests
  libimgui-dev libglfw3-dev libgl-dev libegl-dev libgl1-mesa-dri      # the map application
  libopengl-dev libegl-mesa0 xvfb xauth fonts-noto-core               # libOpenGL (GLVND, with EGL); virtual display, fonts
  libpng-dev weasyprint poppler-utils                                 # map PNGs; report PDF; its tests read PDFs
  xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils        # two monitors for the presenter-view test
  libxtst-dev                                                         # window tests: real pointer events (XTEST)
  libglpk-dev                                                         # tests: exact optimum of site suggestion (integer program)
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
