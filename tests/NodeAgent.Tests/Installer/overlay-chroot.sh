#!/usr/bin/env bash
# Installs the .deb and runs install.sh for real (adduser, dpkg's own database, systemctl enable) on a throwaway
# copy of this very machine: an overlay over / whose changes go to a tmpfs, entered with chroot, inside a private
# mount namespace that takes every mount with it when it ends. Nothing on the machine changes.
# Usage: unshare --mount --propagation private overlay-chroot.sh DEB PUBLISH_DIR INSTALLER_DIR SCRATCH_DIR DICOM_PORT METRICS_PORT
# The installed agent runs once by hand (there is no systemd here) on the two free ports, for the README's status,
# curl and backup commands.
# Prints one `name=value` fact per line on stdout for the test to check; the commands' output goes to stderr.
# Exit code 77: this machine does not allow the overlay (the test is then skipped).
set -euo pipefail

deb="$1" publish="$2" installer="$3" scratch="$4" dicom_port="$5" metrics_port="$6"
# unshare execs this script, so its parent is still in the namespace it came from.
own="$(readlink /proc/self/ns/mnt)" parent="$(readlink "/proc/$PPID/ns/mnt" || true)"
if [[ -z "$own" || -z "$parent" || "$own" == "$parent" ]]; then
    echo "overlay-chroot.sh: refusing to run outside a private mount namespace (use unshare --mount)" >&2
    exit 2
fi
mount -t tmpfs tmpfs "$scratch" || exit 77
mkdir "$scratch/upper" "$scratch/work" "$scratch/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$scratch/upper,workdir=$scratch/work" "$scratch/root" || exit 77
root="$scratch/root"
mount --bind /proc "$root/proc"
mount --bind /dev "$root/dev"
mkdir -p "$root/tmp/overlay-chroot"
cp "$deb" "$root/tmp/overlay-chroot/nodeagent.deb"
cp -R "$publish" "$root/tmp/overlay-chroot/publish"
cp -R "$installer" "$root/tmp/overlay-chroot/installer"

on() { chroot "$root" "$@"; }
fact() { printf '%s=%s\n' "$1" "$2"; }
gone() { if on test -e "$1"; then echo present; else echo absent; fi; }

on dpkg --install /tmp/overlay-chroot/nodeagent.deb >&2
fact deb.user "$(on getent passwd nodeagent)"
fact deb.group "$(on getent group nodeagent)"
fact deb.data "$(on stat -c '%U:%G %a' /var/lib/nodeagent)"
fact deb.config "$(on stat -c '%U:%G %a' /etc/nodeagent/appsettings.json)"
fact deb.enabled "$(on systemctl is-enabled nodeagent.service)"
on dpkg --install /tmp/overlay-chroot/nodeagent.deb >&2
# shellcheck disable=SC2016 # ${Status} is dpkg-query's format, not a shell expansion
fact deb.reinstalled "$(on dpkg-query -W -f='${Status}' nodeagent)"
fact deb.check "$(on runuser -u nodeagent -- /opt/nodeagent/nodeagent check-config 2>&1 | tail -n 1)"

# The README's monitoring commands against the installed agent, as its user, with the free ports in place of
# 11112 and 9464. chroot and setpriv exec, so $! is the agent itself and SIGTERM (what systemctl stop sends) reaches it.
ports=(NodeAgent__Dicom__Port="$dicom_port" NodeAgent__Telemetry__MetricsPort="$metrics_port"
       NodeAgent__Storage__MinimumFreeMegabytes=16 NodeAgent__Storage__MinimumFreePercent=0)
chroot "$root" setpriv --reuid=nodeagent --regid=nodeagent --init-groups env "${ports[@]}" /opt/nodeagent/nodeagent run >"$scratch/agent.log" 2>&1 &
agent=$!
for _ in $(seq 1 300); do
    on curl -sf -o /dev/null "http://127.0.0.1:$metrics_port/healthz" && break
    sleep 0.1
done
on runuser -u nodeagent -- touch /var/lib/nodeagent/backup-marker
fact run.healthz "$(on curl -s "http://127.0.0.1:$metrics_port/healthz" | grep -o '^{"status":"[a-z ]*"')"
fact run.metrics "$(on curl -s "http://127.0.0.1:$metrics_port/metrics" | grep -c '^nodeagent_')"
fact run.status "$(on runuser -u nodeagent -- env "${ports[@]}" /opt/nodeagent/nodeagent status | sed -n 's/^NodeAgent at .*: \([a-z ]*\) (checked .*/\1/p')"
kill -TERM "$agent"
status=0
wait "$agent" || status=$?
fact run.exit "$status"
status=0
on runuser -u nodeagent -- env "${ports[@]}" /opt/nodeagent/nodeagent status >&2 || status=$?
fact run.stopped "$status"
# Backup while stopped: the configuration and the whole data directory, into an owner-only archive.
on sh -c 'umask 077; tar -C / -czf /root/nodeagent-backup.tar.gz etc/nodeagent var/lib/nodeagent'
fact backup.mode "$(on stat -c '%a' /root/nodeagent-backup.tar.gz)"
fact backup.has "$(on tar -tzf /root/nodeagent-backup.tar.gz | grep -cE '^(etc/nodeagent/appsettings.json|var/lib/nodeagent/backup-marker)$')"
on dpkg --remove nodeagent >&2
fact remove.data "$(on stat -c '%U %a' /var/lib/nodeagent)"
fact remove.app "$(gone /opt/nodeagent/nodeagent)"
on dpkg --purge nodeagent >&2
fact purge.data "$(gone /var/lib/nodeagent)"
fact purge.config "$(gone /etc/nodeagent)"
fact purge.user "$(on getent passwd nodeagent || echo absent)"

on bash /tmp/overlay-chroot/installer/linux/install.sh --publish-dir /tmp/overlay-chroot/publish --port 104 >&2
fact script.user "$(on getent passwd nodeagent)"
fact script.data "$(on stat -c '%U:%G %a' /var/lib/nodeagent)"
fact script.config "$(on stat -c '%U:%G %a' /etc/nodeagent/appsettings.json)"
fact script.dropin "$(gone /etc/systemd/system/nodeagent.service.d/low-port.conf)"
fact script.enabled "$(on systemctl is-enabled nodeagent.service)"
fact script.check "$(on runuser -u nodeagent -- /opt/nodeagent/nodeagent check-config 2>&1 | tail -n 1)"
# Restore onto the new install (stopped): the backed-up data comes back, owned by the (new) service user.
on tar -C / -xzf /root/nodeagent-backup.tar.gz
fact restore.marker "$(on stat -c '%U' /var/lib/nodeagent/backup-marker)"
on bash /tmp/overlay-chroot/installer/linux/uninstall.sh --purge >&2
fact unscript.unit "$(gone /etc/systemd/system/nodeagent.service)"
fact unscript.data "$(gone /var/lib/nodeagent)"
fact unscript.user "$(on getent passwd nodeagent || echo absent)"
