#!/usr/bin/env bash
# A private certificate authority for the TLS tests, made fresh by openssl at test time (nothing
# secret is kept in the repository). Writes into directory $1:
#
#   ca.pem, ca.key              the CA ("Wren Test CA"): what IMAP_CA / SMTP_CA point at
#   server.pem, server.key      for 127.0.0.1 and localhost, valid now: the good certificate
#   expired.pem, expired.key    for 127.0.0.1, 127.0.0.2 and localhost, expired in 2020
#   other-host.pem, other-host.key  valid now, but for mail.other.example only
#
# Without IMAP_CA the good certificate is "untrusted" (a private CA, as on most self-hosted
# servers). Each .pem holds the certificate alone (the CA is not appended).
#
#   bash scripts/lib/test-ca.sh DIR
set -euo pipefail

out="${1:?usage: test-ca.sh DIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$out/ca-work"
rm -rf "$work"
mkdir -p "$work/new"
: > "$work/index.txt"
echo 1000 > "$work/serial"

# 'openssl ca' is used rather than 'openssl x509 -req': it takes explicit start and end dates
# (-startdate/-enddate), which is how the expired certificate gets dates in the past.
cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = $work
database = $work/index.txt
new_certs_dir = $work/new
serial = $work/serial
certificate = $out/ca.pem
private_key = $out/ca.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[ any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = Wren Test CA
[ ca_ext ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ server_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
# Read when a server certificate is signed (the variable is set for each one).
subjectAltName = \$ENV::WREN_SAN
CNF

quiet() { "$@" >/dev/null 2>&1 || { echo "test-ca.sh: failed: $*" >&2; "$@" >&2; exit 1; }; }

# Elliptic-curve keys: made in milliseconds, where RSA keys take a noticeable moment.
KEY=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1)
export WREN_SAN=none
quiet openssl req -x509 -new "${KEY[@]}" -nodes -keyout "$out/ca.key" -out "$out/ca.pem" \
  -days 30 -config "$work/ca.cnf" -extensions ca_ext

# server NAME CN SAN [openssl ca date options...]
server() {
  local name="$1" cn="$2" san="$3"
  shift 3
  quiet openssl req -new "${KEY[@]}" -nodes -keyout "$out/$name.key" -out "$work/$name.csr" -subj "/CN=$cn"
  WREN_SAN="$san" quiet openssl ca -batch -config "$work/ca.cnf" -extensions server_ext -notext \
    -in "$work/$name.csr" -out "$out/$name.pem" "$@"
}

server server localhost 'IP:127.0.0.1, DNS:localhost' -days 30
server expired localhost 'IP:127.0.0.1, IP:127.0.0.2, DNS:localhost' -startdate 20190101000000Z -enddate 20200101000000Z
server other-host mail.other.example 'DNS:mail.other.example' -days 30
rm -rf "$work"
# Dovecot's and Postfix's processes read the keys as root before dropping privileges; the
# certificates are public.
chmod 0644 "$out"/*.pem
chmod 0600 "$out"/*.key
