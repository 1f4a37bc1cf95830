# Sourced by the QGIS tests: a scratch folder $WORK (removed on exit), fail MESSAGE, and headless
# PyQGIS, or the test skips (exit 77).
# QGIS is not in scripts/install-deps.sh (a large install most users do not need): in CI (CI=true,
# root) the test installs it itself (Debian 12's qgis 3.22, about a minute); elsewhere it skips with
# a message. Defines run_pyqgis SCRIPT ARGS... (headless, HOME and runtime dir in $WORK).
WORK="$(mktemp -d "${TMPDIR:-/tmp}/pc_qgis_XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
has_qgis() { QT_QPA_PLATFORM=offscreen /usr/bin/python3 -c "import qgis.core, numpy" >/dev/null 2>&1; }
if ! has_qgis; then
    QGIS_PACKAGES="qgis python3-qgis qgis-providers python3-numpy"
    if [ "${CI:-}" = "true" ] && [ "$(id -u)" -eq 0 ]; then
        # Several QGIS tests may start at once: one installs, the others wait for dpkg's lock.
        echo "qgis test: installing $QGIS_PACKAGES (CI)" >&2
        for attempt in 1 2 3; do
            DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $QGIS_PACKAGES >/dev/null 2>&1 && break
            apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null 2>&1
        done
    fi
    if ! has_qgis; then
        echo "SKIPPED: QGIS (python3-qgis) is not installed; install it with 'apt-get install -y --no-install-recommends $QGIS_PACKAGES' or run with CI=true as root" >&2
        exit 77
    fi
fi
run_pyqgis() { (cd "$WORK" && QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR="$WORK" HOME="$WORK" /usr/bin/python3 "$@"); }
