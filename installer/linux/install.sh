#!/usr/bin/env bash
# Installs (or upgrades) NodeAgent as a systemd service, without a package manager:
#   /opt/nodeagent                 the self-contained linux-x64 publish, replaced on every run
#   /etc/nodeagent/appsettings.json  the machine configuration: a starter on first install, never overwritten
#   /var/lib/nodeagent             the data directory, owned by the system user nodeagent, mode 0700
#   /etc/systemd/system/nodeagent.service, plus nodeagent.service.d/low-port.conf when the port is below 1024
# Then it enables and (re)starts the service. Where systemd is not running (a container, CI) it says so and
# only enables it. With --root DIR every path above is under DIR and nothing on the machine is touched, which
# is how CI checks this script. Do not mix it with the .deb: use one or the other (see installer/README.md).
set -euo pipefail
umask 022

usage() {
    cat <<'EOF'
Usage: sudo installer/linux/install.sh [options]
  --publish-dir DIR  install this `dotnet publish -r linux-x64 --self-contained` folder
                     (default: publish src/NodeAgent from this checkout, which needs the .NET SDK)
  --port N           the DICOM port of a new machine configuration (default 11112, or the port of the
                     existing one); below 1024 the service gets CAP_NET_BIND_SERVICE
  --bind ADDRESS     BindAddress of a new machine configuration (default 127.0.0.1; 0.0.0.0 for a PACS)
  --root DIR         install under DIR instead of /; no service is started
EOF
}

say() { echo "install.sh: $*"; }
die() { echo "install.sh: error: $*" >&2; exit 1; }

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
ROOT="" PUBLISH_DIR="" PORT="" BIND="127.0.0.1"
while (($# > 0)); do
    case "$1" in
        --publish-dir|--port|--bind|--root)
            (($# >= 2)) || die "$1 needs a value"
            case "$1" in
                --publish-dir) PUBLISH_DIR="$2" ;;
                --port) PORT="$2" ;;
                --bind) BIND="$2" ;;
                --root) ROOT="$2" ;;
            esac
            shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

if [[ -n "$PORT" ]] && ! [[ "$PORT" =~ ^[0-9]{1,5}$ && "$PORT" -ge 1 && "$PORT" -le 65535 ]]; then
    die "--port must be a number from 1 to 65535, not '$PORT'"
fi
[[ "$BIND" =~ ^[0-9A-Fa-f.:]+$ ]] || die "--bind must be an IPv4 or IPv6 address, not '$BIND'"
if [[ -n "$ROOT" ]]; then
    ROOT="$(realpath -m "$ROOT")"
    [[ "$ROOT" != "/" ]] || ROOT=""
fi
IS_ROOT_USER=""
[[ "$(id -u)" -ne 0 ]] || IS_ROOT_USER=1
[[ -n "$IS_ROOT_USER" || -n "$ROOT" ]] || die "run as root (sudo), or with --root DIR"
if [[ -z "$ROOT" ]] && dpkg-query -W -f='${Status}' nodeagent 2>/dev/null | grep -q 'ok installed'; then
    die "the nodeagent .deb is installed; upgrade it with apt or dpkg instead"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
if [[ -z "$PUBLISH_DIR" ]]; then
    command -v dotnet >/dev/null || die "dotnet is not on PATH; install the .NET 10 SDK or pass --publish-dir"
    say "publishing src/NodeAgent (Release, linux-x64, self-contained); this takes a minute or two"
    # --artifacts-path keeps root-owned build output out of the checkout.
    dotnet publish "$REPO/src/NodeAgent/NodeAgent.csproj" -c Release -r linux-x64 --self-contained \
        -p:PublishDocumentationFiles=false --artifacts-path "$WORK/artifacts" -o "$WORK/publish" --nologo -v quiet
    PUBLISH_DIR="$WORK/publish"
fi
[[ -x "$PUBLISH_DIR/nodeagent" ]] || die "$PUBLISH_DIR/nodeagent is missing or not executable: not a linux-x64 publish"

# The service user: a system account without a login shell, whose home is the data directory.
HAVE_USER=""
if [[ -z "$IS_ROOT_USER" ]]; then
    say "not running as root: the user nodeagent is not created and file owners are left as they are"
elif [[ -z "$ROOT" ]]; then
    getent passwd nodeagent >/dev/null || useradd --system --user-group --home-dir /var/lib/nodeagent \
        --no-create-home --shell /usr/sbin/nologin --comment "NodeAgent DICOM node" nodeagent
    HAVE_USER="nodeagent:nodeagent"
else
    mkdir -p "$ROOT/etc"
    grep -q '^nodeagent:' "$ROOT/etc/passwd" 2>/dev/null || useradd --prefix "$ROOT" --system --user-group \
        --home-dir /var/lib/nodeagent --no-create-home --shell /usr/sbin/nologin --comment "NodeAgent DICOM node" nodeagent
    # The account exists only in ROOT's passwd, so ownership is given by number.
    HAVE_USER="$(awk -F: '$1 == "nodeagent" { print $3 }' "$ROOT/etc/passwd"):$(awk -F: '$1 == "nodeagent" { print $3 }' "$ROOT/etc/group")"
fi
owner() { [[ -z "$HAVE_USER" ]] || chown "$@"; }

# The application: staged beside the old one and swapped in, so a failed copy never leaves half an install.
# A running service keeps its open files until the restart below.
APP="$ROOT/opt/nodeagent"
rm -rf "$APP.new" "$APP.old"
mkdir -p "$APP.new"
cp -R "$PUBLISH_DIR/." "$APP.new/"
chmod -R u=rwX,go=rX "$APP.new"
[[ -z "$IS_ROOT_USER" ]] || chown -R root:root "$APP.new"
[[ ! -e "$APP" ]] || mv "$APP" "$APP.old"
mv "$APP.new" "$APP"
rm -rf "$APP.old"
say "installed the application in $APP"

# The machine configuration: readable by the service group only (it may hold TLS passwords).
CONFIG="$ROOT/etc/nodeagent/appsettings.json"
install -d -m 0750 "$ROOT/etc/nodeagent"
owner "root:${HAVE_USER#*:}" "$ROOT/etc/nodeagent"
if [[ -e "$CONFIG" ]]; then
    # The installed agent reads the existing file; its port decides the low-port drop-in below.
    configured="$(env -i PATH="$PATH" NODEAGENT_MACHINE_CONFIG="$CONFIG" "$APP/nodeagent" check-config 2>/dev/null |
        sed -n 's/^NodeAgent:Dicom:Port = \([0-9][0-9]*\)$/\1/p')" || true
    if [[ -n "$PORT" && -n "$configured" && "$PORT" != "$configured" ]]; then
        say "warning: $CONFIG sets port $configured; it is kept, so --port $PORT is ignored (edit the file instead)"
    fi
    PORT="${configured:-${PORT:-11112}}"
    say "kept the existing $CONFIG (port $PORT)"
else
    PORT="${PORT:-11112}"
    sed -e "s/\"BindAddress\": \"127.0.0.1\"/\"BindAddress\": \"$BIND\"/" -e "s/\"Port\": 11112/\"Port\": $PORT/" \
        "$HERE/appsettings.json" >"$CONFIG.new"
    chmod 0640 "$CONFIG.new"
    owner "root:${HAVE_USER#*:}" "$CONFIG.new"
    mv "$CONFIG.new" "$CONFIG"
    say "wrote a starter $CONFIG (bind $BIND, port $PORT): review it, then restart the service"
fi

# The data directory: the spool holds identifying data, so only the service user may enter it.
DATA="$ROOT/var/lib/nodeagent"
install -d -m 0755 "$ROOT/var/lib"
install -d -m 0700 "$DATA"
chmod 0700 "$DATA"
owner "$HAVE_USER" "$DATA"

# The unit, and CAP_NET_BIND_SERVICE only for a port below 1024.
UNITS="$ROOT/etc/systemd/system"
install -D -m 0644 "$HERE/nodeagent.service" "$UNITS/nodeagent.service"
if ((PORT < 1024)); then
    install -D -m 0644 "$HERE/low-port.conf" "$UNITS/nodeagent.service.d/low-port.conf"
    say "port $PORT is below 1024: the service gets CAP_NET_BIND_SERVICE (nodeagent.service.d/low-port.conf)"
else
    rm -f "$UNITS/nodeagent.service.d/low-port.conf"
    rmdir "$UNITS/nodeagent.service.d" 2>/dev/null || true
fi

if ! command -v systemctl >/dev/null; then
    say "systemctl is not installed: the unit is in place but not enabled"
elif [[ -n "$ROOT" ]]; then
    systemctl --root="$ROOT" --quiet enable nodeagent.service
    say "enabled nodeagent.service under $ROOT; nothing was started"
elif [[ ! -d /run/systemd/system ]]; then
    systemctl --quiet enable nodeagent.service
    say "systemd is not running here (a container?): nodeagent.service is enabled but not started"
else
    systemctl daemon-reload
    systemctl --quiet enable nodeagent.service
    if systemctl --quiet is-active nodeagent.service; then
        systemctl restart nodeagent.service
    else
        systemctl start nodeagent.service
    fi
    say "nodeagent.service is running: systemctl status nodeagent; logs: journalctl -u nodeagent"
fi
