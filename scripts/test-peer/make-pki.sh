#!/usr/bin/env bash
# A throw-away certificate authority with a server and a client certificate, for the test peer's TLS
# listener. Written the way libvirt (GnuTLS) checks them: the CA marked as a CA with keyCertSign, the
# server for serverAuth with the peer's address as subjectAltName, the client for clientAuth.
#
#   make-pki.sh DIR SERVER_IP    → DIR/{cacert,servercert,serverkey,clientcert,clientkey}.pem
set -euo pipefail
dir=$1
ip=$2
mkdir -p "$dir"
cd "$dir"
[ -f clientkey.pem ] && exit 0

days=30
openssl req -x509 -newkey rsa:2048 -nodes -keyout cakey.pem -out cacert.pem -days "$days" -subj "/CN=virt-console test CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

issue() {
  local name=$1 subject=$2 ext=$3
  openssl req -newkey rsa:2048 -nodes -keyout "${name}key.pem" -out "$name.csr" -subj "$subject" 2>/dev/null
  printf '%b' "$ext" >"$name.ext"
  openssl x509 -req -in "$name.csr" -CA cacert.pem -CAkey cakey.pem -CAcreateserial -out "${name}cert.pem" -days "$days" -extfile "$name.ext" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}
issue server "/CN=$ip" "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:$ip\n"
issue client "/CN=virt-console test client" "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n"
chmod 600 ./*key.pem
