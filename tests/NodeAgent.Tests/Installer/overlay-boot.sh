#!/usr/bin/env bash
# Boots a throwaway copy of this machine under a real systemd: systemd-nspawn --boot over an overlay of / whose
# changes go to SCRATCH_DIR, with a private network (only loopback, so the unit's real ports 11112 and 9464 clash with
# nothing), inside a private mount namespace that takes every mount with it when it ends. In it the .deb is installed
# as on a real server (its postinst starts the unit), and the README's service commands run for real: journalctl,
# check-config then systemctl restart, systemctl stop / the backup / systemctl start, dpkg --remove and --purge, and
# install.sh / uninstall.sh. Nothing on the machine changes.
# Usage: unshare --mount --propagation private overlay-boot.sh DEB PUBLISH_DIR INSTALLER_DIR SCRATCH_DIR INSTANCE_DIR
# INSTANCE_DIR holds .dcm files that storescu sends to the installed agent.
# Prints one `name=value` fact per line on stdout for the test to check; the commands' output goes to stderr, the
# unit's journal to SCRATCH_DIR/journal.txt.
# Exit code 77: this machine cannot boot the copy (no systemd-nspawn, no overlay, or systemd does not come up).
set -euo pipefail

deb="$1" publish="$2" installer="$3" scratch="$4" instances="$5"
own="$(readlink /proc/self/ns/mnt)" parent="$(readlink "/proc/$PPID/ns/mnt" || true)"
if [[ -z "$own" || -z "$parent" || "$own" == "$parent" ]]; then
    echo "overlay-boot.sh: refusing to run outside a private mount namespace (use unshare --mount)" >&2
    exit 2
fi
if ! command -v systemd-nspawn >/dev/null; then
    echo "systemd-nspawn is not installed (Debian package systemd-container)" >&2
    exit 77
fi
mkdir -p "$scratch/upper" "$scratch/work" "$scratch/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$scratch/upper,workdir=$scratch/work" "$scratch/root" || exit 77
root="$scratch/root"

# The copy is its own machine (its own machine id, so its journal is its own) and starts none of this machine's
# services that would only cost time.
systemd-id128 new >"$root/etc/machine-id"
ln -sf /dev/null "$root/etc/systemd/system/orthanc.service"
# A booted server has no policy-rc.d (.ci/run's apt step may leave one here): maintainer scripts start units.
rm -f "$root/usr/sbin/policy-rc.d"
# /srv, not /tmp: the booted system may mount a fresh /tmp.
stage=/srv/overlay-boot
mkdir -p "$root$stage"
cp "$deb" "$root$stage/nodeagent.deb"
cp -R "$publish" "$root$stage/publish"
cp -R "$installer" "$root$stage/installer"
cp -R "$instances" "$root$stage/instances"

systemd-nspawn --quiet --register=no --keep-unit --link-journal=no --private-network --console=pipe \
    -D "$root" --boot >"$scratch/boot.log" 2>&1 &
nspawn=$!
leader=""
shutdown() {
    if [[ -n "$leader" ]]; then
        nsenter --target "$leader" --all systemctl poweroff >/dev/null 2>&1 || kill -TERM "$nspawn" 2>/dev/null || true
    else
        kill -TERM "$nspawn" 2>/dev/null || true
    fi
    for _ in $(seq 1 300); do
        kill -0 "$nspawn" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$nspawn" 2>/dev/null || true
}
trap shutdown EXIT

for _ in $(seq 1 100); do
    # The container's init, once nspawn's own child has become systemd.
    leader="$(pgrep -P "$nspawn" -x systemd || true)"
    [[ -n "$leader" ]] && break
    kill -0 "$nspawn" 2>/dev/null || break
    sleep 0.1
done
if [[ -z "$leader" ]]; then
    echo "systemd-nspawn did not start the copy:" >&2
    cat "$scratch/boot.log" >&2
    exit 77
fi
inside() { nsenter --target "$leader" --all "$@"; }
fact() { printf '%s=%s\n' "$1" "$2"; }
gone() { if inside test -e "$1"; then echo present; else echo absent; fi; }
boot=""
for _ in $(seq 1 120); do
    boot="$(inside timeout 120 systemctl is-system-running --wait 2>/dev/null || true)"
    [[ "$boot" == running || "$boot" == degraded ]] && break
    sleep 1
done
if [[ "$boot" != running && "$boot" != degraded ]]; then
    echo "systemd in the copy did not come up (state '$boot'):" >&2
    cat "$scratch/boot.log" >&2
    exit 77
fi
fact boot.state "$boot"
journal() { inside journalctl -u nodeagent --no-pager -o cat >"$scratch/journal.txt" 2>&1 || true; }
trap 'journal; shutdown' EXIT

# Install: the postinst starts the unit, and with Type=notify `systemctl start` returns only after READY=1, so the
# listener must answer at once.
inside dpkg --install "$stage/nodeagent.deb" >&2
fact deb.active "$(inside systemctl is-active nodeagent || true)"
fact deb.enabled "$(inside systemctl is-enabled nodeagent || true)"
fact deb.echo "$(inside echoscu -aec NODEAGENT 127.0.0.1 11112 >&2 && echo ok || echo failed)"
pid="$(inside systemctl show -p MainPID --value nodeagent)"
fact sandbox.user "$(inside ps -o user= -p "$pid" || true)"
fact sandbox.nonewprivs "$(inside awk '$1 == "NoNewPrivs:" { print $2 }' "/proc/$pid/status")"
fact sandbox.capeff "$(inside awk '$1 == "CapEff:" { print $2 }' "/proc/$pid/status")"
fact sandbox.exposure "$(inside systemd-analyze security nodeagent --no-pager 2>/dev/null | sed -n 's/^→ Overall exposure level for nodeagent.service: \([0-9.]*\).*/\1/p')"

# Route studies to it, as a PACS would.
sent="$(find "$instances" -name '*.dcm' | wc -l)"
fact send.storescu "$(inside sh -c "storescu -aec NODEAGENT 127.0.0.1 11112 $stage/instances/*.dcm" >&2 && echo ok || echo failed)"
stored=0
for _ in $(seq 1 300); do
    stored="$( (inside find /var/lib/nodeagent/store -name '*.dcm' 2>/dev/null || true) | wc -l)"
    (( stored >= sent )) && break
    sleep 0.1
done
fact send.stored "$stored/$sent"
fact run.healthz "$(inside curl -s http://127.0.0.1:9464/healthz | grep -o '^{"status":"[a-z ]*"' || true)"

# Upgrade: installing the package again restarts the unit (a new main process) and keeps the data.
inside dpkg --install "$stage/nodeagent.deb" >&2
fact upgrade.active "$(inside systemctl is-active nodeagent || true)"
fact upgrade.newpid "$([[ "$(inside systemctl show -p MainPID --value nodeagent)" != "$pid" ]] && echo yes || echo no)"
fact upgrade.stored "$( (inside find /var/lib/nodeagent/store -name '*.dcm' 2>/dev/null || true) | wc -l)"
pid="$(inside systemctl show -p MainPID --value nodeagent)"

# Configure: check-config as the service user, then restart.
fact config.check "$(inside runuser -u nodeagent -- /opt/nodeagent/nodeagent check-config 2>&1 | tail -n 1)"
inside systemctl restart nodeagent
fact restart.active "$(inside systemctl is-active nodeagent || true)"
fact restart.newpid "$([[ "$(inside systemctl show -p MainPID --value nodeagent)" != "$pid" ]] && echo yes || echo no)"
fact restart.result "$(inside systemctl show -p Result --value nodeagent)"

# Back up: stop, archive, start.
inside systemctl stop nodeagent
fact stop.active "$(inside systemctl is-active nodeagent || true)"
fact stop.result "$(inside systemctl show -p Result --value nodeagent)"
inside sh -c 'umask 077; tar -C / -czf /root/nodeagent-backup.tar.gz etc/nodeagent var/lib/nodeagent'
fact backup.instances "$(inside tar -tzf /root/nodeagent-backup.tar.gz | grep -c '^var/lib/nodeagent/store/.*\.dcm$' || true)"
inside systemctl start nodeagent
fact start.active "$(inside systemctl is-active nodeagent || true)"
fact start.echo "$(inside echoscu -aec NODEAGENT 127.0.0.1 11112 >&2 && echo ok || echo failed)"
# journald reads the agent's syslog prefixes as levels: the one warning so far is the new site secret's.
fact journal.warnings "$( (inside journalctl -u nodeagent -p warning --no-pager -o cat || true) | grep -c 'SiteSecret\[2200\]' || true)"
journal

# Uninstall: remove stops the unit and keeps the data, purge deletes it.
inside dpkg --remove nodeagent >&2
fact remove.active "$(inside systemctl is-active nodeagent || true)"
fact remove.data "$(gone /var/lib/nodeagent/store)"
inside dpkg --purge nodeagent >&2
fact purge.data "$(gone /var/lib/nodeagent)"

# The same with install.sh (it starts the unit itself) and uninstall.sh.
inside bash "$stage/installer/linux/install.sh" --publish-dir "$stage/publish" --bind 0.0.0.0 --port 11112 >&2
fact script.active "$(inside systemctl is-active nodeagent || true)"
fact script.echo "$(inside echoscu -aec NODEAGENT 127.0.0.1 11112 >&2 && echo ok || echo failed)"
inside bash "$stage/installer/linux/uninstall.sh" --purge >&2
fact unscript.active "$(inside systemctl is-active nodeagent || true)"
fact unscript.user "$(inside getent passwd nodeagent || echo absent)"
