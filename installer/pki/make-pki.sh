#!/bin/sh
# Makes a small PKI for a federation pilot with openssl: a test CA, the hub's server certificate and N node client
# certificates, as PEM files (certificate, PKCS#8 key) plus the SHA-256 thumbprints the hub's allow-list and a
# node's PinnedThumbprint take. Non-interactive (CI-safe). For a pilot only: a production federation uses its own CA.
#
#   make-pki.sh [-o DIR] [-n NODES] [-d DAYS] [-H HUB_NAME] [NODE_NAME...]
#     -o DIR       output directory (default ./pki); must not hold a ca.key already
#     -n NODES     how many nodes when no names are given (default 2: node-1, node-2)
#     -d DAYS      validity of the leaf certificates (default 365; the CA gets twice that)
#     -H HUB_NAME  the hub's DNS name, added to its SAN beside localhost and 127.0.0.1 (default hub.federation.local)
#
# Writes DIR/ca.pem, ca.key, hub.pem, hub.key, <node>.pem, <node>.key and thumbprints.txt. Keys are mode 0600.
set -eu

out=./pki
count=2
days=365
hub_name=hub.federation.local

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while getopts "o:n:d:H:h" option; do
    case "$option" in
        o) out=$OPTARG ;;
        n) count=$OPTARG ;;
        d) days=$OPTARG ;;
        H) hub_name=$OPTARG ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))

case "$count" in ''|*[!0-9]*) echo "make-pki.sh: -n needs a number" >&2; exit 2 ;; esac
case "$days" in ''|*[!0-9]*) echo "make-pki.sh: -d needs a number of days" >&2; exit 2 ;; esac
case "$hub_name" in *[!A-Za-z0-9.-]*|'') echo "make-pki.sh: -H needs a DNS name" >&2; exit 2 ;; esac

if [ "$#" -eq 0 ]; then
    i=1
    while [ "$i" -le "$count" ]; do
        set -- "$@" "node-$i"
        i=$((i + 1))
    done
fi

for node in "$@"; do
    case "$node" in
        hub|ca) echo "make-pki.sh: '$node' is reserved" >&2; exit 2 ;;
        *[!A-Za-z0-9._-]*|'') echo "make-pki.sh: node name '$node' may use letters, digits, '.', '_' and '-'" >&2; exit 2 ;;
    esac
done

command -v openssl >/dev/null 2>&1 || { echo "make-pki.sh: openssl is not on PATH" >&2; exit 1; }
if [ -e "$out/ca.key" ]; then
    echo "make-pki.sh: $out already holds a CA; choose another -o or remove it" >&2
    exit 1
fi

umask 077
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
}

thumbprint() {
    openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^.*=//; s/://g'
}

# The CA: self-signed, may sign certificates, no leaves below a path length of 0.
key "$out/ca.key"
openssl req -new -x509 -key "$out/ca.key" -subj "/CN=NodeAgent pilot CA" -days $((days * 2)) -sha256 \
    -addext "basicConstraints = critical, CA:true, pathlen:0" \
    -addext "keyUsage = critical, keyCertSign, cRLSign" \
    -addext "subjectKeyIdentifier = hash" \
    -out "$out/ca.pem"

# issue NAME CN EXTENSIONS: a leaf signed by the CA.
issue() {
    key "$out/$1.key"
    openssl req -new -key "$out/$1.key" -subj "/CN=$2" -out "$work/$1.csr"
    printf '%s\n' "$3" > "$work/$1.ext"
    openssl x509 -req -in "$work/$1.csr" -CA "$out/ca.pem" -CAkey "$out/ca.key" -CAcreateserial -CAserial "$work/ca.srl" \
        -days "$days" -sha256 -extfile "$work/$1.ext" -out "$out/$1.pem" 2>/dev/null
}

common="basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
authorityKeyIdentifier = keyid
subjectKeyIdentifier = hash"

issue hub "$hub_name" "$common
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, DNS:$hub_name"

for node in "$@"; do
    issue "$node" "$node" "$common
extendedKeyUsage = clientAuth"
done

{
    echo "# SHA-256 thumbprints: put the nodes' in the hub's Hub:AllowedNodes, the hub's in a node's NodeAgent:Hub:PinnedThumbprint."
    echo "hub $(thumbprint "$out/hub.pem")"
    for node in "$@"; do
        echo "$node $(thumbprint "$out/$node.pem")"
    done
} > "$out/thumbprints.txt"

chmod 0644 "$out"/*.pem "$out/thumbprints.txt"
chmod 0600 "$out"/*.key
echo "make-pki.sh: wrote the CA, hub ($hub_name) and $# node certificate(s) to $out"
