#!/usr/bin/env bash
# Builds nodeagent_VERSION_amd64.deb with dpkg-deb (no debhelper needed):
#   /opt/nodeagent/...                    the self-contained linux-x64 publish
#   /lib/systemd/system/nodeagent.service the unit (enabled and started by postinst)
#   /etc/nodeagent/appsettings.json       the machine configuration, a conffile: upgrades keep local edits
#   /usr/share/doc/nodeagent/copyright    the licence
# Maintainer scripts are in debian/: postinst creates the user nodeagent and /var/lib/nodeagent (0700) and
# enables the unit; remove keeps configuration and data, purge deletes them.
#
# Usage: installer/linux/build-deb.sh VERSION OUTDIR [PUBLISH_DIR]
#   PUBLISH_DIR  an existing `dotnet publish -r linux-x64 --self-contained` folder; without it, src/NodeAgent is
#                published from this checkout (needs the .NET SDK)
# NODEAGENT_DEB_COMPRESSION picks dpkg-deb's compressor: xz (default, smallest), gzip (fast, for tests),
# zstd or none. NODEAGENT_DEB_MAINTAINER sets the Maintainer field ("Name <address>"); a release sets it.
set -euo pipefail
umask 022

die() { echo "build-deb.sh: error: $*" >&2; exit 1; }

(($# >= 2 && $# <= 3)) || die "usage: build-deb.sh VERSION OUTDIR [PUBLISH_DIR]"
VERSION="$1"
OUTDIR="$2"
PUBLISH_DIR="${3:-}"
COMPRESSION="${NODEAGENT_DEB_COMPRESSION:-xz}"
MAINTAINER="${NODEAGENT_DEB_MAINTAINER:-NodeAgent maintainers <maintainers@nodeagent.invalid>}"
# Debian policy 5.6.12: an upstream version starts with a digit.
[[ "$VERSION" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || die "'$VERSION' is not a Debian version (such as 0.1.0 or 0.1.0-1)"
[[ "$COMPRESSION" =~ ^(xz|gzip|zstd|none)$ ]] || die "NODEAGENT_DEB_COMPRESSION must be xz, gzip, zstd or none"
command -v dpkg-deb >/dev/null || die "dpkg-deb is not on PATH (Debian package dpkg)"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if [[ -z "$PUBLISH_DIR" ]]; then
    command -v dotnet >/dev/null || die "dotnet is not on PATH; install the .NET 10 SDK or pass PUBLISH_DIR"
    dotnet publish "$REPO/src/NodeAgent/NodeAgent.csproj" -c Release -r linux-x64 --self-contained \
        -p:PublishDocumentationFiles=false --artifacts-path "$WORK/artifacts" -o "$WORK/publish" --nologo -v quiet
    PUBLISH_DIR="$WORK/publish"
fi
[[ -x "$PUBLISH_DIR/nodeagent" ]] || die "$PUBLISH_DIR/nodeagent is missing or not executable: not a linux-x64 publish"

PKG="$WORK/pkg"
mkdir -p "$PKG/opt/nodeagent" "$PKG/DEBIAN"
cp -R "$PUBLISH_DIR/." "$PKG/opt/nodeagent/"
chmod -R u=rwX,go=rX "$PKG/opt/nodeagent"
install -D -m 0644 "$HERE/nodeagent.service" "$PKG/lib/systemd/system/nodeagent.service"
install -D -m 0644 "$HERE/appsettings.json" "$PKG/etc/nodeagent/appsettings.json"
install -D -m 0644 "$REPO/LICENSE" "$PKG/usr/share/doc/nodeagent/copyright"
install -m 0755 "$HERE/debian/postinst" "$HERE/debian/prerm" "$HERE/debian/postrm" "$PKG/DEBIAN/"
echo "/etc/nodeagent/appsettings.json" >"$PKG/DEBIAN/conffiles"

INSTALLED_SIZE="$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)"
cat >"$PKG/DEBIAN/control" <<EOF
Package: nodeagent
Version: $VERSION
Architecture: amd64
Maintainer: $MAINTAINER
Installed-Size: $INSTALLED_SIZE
Depends: adduser
Section: net
Priority: optional
Description: on-premise DICOM node of a federated imaging network
 NodeAgent receives studies from the hospital PACS over DICOM (C-STORE),
 pseudonymises, standardises, stores and indexes them, and answers the
 central hub's federated queries with aggregates only. It runs as the
 systemd service nodeagent; its configuration is /etc/nodeagent and its
 data /var/lib/nodeagent. The .NET runtime is included (self-contained).
EOF

mkdir -p "$OUTDIR"
DEB="$OUTDIR/nodeagent_${VERSION}_amd64.deb"
# --root-owner-group: every file is root:root in the package, without fakeroot.
dpkg-deb --root-owner-group -Z"$COMPRESSION" --build "$PKG" "$DEB" >/dev/null
echo "$DEB"
