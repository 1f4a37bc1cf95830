# Sourced by the QGIS tests: makes sure PyQGIS (Debian's qgis/python3-qgis, headless) can be imported.
# QGIS is not in scripts/install-deps.sh (installing it takes far more than 5 minutes): in CI
# (CI=true, root) it is installed here; elsewhere the test exits 77 (skipped) with a message.
# require_qgis NAME  (NAME: the test, for the message)
has_qgis() { QT_QPA_PLATFORM=offscreen /usr/bin/python3 -c "import qgis.core" >/dev/null 2>&1; }
require_qgis() {
    has_qgis && return 0
    if [ "${CI:-}" = "true" ] && [ "$(id -u)" -eq 0 ]; then
        echo "$1: installing qgis python3-qgis qgis-providers (CI)" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends qgis python3-qgis qgis-providers >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends qgis python3-qgis qgis-providers >/dev/null; }
    fi
    if ! has_qgis; then
        echo "SKIPPED: QGIS (python3-qgis) is not installed; install it with 'apt-get install -y --no-install-recommends qgis python3-qgis qgis-providers' or run with CI=true as root" >&2
        exit 77
    fi
}
