#!/usr/bin/env bash
# Removes what install.sh installed: stops and disables the service, deletes the unit (and its low-port
# drop-in) and /opt/nodeagent. The machine configuration (/etc/nodeagent) and the data (/var/lib/nodeagent:
# the spool, the pseudonymised store, the index) are kept, so a reinstall carries on where this one stopped,
# unless --purge is given: then they and the user nodeagent are deleted too. --root DIR works as in install.sh.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: sudo installer/linux/uninstall.sh [--purge] [--root DIR]
  --purge     also delete /etc/nodeagent, /var/lib/nodeagent (all received data) and the user nodeagent
  --root DIR  uninstall from under DIR instead of /
EOF
}

say() { echo "uninstall.sh: $*"; }
die() { echo "uninstall.sh: error: $*" >&2; exit 1; }

ROOT="" PURGE=""
while (($# > 0)); do
    case "$1" in
        --purge) PURGE=1; shift ;;
        --root) (($# >= 2)) || die "--root needs a value"; ROOT="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
if [[ -n "$ROOT" ]]; then
    ROOT="$(realpath -m "$ROOT")"
    [[ "$ROOT" != "/" ]] || ROOT=""
fi
[[ "$(id -u)" -eq 0 || -n "$ROOT" ]] || die "run as root (sudo), or with --root DIR"
if [[ -z "$ROOT" ]] && dpkg-query -W -f='${Status}' nodeagent 2>/dev/null | grep -q 'ok installed'; then
    die "the nodeagent .deb is installed; remove it with apt remove (or apt purge) instead"
fi

UNITS="$ROOT/etc/systemd/system"
if [[ -e "$UNITS/nodeagent.service" ]] && command -v systemctl >/dev/null; then
    if [[ -z "$ROOT" && -d /run/systemd/system ]]; then
        systemctl stop nodeagent.service || true
        systemctl --quiet disable nodeagent.service || true
    elif [[ -n "$ROOT" ]]; then
        systemctl --root="$ROOT" --quiet disable nodeagent.service || true
    else
        systemctl --quiet disable nodeagent.service || true
        say "systemd is not running here: nothing to stop"
    fi
fi
rm -f "$UNITS/nodeagent.service" "$UNITS/nodeagent.service.d/low-port.conf"
rmdir "$UNITS/nodeagent.service.d" 2>/dev/null || true
if [[ -z "$ROOT" && -d /run/systemd/system ]]; then
    systemctl daemon-reload
fi
rm -rf "$ROOT/opt/nodeagent" "$ROOT/opt/nodeagent.new" "$ROOT/opt/nodeagent.old"
say "removed the service and $ROOT/opt/nodeagent"

if [[ -z "$PURGE" ]]; then
    say "kept $ROOT/etc/nodeagent and $ROOT/var/lib/nodeagent; uninstall.sh --purge deletes them"
    exit 0
fi
rm -rf "$ROOT/etc/nodeagent" "$ROOT/var/lib/nodeagent"
if [[ -z "$ROOT" ]]; then
    if getent passwd nodeagent >/dev/null; then userdel nodeagent; fi
    if getent group nodeagent >/dev/null; then groupdel nodeagent; fi
elif [[ "$(id -u)" -eq 0 ]]; then
    if grep -q '^nodeagent:' "$ROOT/etc/passwd" 2>/dev/null; then userdel --prefix "$ROOT" nodeagent; fi
    if grep -q '^nodeagent:' "$ROOT/etc/group" 2>/dev/null; then groupdel --prefix "$ROOT" nodeagent; fi
fi
say "purged $ROOT/etc/nodeagent, $ROOT/var/lib/nodeagent and the user nodeagent"
