#!/usr/bin/env bash
# with-two-monitors.sh CMD [ARGS...]: runs CMD on a private X server with two monitors side by side
# (1600x1000 at 0,0 and 1920x1080 at 1600,0), then stops the server; exits with CMD's code.
#
# Why Xorg with the dummy driver: GLFW 3.3 counts monitors from the RandR outputs that have a CRTC,
# and Xvfb has a single output whatever -screen/+xinerama says. The dummy driver
# (xserver-xorg-video-dummy 0.4) makes 16 RandR outputs DUMMY0..15; only DUMMY0 is connected at start,
# the others connect once xrandr gives them a mode. Mesa draws OpenGL through the server's GLX
# (DRI software rasteriser), as under Xvfb.
#
# Exit 77 (skipped) when Xorg, the dummy driver or xrandr is missing (scripts/install-deps.sh
# installs them), or when not run as root (Xorg takes a -config path only from root); under CI=true
# that is a failure instead. A server that does not come up with two monitors is a failure (1).
set -uo pipefail

[ $# -ge 1 ] || { echo "usage: with-two-monitors.sh CMD [ARGS...]" >&2; exit 2; }

skip() {
  echo "with-two-monitors: $1" >&2
  if [ "${CI:-}" = "true" ]; then echo "with-two-monitors: CI must run this test: failing" >&2; exit 1; fi
  exit 77
}

XORG=$(command -v Xorg || true)
DUMMY_DRV=""
for d in /usr/lib/xorg/modules/drivers /usr/lib64/xorg/modules/drivers /usr/lib/x86_64-linux-gnu/xorg/modules/drivers; do
  [ -f "$d/dummy_drv.so" ] && DUMMY_DRV="$d/dummy_drv.so" && break
done
[ -n "$XORG" ] || skip "Xorg is not installed (xserver-xorg-core; run scripts/install-deps.sh): skipped"
[ -n "$DUMMY_DRV" ] || skip "the Xorg dummy driver is not installed (xserver-xorg-video-dummy): skipped"
command -v xrandr >/dev/null || skip "xrandr is not installed (x11-xserver-utils): skipped"
[ "$(id -u)" -eq 0 ] || skip "Xorg with a private config needs root here: skipped"

work=$(mktemp -d /tmp/pc-two-monitors.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The modes both outputs may take (CVT timings); the virtual screen holds both side by side.
cat > "$work/xorg.conf" <<'EOF'
Section "ServerFlags"
  Option "AutoAddDevices" "false"
  Option "AutoEnableDevices" "false"
  Option "DontVTSwitch" "true"
EndSection
Section "Device"
  Identifier "dummy"
  Driver "dummy"
  VideoRam 65536
EndSection
Section "Monitor"
  Identifier "monitor"
  HorizSync 5.0-1000.0
  VertRefresh 5.0-200.0
  Modeline "1600x1000" 133.25 1600 1704 1872 2144 1000 1003 1009 1038 -hsync +vsync
  Modeline "1920x1080" 173.00 1920 2048 2248 2576 1080 1083 1088 1120 -hsync +vsync
EndSection
Section "Screen"
  Identifier "screen"
  Device "dummy"
  Monitor "monitor"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Modes "1600x1000" "1920x1080"
    Virtual 3520 1080
  EndSubSection
EndSection
EOF

fail() {
  echo "with-two-monitors: $1" >&2
  [ -f "$work/Xorg.log" ] && grep -E '\(EE\)' "$work/Xorg.log" | sed 's/^/  Xorg: /' >&2
  exit 1
}

# -displayfd: the server picks a free display number itself and writes it once it accepts clients.
exec 3> "$work/display"
"$XORG" -displayfd 3 -config "$work/xorg.conf" -logfile "$work/Xorg.log" -noreset -nolisten tcp \
  -novtswitch >"$work/Xorg.out" 2>&1 &
server_pid=$!
exec 3>&-
# Should this script be killed outright (a test timeout), the server goes too.
( trap '' INT TERM; while kill -0 $$ 2>/dev/null; do sleep 1; done; kill "$server_pid" 2>/dev/null ) >/dev/null 2>&1 &
for _ in $(seq 100); do
  [ -s "$work/display" ] && break
  kill -0 "$server_pid" 2>/dev/null || fail "Xorg exited at start (log: $(tail -n 3 "$work/Xorg.out" | tr '\n' ' '))"
  sleep 0.1
done
[ -s "$work/display" ] || fail "Xorg did not come up within 10 s"
export DISPLAY=":$(head -n 1 "$work/display")"

# The second output connects once it has a mode.
xrandr --output DUMMY0 --mode 1600x1000 --pos 0x0 --primary || fail "xrandr could not set DUMMY0"
xrandr --addmode DUMMY1 1920x1080 || fail "xrandr could not give DUMMY1 a mode"
xrandr --output DUMMY1 --mode 1920x1080 --pos 1600x0 || fail "xrandr could not enable DUMMY1"
monitors=$(xrandr --listmonitors | head -n 1)
[ "$monitors" = "Monitors: 2" ] || fail "expected two monitors, xrandr says: $monitors"
echo "with-two-monitors: DISPLAY=$DISPLAY, $(xrandr --listmonitors | tail -n +2 | awk '{print $3}' | tr '\n' ' ')" >&2

"$@"
rc=$?
exit $rc
