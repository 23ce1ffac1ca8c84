#!/usr/bin/env bash
# Regenerates the key corpus (files/ and corpus.tsv) with the real tools: ssh-keygen (OpenSSH 9.2),
# openssl (3.0), puttygen (0.78), and craft.py for what those tools cannot make. Run it from this
# folder; it replaces files/ entirely. The keys are random: regenerating changes every file, and
# the xUnit corpus test (CorpusTests) checks whatever is here against the same tools.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf files corpus.tsv
mkdir files
cd files
umask 077
MANIFEST=../corpus.tsv
printf 'file\tkind\tpassphrase\texpect\tpeer\tmirrors\n' > "$MANIFEST"

# row FILE KIND PASSPHRASE EXPECT PEER MIRRORS
#   KIND: openssh | pem | pkcs8 | ppk (private key files), pub, rfc4716, cert
#   EXPECT: ok, or the ErrorId (private keys) / problem code (public lines) EspriSsh must give
#   PEER: same (the peer tool gives the same public key and fingerprint), fails (the peer refuses it
#         too), reads (the peer reads it; EspriSsh refuses by design), openssl (ssh-keygen cannot read
#         it; openssl's public key is the reference), skip (the peer would run for hours)
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >> "$MANIFEST"; }
keygen() { ssh-keygen -q "$@"; }
pass() { printf '%s' "$1" > "$2"; }

# --- OpenSSH regress/unittests/sshkey/testdata ---------------------------------------------------
keygen -t rsa -b 1024 -C "RSA test key #1" -N "" -f rsa_1 -m PEM;            row rsa_1 pem "" ok same "openssh sshkey rsa_1 (1024-bit RSA, PEM)"
keygen -t rsa -b 2048 -C "RSA test key #2" -N "" -f rsa_2 -m PEM;            row rsa_2 pem "" ok same "openssh sshkey rsa_2 (2048-bit RSA, PEM)"
keygen -t ecdsa -b 256 -C "ECDSA test key #1" -N "" -f ecdsa_1 -m PEM;       row ecdsa_1 pem "" ok same "openssh sshkey ecdsa_1 (P-256, PEM)"
keygen -t ecdsa -b 521 -C "ECDSA test key #2" -N "" -f ecdsa_2 -m PEM;       row ecdsa_2 pem "" ok same "openssh sshkey ecdsa_2 (P-521, PEM)"
keygen -t ed25519 -C "ED25519 test key #1" -N "" -f ed25519_1;               row ed25519_1 openssh "" ok same "openssh sshkey ed25519_1"
keygen -t ed25519 -C "ED25519 test key #2" -N "" -f ed25519_2;               row ed25519_2 openssh "" ok same "openssh sshkey ed25519_2"
cp rsa_1 rsa_n; keygen -p -f rsa_n -N "";                                    row rsa_n openssh "" ok same "openssh sshkey rsa_n (PEM rewritten as openssh-key-v1)"
cp ecdsa_1 ecdsa_n; keygen -p -f ecdsa_n -N "";                              row ecdsa_n openssh "" ok same "openssh sshkey ecdsa_n"
PW=mekmitasdigoat
cp rsa_1 rsa_1_pw; keygen -p -f rsa_1_pw -m PEM -N "$PW";                    row rsa_1_pw pem "$PW" ok same "openssh sshkey rsa_1_pw (PEM, AES-128-CBC)"
cp ecdsa_1 ecdsa_1_pw; keygen -p -f ecdsa_1_pw -m PEM -N "$PW";              row ecdsa_1_pw pem "$PW" ok same "openssh sshkey ecdsa_1_pw"
cp ed25519_1 ed25519_1_pw; keygen -p -f ed25519_1_pw -N "$PW";               row ed25519_1_pw openssh "$PW" ok same "openssh sshkey ed25519_1_pw (bcrypt, aes256-ctr)"
cp rsa_1 rsa_n_pw; keygen -p -f rsa_n_pw -N "$PW";                           row rsa_n_pw openssh "$PW" ok same "openssh sshkey rsa_n_pw"
cp ecdsa_1 ecdsa_n_pw; keygen -p -f ecdsa_n_pw -N "$PW";                     row ecdsa_n_pw openssh "$PW" ok same "openssh sshkey ecdsa_n_pw"
for k in rsa_1 rsa_2 ecdsa_1 ecdsa_2 ed25519_1 ed25519_2; do row "$k.pub" pub "" ok same "openssh sshkey $k.pub"; done
OPTS=(-Oforce-command=/bin/ls -Ono-port-forwarding -Osource-address=10.0.0.0/8 -V 19990101:20110101)
keygen -s rsa_2 -I hugo -n user1,user2 "${OPTS[@]}" -z 1 rsa_1.pub;          row rsa_1-cert.pub cert "" ok same "openssh sshkey rsa_1-cert (user, expired 2011, options)"
keygen -s rsa_2 -I hugo -n user1,user2 "${OPTS[@]}" -z 3 ecdsa_1.pub;        row ecdsa_1-cert.pub cert "" ok same "openssh sshkey ecdsa_1-cert"
keygen -s rsa_2 -I hugo -n user1,user2 "${OPTS[@]}" -z 4 ed25519_1.pub;      row ed25519_1-cert.pub cert "" ok same "openssh sshkey ed25519_1-cert"
cp rsa_1.pub rsa_1_sha1.pub; cp rsa_1.pub rsa_1_sha512.pub
keygen -s rsa_2 -I hugo -n user1,user2 -t ssh-rsa "${OPTS[@]}" -z 1 rsa_1_sha1.pub;      row rsa_1_sha1-cert.pub cert "" ok same "openssh sshkey rsa_1_sha1-cert (CA signature ssh-rsa)"
keygen -s rsa_2 -I hugo -n user1,user2 -t rsa-sha2-512 "${OPTS[@]}" -z 1 rsa_1_sha512.pub; row rsa_1_sha512-cert.pub cert "" ok same "openssh sshkey rsa_1_sha512-cert"
rm rsa_1_sha1.pub rsa_1_sha512.pub
cp ed25519_2.pub host_ed25519.pub; cp ecdsa_2.pub host_ecdsa.pub
keygen -s ed25519_1 -I julius -n host1,host2 -h -V 19990101:20110101 -z 8 host_ed25519.pub; row host_ed25519-cert.pub cert "" ok same "openssh sshkey host certificate signed by ed25519_1"
keygen -s ecdsa_1 -I julius -n host1,host2 -h -V 19990101:20110101 -z 7 host_ecdsa.pub;     row host_ecdsa-cert.pub cert "" ok same "openssh sshkey host certificate signed by ecdsa_1"
rm host_ed25519.pub host_ecdsa.pub
# Security keys: no FIDO token here, so the files are crafted (craft.py); ssh-keygen reads them without one.
keygen -t ecdsa -b 256 -N "" -f sk_point_source
python3 ../craft.py sk-ed25519 ed25519_sk1 "ED25519-SK test key #1";         row ed25519_sk1 openssh "" KeyTypeUnsupported reads "openssh sshkey ed25519_sk1 (security key: readable, not usable without its token)"
python3 ../craft.py sk-ecdsa ecdsa_sk1 sk_point_source.pub "ECDSA-SK test key #1"; row ecdsa_sk1 openssh "" KeyTypeUnsupported reads "openssh sshkey ecdsa_sk1"
rm sk_point_source sk_point_source.pub
row ed25519_sk1.pub pub "" ok same "openssh sshkey ed25519_sk1.pub"
row ecdsa_sk1.pub pub "" ok same "openssh sshkey ecdsa_sk1.pub"
cp ed25519_sk1 ed25519_sk1_pw; keygen -p -f ed25519_sk1_pw -N "$PW";         row ed25519_sk1_pw openssh "$PW" KeyTypeUnsupported reads "openssh sshkey ed25519_sk1_pw"
keygen -s rsa_2 -I hugo -n user1,user2 "${OPTS[@]}" -z 4 ed25519_sk1.pub;    row ed25519_sk1-cert.pub cert "" ok same "openssh sshkey ed25519_sk1-cert"
keygen -s rsa_2 -I hugo -n user1,user2 "${OPTS[@]}" -z 4 ecdsa_sk1.pub;      row ecdsa_sk1-cert.pub cert "" ok same "openssh sshkey ecdsa_sk1-cert"
# OpenSSH 10's ML-DSA hybrid: OpenSSH 9.2 does not know it either.
python3 ../craft.py mldsa mldsa44_ed25519_1 "MLDSA44-ED25519 test key #1"
row mldsa44_ed25519_1 openssh "" KeyTypeUnsupported fails "openssh sshkey mldsa44_ed25519_1 (unknown type: named, not damaged)"
row mldsa44_ed25519_1.pub pub "" KeyTypeUnsupported fails "openssh sshkey mldsa44_ed25519_1.pub"
row mldsa44_ed25519_1-cert.pub pub "" KeyTypeUnsupported fails "openssh sshkey mldsa44_ed25519_1-cert.pub"

# --- mscdex/ssh2 test/fixtures/keyParser ---------------------------------------------------------
keygen -t dsa -C "" -N "" -f openssh_new_dsa;                                row openssh_new_dsa openssh "" ok same "ssh2 openssh_new_dsa"
keygen -t ecdsa -C "" -N "" -f openssh_new_ecdsa;                            row openssh_new_ecdsa openssh "" ok same "ssh2 openssh_new_ecdsa"
keygen -t rsa -b 2048 -C "" -N "" -f openssh_new_rsa;                        row openssh_new_rsa openssh "" ok same "ssh2 openssh_new_rsa"
keygen -t ed25519 -C "" -N "" -f openssh_new_ed25519;                        row openssh_new_ed25519 openssh "" ok same "ssh2 openssh_new_ed25519"
for t in dsa ecdsa rsa; do
  cp openssh_new_$t openssh_new_${t}_enc; keygen -p -N password -f openssh_new_${t}_enc;                                 row openssh_new_${t}_enc openssh password ok same "ssh2 openssh_new_${t}_enc"
  cp openssh_new_$t openssh_new_${t}_enc_gcm; keygen -p -N password -Z aes256-gcm@openssh.com -f openssh_new_${t}_enc_gcm; row openssh_new_${t}_enc_gcm openssh password ok same "ssh2 openssh_new_${t}_enc_gcm"
  row openssh_new_$t.pub pub "" ok same "ssh2 openssh_new_$t.pub"
done
openssl dsaparam -genkey -out openssh_old_dsa 1024 2>/dev/null;  openssl dsa -in openssh_old_dsa -out openssh_old_dsa 2>/dev/null; row openssh_old_dsa pem "" ok same "ssh2 openssh_old_dsa"
openssl ecparam -genkey -name prime256v1 -noout -out openssh_old_ecdsa;                            row openssh_old_ecdsa pem "" ok same "ssh2 openssh_old_ecdsa"
openssl genrsa -traditional -out openssh_old_rsa 2048 2>/dev/null;                                  row openssh_old_rsa pem "" ok same "ssh2 openssh_old_rsa"
openssl dsa -in openssh_old_dsa -des3 -passout pass:password -out openssh_old_dsa_enc 2>/dev/null;  row openssh_old_dsa_enc pem password ok same "ssh2 openssh_old_dsa_enc (DES-EDE3-CBC)"
openssl ec -in openssh_old_ecdsa -aes128 -passout pass:password -out openssh_old_ecdsa_enc 2>/dev/null; row openssh_old_ecdsa_enc pem password ok same "ssh2 openssh_old_ecdsa_enc (AES-128-CBC)"
openssl rsa -traditional -in openssh_old_rsa -aes128 -passout pass:password -out openssh_old_rsa_enc 2>/dev/null; row openssh_old_rsa_enc pem password ok same "ssh2 openssh_old_rsa_enc"
openssl rsa -traditional -in openssh_old_rsa -aes256 -passout pass:password -out openssh_old_rsa_enc_aes256 2>/dev/null; row openssh_old_rsa_enc_aes256 pem password ok same "ssh2 openssh_old_rsa_enc_aes256"
pass password ppk.pass
puttygen -q -t dsa -C "" -o ppk_dsa_enc --ppk-param version=2 --new-passphrase ppk.pass;           row ppk_dsa_enc ppk password ok same "ssh2 ppk_dsa_enc (PPK v2)"
puttygen -q -t rsa -b 2048 -C "" -o ppk_rsa --ppk-param version=2 --new-passphrase /dev/null;      row ppk_rsa ppk "" ok same "ssh2 ppk_rsa (PPK v2)"
puttygen -q -P ppk_rsa -o ppk_rsa_enc --ppk-param version=2 --new-passphrase ppk.pass;                row ppk_rsa_enc ppk password ok same "ssh2 ppk_rsa_enc (PPK v2)"
# RFC 4716 public keys: ssh-keygen -e, puttygen -p, then the header variations ssh2's cases cover.
keygen -e -f openssh_new_rsa.pub > rfc4716_rsa.pub;                                                row rfc4716_rsa.pub rfc4716 "" ok same "ssh2 rfc4716_rsa.pub (ssh-keygen -e)"
puttygen -q ppk_rsa -C "rsa-key-20240101" -o commented.ppk --new-passphrase /dev/null; puttygen -q commented.ppk -O public -o rfc4716_rsa2.pub; rm commented.ppk;                                                   row rfc4716_rsa2.pub rfc4716 "" ok same "ssh2 rfc4716_rsa2.pub (PuTTYgen, quoted comment)"
sed '2i Subject: "a user"' rfc4716_rsa.pub > rfc4716_rsa3.pub;                                     row rfc4716_rsa3.pub rfc4716 "" ok same "ssh2 rfc4716_rsa3.pub (more headers)"
sed '2i x-private-header: this header goes on\\\n and on' rfc4716_rsa.pub > rfc4716_rsa4.pub;     row rfc4716_rsa4.pub rfc4716 "" ok same "ssh2 rfc4716_rsa4.pub (header continued with a backslash)"
sed 's/$/\r/' rfc4716_rsa.pub > rfc4716_rsa5.pub;                                                  row rfc4716_rsa5.pub rfc4716 "" ok same "ssh2 rfc4716_rsa5.pub (CRLF)"
grep -v '^Comment:' rfc4716_rsa.pub > rfc4716_rsa6.pub;                                             row rfc4716_rsa6.pub rfc4716 "" ok same "ssh2 rfc4716_rsa6.pub (no comment)"

# --- golang.org/x/crypto ssh/testdata ------------------------------------------------------------
openssl dsaparam -genkey -out go_dsa 1024 2>/dev/null; openssl dsa -in go_dsa -out go_dsa 2>/dev/null; row go_dsa pem "" ok same "x/crypto dsa"
for c in prime256v1:p256 secp384r1:p384 secp521r1:p521; do
  openssl ecparam -genkey -name ${c%%:*} -noout -out go_ecdsa${c##*:};                            row go_ecdsa${c##*:} pem "" ok same "x/crypto ecdsa${c##*:}"
  keygen -t ecdsa -b ${c##*:p} -C "" -N "" -f go_${c##*:}-openssh-format; rm go_${c##*:}-openssh-format.pub; row go_${c##*:}-openssh-format openssh "" ok same "x/crypto ${c##*:}-openssh-format"
done
openssl genrsa -traditional -out go_rsa 2048 2>/dev/null;                                           row go_rsa pem "" ok same "x/crypto rsa"
openssl pkcs8 -topk8 -nocrypt -in go_rsa -out go_pkcs8;                                             row go_pkcs8 pkcs8 "" ok same "x/crypto pkcs8 (unencrypted RSA PKCS#8)"
keygen -t rsa -b 2048 -C "" -N "" -f go_rsa-openssh-format; rm go_rsa-openssh-format.pub;           row go_rsa-openssh-format openssh "" ok same "x/crypto rsa-openssh-format"
keygen -t ed25519 -C "" -N "" -f go_ed25519; rm go_ed25519.pub
head -c -1 go_ed25519 > go_ed25519-no-final-newline;                                                row go_ed25519-no-final-newline openssh "" ok fails "x/crypto test keys end without a newline: ssh-keygen fails (error in libcrypto); EspriSsh reads it and Install-EspriKey writes it loadable"
row go_ed25519 openssh "" ok same "x/crypto ed25519"
sed 's/$/\r/' go_ed25519 > go_ed25519-crlf;                                                         row go_ed25519-crlf openssh "" ok fails "CRLF line ends (copied through Windows): ssh-keygen fails, EspriSsh reads it"
printf '\xef\xbb\xbf' | cat - go_ed25519 > go_ed25519-bom;                                          row go_ed25519-bom openssh "" ok fails "UTF-8 byte order mark (saved by Notepad): ssh-keygen fails, EspriSsh reads it"
openssl rsa -traditional -in go_rsa -aes128 -passout 'pass:r54-G0pher_t3st$' -out go_rsa-encrypted 2>/dev/null; row go_rsa-encrypted pem 'r54-G0pher_t3st$' ok same "x/crypto rsa-encrypted"
openssl dsa -in go_dsa -aes128 -passout 'pass:qG0pher-dsa_t3st$' -out go_dsa-encrypted 2>/dev/null;             row go_dsa-encrypted pem 'qG0pher-dsa_t3st$' ok same "x/crypto dsa-encrypted"
for z in aes256-ctr:encrypted aes256-cbc:encrypted-cbc chacha20-poly1305@openssh.com:encrypted-chacha20-poly1305 aes128-gcm@openssh.com:encrypted-aes128-gcm aes256-gcm@openssh.com:encrypted-aes256-gcm; do
  cp go_ed25519 go_ed25519-${z##*:}; keygen -p -N password -Z ${z%%:*} -f go_ed25519-${z##*:};    row go_ed25519-${z##*:} openssh password ok same "x/crypto ed25519-${z##*:}"
done
keygen -t ecdsa -b 256 -C "" -N "" -f go_user; keygen -t rsa -b 2048 -C "" -N "" -f go_ca
keygen -s go_ca -t ssh-rsa -I host.example.com-key -h -n host.example.com -z 0 go_user.pub; mv go_user-cert.pub go_host-cert.pub; row go_host-cert.pub cert "" ok same "x/crypto rsa host certificate (ssh-rsa signature)"
cp go_user.pub go_host256.pub; keygen -s go_ca -t rsa-sha2-256 -I host.example.com-key -h -n host.example.com go_host256.pub; row go_host256-cert.pub cert "" ok same "x/crypto rsa-sha2-256 certificate"
cp go_user.pub go_host512.pub; keygen -s go_ca -t rsa-sha2-512 -I host.example.com-key -h -n host.example.com go_host512.pub; row go_host512-cert.pub cert "" ok same "x/crypto rsa-sha2-512 certificate"
keygen -s go_ca -I testcertificate -n username -V always:forever go_user.pub;                      row go_user-cert.pub cert "" ok same "x/crypto rsa-user-testcertificate (valid forever, permit-* extensions)"
rm go_host256.pub go_host512.pub go_ca.pub
row go_user openssh "" ok same "x/crypto user (the key the certificates certify)"
row go_ca openssh "" ok same "x/crypto ca"
row go_user.pub pub "" ok same "x/crypto user.pub"

# --- paramiko tests/ -----------------------------------------------------------------------------
keygen -t ecdsa -b 256 -C "" -N "" -f pm_ecdsa-256.key; keygen -s go_ca -I ecdsa -n paramiko pm_ecdsa-256.key.pub; row pm_ecdsa-256.key-cert.pub cert "" ok same "paramiko _support/ecdsa-256.key-cert.pub"
keygen -t ed25519 -C "" -N "" -f pm_ed25519.key; keygen -s go_ca -I ed -n paramiko pm_ed25519.key.pub;            row pm_ed25519.key-cert.pub cert "" ok same "paramiko _support/ed25519.key-cert.pub"
keygen -t rsa -b 2048 -C "" -N "" -f pm_rsa.key; keygen -s go_ca -I rsa -n paramiko pm_rsa.key.pub;               row pm_rsa.key-cert.pub cert "" ok same "paramiko _support/rsa.key-cert.pub"
row pm_ecdsa-256.key openssh "" ok same "paramiko _support/ecdsa-256.key"
row pm_ed25519.key openssh "" ok same "paramiko _support/ed25519.key"
row pm_rsa.key openssh "" ok same "paramiko _support/rsa.key"
keygen -t rsa -b 2048 -C "" -N "" -f pm_rsa-lonely.key;                                             row pm_rsa-lonely.key openssh "" ok same "paramiko _support/rsa-lonely.key (no certificate)"
keygen -t rsa -b 2048 -C "" -N "" -f pm_rsa-missing.key; keygen -s go_ca -I missing -n paramiko pm_rsa-missing.key.pub; rm pm_rsa-missing.key pm_rsa-missing.key.pub
row pm_rsa-missing.key-cert.pub cert "" ok same "paramiko _support/rsa-missing.key-cert.pub (certificate without its key)"
openssl genpkey -algorithm ed448 -out pm_ed448.key;                                                 row pm_ed448.key pkcs8 "" KeyTypeUnsupported fails "paramiko _support/ed448.key (Ed448 PKCS#8: named, no ssh-keygen advice)"
: > pm_blank_rsa.key;                                                                               row pm_blank_rsa.key pem "" KeyFormatInvalid fails "paramiko blank_rsa.key (empty file)"
openssl ecparam -genkey -name secp384r1 -noout -out pm_test_ecdsa_384.key;                          row pm_test_ecdsa_384.key pem "" ok same "paramiko test_ecdsa_384.key"
openssl ecparam -genkey -name secp521r1 -noout -out pm_test_ecdsa_521.key;                          row pm_test_ecdsa_521.key pem "" ok same "paramiko test_ecdsa_521.key"
for b in 256:prime256v1 384:secp384r1 521:secp521r1; do
  openssl ecparam -genkey -name ${b##*:} -noout | openssl ec -aes128 -passout pass:television -out pm_test_ecdsa_password_${b%%:*}.key 2>/dev/null
  row pm_test_ecdsa_password_${b%%:*}.key pem television ok same "paramiko test_ecdsa_password_${b%%:*}.key"
done
keygen -t ecdsa -b 384 -C "" -N "" -f pm_test_ecdsa_384_openssh.key; rm pm_test_ecdsa_384_openssh.key.pub; row pm_test_ecdsa_384_openssh.key openssh "" ok same "paramiko test_ecdsa_384_openssh.key"
# paramiko's "funky padding" and "nopad" keys: a comment whose length leaves no room for padding bytes.
aligned() {
  keygen "$@" -C "" -N "" -f aligned_src
  for n in 1 2 3 4 5 6 7 8; do
    [ "$(python3 ../craft.py padding aligned_src)" = 0 ] && return
    ssh-keygen -q -c -C "$(printf '%*s' $n '' | tr ' ' c)" -P "" -f aligned_src > /dev/null
  done
  exit 1
}
aligned -t ed25519; mv aligned_src pm_test_ed25519-funky-padding.key; rm aligned_src.pub
row pm_test_ed25519-funky-padding.key openssh "" ok same "paramiko test_ed25519-funky-padding.key (no padding bytes needed)"
cp pm_test_ed25519-funky-padding.key pm_test_ed25519-funky-padding_password.key; keygen -p -N asdf -f pm_test_ed25519-funky-padding_password.key; row pm_test_ed25519-funky-padding_password.key openssh asdf ok same "paramiko test_ed25519-funky-padding_password.key"
keygen -t ed25519 -C "" -N abc123 -f pm_test_ed25519_password.key; rm pm_test_ed25519_password.key.pub; row pm_test_ed25519_password.key openssh abc123 ok same "paramiko test_ed25519_password.key"
aligned -t rsa -b 2048; mv aligned_src pm_test_rsa_openssh_nopad.key; rm aligned_src.pub;                row pm_test_rsa_openssh_nopad.key openssh "" ok same "paramiko test_rsa_openssh_nopad.key"
keygen -t ed25519 -C "x" -N "" -f unaligned_src; python3 ../craft.py nopad unaligned_src ed25519_unpadded; rm unaligned_src unaligned_src.pub
row ed25519_unpadded openssh "" KeyFormatInvalid fails "a private section not padded to 8 bytes (OpenSSH: invalid format)"
openssl genrsa -traditional -aes128 -passout pass:television -out pm_test_rsa_password.key 2048 2>/dev/null; row pm_test_rsa_password.key pem television ok same "paramiko test_rsa_password.key"
keygen -t ed25519 -C "" -N "" -f pm_badhash_key1.ed25519.key; keygen -t ed25519 -C "" -N "" -f pm_badhash_key2.ed25519.key; rm pm_badhash_key*.pub
row pm_badhash_key1.ed25519.key openssh "" ok same "paramiko badhash_key1 (two distinct ed25519 keys)"
row pm_badhash_key2.ed25519.key openssh "" ok same "paramiko badhash_key2"

# --- PuTTY test/cryptsuite.py (PPK load/save) ----------------------------------------------------
pass "correct horse battery staple" putty.pass
puttygen -q -t ed25519 -C "ppk test" -o putty_v2_clear.ppk --ppk-param version=2 --new-passphrase /dev/null;   row putty_v2_clear.ppk ppk "" ok same "cryptsuite PPK v2 unencrypted"
puttygen -q -P putty_v2_clear.ppk -o putty_v2_encrypted.ppk --ppk-param version=2 --new-passphrase putty.pass;   row putty_v2_encrypted.ppk ppk "correct horse battery staple" ok same "cryptsuite PPK v2 encrypted"
puttygen -q -P putty_v2_clear.ppk -o putty_v3_clear.ppk --new-passphrase /dev/null;                               row putty_v3_clear.ppk ppk "" ok same "cryptsuite PPK v3 unencrypted"
for kdf in argon2id argon2i argon2d; do
  puttygen -q -P putty_v2_clear.ppk -o putty_v3_$kdf.ppk --ppk-param kdf=$kdf,passes=3 --new-passphrase putty.pass; row putty_v3_$kdf.ppk ppk "correct horse battery staple" ok same "cryptsuite PPK v3 encrypted ($kdf)"
done
puttygen -q -P putty_v2_clear.ppk -o putty_v3_params.ppk --ppk-param memory=16384,passes=2,parallel=4 --new-passphrase putty.pass; row putty_v3_params.ppk ppk "correct horse battery staple" ok same "cryptsuite PPK v3 other Argon2 parameters (4 lanes)"
for t in rsa:2048 ecdsa:384 dsa:1024 ed448:448; do
  puttygen -q -t ${t%%:*} -b ${t##*:} -C "ppk ${t%%:*}" -o putty_${t%%:*}.ppk --new-passphrase putty.pass
done
row putty_rsa.ppk ppk "correct horse battery staple" ok same "cryptsuite PPK v3 RSA"
row putty_ecdsa.ppk ppk "correct horse battery staple" ok same "cryptsuite PPK v3 ECDSA P-384"
row putty_dsa.ppk ppk "correct horse battery staple" ok same "cryptsuite PPK v3 DSA"
row putty_ed448.ppk ppk "correct horse battery staple" KeyTypeUnsupported fails "PuTTY's Ed448 key: puttygen exports it, ssh-keygen cannot read Ed448 (nor can EspriSsh use it)"
printf 'not a key file\n' > putty_not_a_key.ppk;                                                   row putty_not_a_key.ppk ppk "" KeyFormatInvalid fails "cryptsuite ppk_loadpub 'not a key file'"
cp putty_v3_argon2id.ppk putty_v3_wrong_pass.ppk;                                                   row putty_v3_wrong_pass.ppk ppk "wrong passphrase" PpkWrongPassphrase fails "cryptsuite ppk_load with the wrong passphrase"
sed 's/^Argon2-Memory: .*/Argon2-Memory: 524288/' putty_v3_argon2id.ppk > putty_v3_huge_memory.ppk;  row putty_v3_huge_memory.ppk ppk "correct horse battery staple" PpkKdfTooExpensive skip "hostile Argon2 memory (512 MiB, over the 256 MiB cap)"
sed 's/^Argon2-Passes: .*/Argon2-Passes: 4000/' putty_v3_argon2id.ppk > putty_v3_huge_passes.ppk;  row putty_v3_huge_passes.ppk ppk "correct horse battery staple" PpkKdfTooExpensive skip "hostile Argon2 work (8 MiB x 4000 passes)"

# --- pyca/cryptography vectors/asymmetric/PKCS8 --------------------------------------------------
openssl genrsa -out pk8_rsa.pem 2048 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in pk8_rsa.pem -out pk8_unenc-rsa-pkcs8.pem;                        row pk8_unenc-rsa-pkcs8.pem pkcs8 "" ok same "pyca unenc-rsa-pkcs8.pem"
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:1024 -out pk8_dsa.param 2>/dev/null
openssl genpkey -paramfile pk8_dsa.param -out pk8_unenc-dsa-pkcs8.pem;                             row pk8_unenc-dsa-pkcs8.pem pkcs8 "" ok same "pyca unenc-dsa-pkcs8.pem"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out pk8_ec-v1-with-public-key.pem;   row pk8_ec-v1-with-public-key.pem pkcs8 "" ok same "pyca ec-v1-with-public-key"
openssl genpkey -algorithm ed25519 -out pk8_ed25519.pem;                                           row pk8_ed25519.pem pkcs8 "" ok openssl "pyca ed25519 (OpenSSL 3's unencrypted Ed25519 PKCS#8; ssh-keygen 9.2 cannot read it)"
openssl genpkey -algorithm x25519 -out pk8_x25519.pem;                                             row pk8_x25519.pem pkcs8 "" KeyTypeUnsupported fails "pyca x25519-v2-with-public-key (a key-agreement key)"
openssl genpkey -algorithm x448 -out pk8_x448.pem;                                                 row pk8_x448.pem pkcs8 "" KeyTypeUnsupported fails "pyca x448"
openssl genpkey -algorithm ed448 -out pk8_ed448.pem;                                               row pk8_ed448.pem pkcs8 "" KeyTypeUnsupported fails "pyca ed448-v2-with-public-key"
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out pk8_rsa_pss_2048.pem 2>/dev/null; row pk8_rsa_pss_2048.pem pkcs8 "" KeyTypeUnsupported fails "pyca rsa_pss_2048.pem"
P8=pkcs8pass
for v in "aes-256-cbc:hmacWithSHA256:enc-rsa-pkcs8" "aes-128-cbc:hmacWithSHA1:enc-rsa-aes128-sha1" "aes-192-cbc:hmacWithSHA256:rsa-aes-192-cbc" "des3:hmacWithSHA256:enc-rsa-3des" "aes-256-cbc:hmacWithSHA1:enc-rsa-aes256-sha1" "aes-128-cbc:hmacWithSHA256:enc-rsa-aes128-sha256" "aes-256-cbc:hmacWithSHA512:enc-rsa-aes256-sha512" "aes-256-cbc:hmacWithSHA224:enc-rsa-aes256-sha224" "aes-256-cbc:hmacWithSHA384:enc-rsa-aes256-sha384"; do
  IFS=: read cipher prf name <<< "$v"
  openssl pkcs8 -topk8 -in pk8_rsa.pem -v2 $cipher -v2prf $prf -passout pass:$P8 -out pk8_$name.pem;  row pk8_$name.pem pkcs8 $P8 ok same "pyca $name (PBES2, PBKDF2 $prf, $cipher)"
done
openssl pkcs8 -topk8 -in pk8_ed25519.pem -v2 aes-256-cbc -passout pass:$P8 -out pk8_ed25519-encrypted.pem; row pk8_ed25519-encrypted.pem pkcs8 $P8 ok openssl "encrypted Ed25519 PKCS#8 (OpenSSL 3 default PBES2)"
openssl pkcs8 -topk8 -in pk8_ec-v1-with-public-key.pem -v2 aes-256-cbc -passout pass:$P8 -out pk8_ec_private_key_encrypted.pem; row pk8_ec_private_key_encrypted.pem pkcs8 $P8 ok same "pyca ec_private_key_encrypted.pem"
openssl pkcs8 -topk8 -in pk8_rsa.pem -v2 aria-128-cbc -passout pass:$P8 -out pk8_enc-unknown-algorithm.pem;   row pk8_enc-unknown-algorithm.pem pkcs8 $P8 KeyEncryptionUnsupported reads "pyca enc-unknown-algorithm.pem (PBES2 with ARIA)"
openssl pkcs8 -topk8 -in pk8_rsa.pem -v2 camellia-128-cbc -passout pass:$P8 -out pk8_enc-camellia.pem;        row pk8_enc-camellia.pem pkcs8 $P8 KeyEncryptionUnsupported reads "PBES2 with Camellia"
openssl pkcs8 -topk8 -in pk8_rsa.pem -v1 PBE-MD5-DES -provider legacy -provider default -passout pass:$P8 -out pk8_rsa-pbewithmd5anddescbc.pem; row pk8_rsa-pbewithmd5anddescbc.pem pkcs8 $P8 KeyEncryptionUnsupported fails "pyca rsa-pbewithmd5anddescbc.pem (PBES1)"
openssl pkcs8 -topk8 -in pk8_rsa.pem -v1 PBE-SHA1-RC2-40 -provider legacy -provider default -passout pass:$P8 -out pk8_rsa-40bitrc2.pem; row pk8_rsa-40bitrc2.pem pkcs8 $P8 KeyEncryptionUnsupported fails "pyca rsa-40bitrc2.pem (PKCS#12 PBE)"
openssl pkcs8 -topk8 -in pk8_rsa.pem -v1 PBE-SHA1-3DES -passout pass:$P8 -out pk8_rsa-pbe-3des.pem;           row pk8_rsa-pbe-3des.pem pkcs8 $P8 KeyEncryptionUnsupported reads "pyca rsa-pbe-3des-long-salt.pem (PKCS#12 PBE, SHA-1 and 3DES)"
openssl pkcs8 -topk8 -in pk8_rsa.pem -v2 aes-256-cbc -iter 300000 -passout pass:$P8 -out pk8_enc-rsa-300000-iterations.pem; row pk8_enc-rsa-300000-iterations.pem pkcs8 $P8 KdfTooExpensive reads "PBKDF2 over the 200000-iteration cap"
cp pk8_enc-rsa-pkcs8.pem pk8_enc-rsa-wrong-passphrase.pem;                                           row pk8_enc-rsa-wrong-passphrase.pem pkcs8 "not the passphrase" KeyWrongPassphrase fails "PBES2 with a wrong passphrase"
sed 's/END PRIVATE KEY/END RSA PRIVATE KEY/' pk8_unenc-rsa-pkcs8.pem > pk8_wrong-pem-delimiter-rsa.pem; row pk8_wrong-pem-delimiter-rsa.pem pkcs8 "" KeyFormatInvalid fails "pyca wrong-pem-delimiter-rsa.pem"
# Hand-built ASN.1 (openssl asn1parse -genconf): cases no tool writes on purpose.
asn1() { openssl asn1parse -genconf "$1" -noout -out "$2.der"; { echo "-----BEGIN $3-----"; base64 -w 64 "$2.der"; echo "-----END $3-----"; } > "$2"; rm "$1" "$2.der"; }
SEED=$(openssl rand -hex 32)
printf 'asn1=SEQUENCE:k\n[k]\nv=INTEGER:1\na=SEQUENCE:alg\nkey=FORMAT:HEX,OCTETSTRING:0420%s\npub=IMPLICIT:1,FORMAT:HEX,BITSTRING:%s\n[alg]\noid=OID:1.3.101.112\n' "$SEED" "$(openssl rand -hex 32)" > g.cnf
asn1 g.cnf pk8_ed25519-v2-with-wrong-public-key.pem "PRIVATE KEY";                                  row pk8_ed25519-v2-with-wrong-public-key.pem pkcs8 "" KeyFormatInvalid fails "pyca ed25519-v2-with-wrong-public-key.der"
printf 'asn1=SEQUENCE:k\n[k]\nv=INTEGER:0\na=SEQUENCE:alg\nkey=FORMAT:HEX,OCTETSTRING:%s\n[alg]\noid=OID:2.16.840.1.101.3.4.3.17\n' "$(openssl rand -hex 64)" > g.cnf
asn1 g.cnf pk8_mldsa44.pem "PRIVATE KEY";                                                            row pk8_mldsa44.pem pkcs8 "" KeyTypeUnsupported fails "pyca mldsa44-v2-with-public-key.der (ML-DSA-44 seed)"
printf 'asn1=SEQUENCE:k\n[k]\nv=INTEGER:0\na=SEQUENCE:alg\nkey=FORMAT:HEX,OCTETSTRING:0420%s\n[alg]\noid=OID:1.2.3.4.5.6.7\n' "$SEED" > g.cnf
asn1 g.cnf pk8_unknown-oid.pem "PRIVATE KEY";                                                        row pk8_unknown-oid.pem pkcs8 "" KeyTypeUnsupported fails "pyca unknown-oid.der"
printf 'asn1=SEQUENCE:k\n[k]\nv=INTEGER:7\na=SEQUENCE:alg\nkey=FORMAT:HEX,OCTETSTRING:0420%s\n[alg]\noid=OID:1.3.101.112\n' "$SEED" > g.cnf
asn1 g.cnf pk8_invalid-version.pem "PRIVATE KEY";                                                    row pk8_invalid-version.pem pkcs8 "" KeyFormatInvalid fails "pyca invalid-version.der"
N=FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
printf 'asn1=SEQUENCE:k\n[k]\nv=INTEGER:0\na=SEQUENCE:alg\nkey=OCTWRAP,SEQUENCE:ec\n[alg]\noid=OID:1.2.840.10045.2.1\ncurve=OID:prime256v1\n[ec]\nv=INTEGER:1\nd=FORMAT:HEX,OCTETSTRING:%s\n' "$N" > g.cnf
asn1 g.cnf pk8_ec-invalid-private-scalar.pem "PRIVATE KEY";                                          row pk8_ec-invalid-private-scalar.pem pkcs8 "" KeyFormatInvalid fails "pyca ec-invalid-private-scalar.pem (d = n)"
ECD=$(openssl ec -in pk8_ec-v1-with-public-key.pem -text -noout 2>/dev/null | awk '/priv:/{f=1;next}/pub:/{f=0}f' | tr -d ' :\n')
printf 'asn1=SEQUENCE:k\n[k]\nv=INTEGER:0\na=SEQUENCE:alg\nkey=OCTWRAP,SEQUENCE:ec\n[alg]\noid=OID:1.2.840.10045.2.1\ncurve=OID:prime256v1\n[ec]\nv=INTEGER:1\nd=FORMAT:HEX,OCTETSTRING:%s\nparams=EXPLICIT:0,OID:secp384r1\n' "$ECD" > g.cnf
asn1 g.cnf pk8_ec-inconsistent-curve.pem "PRIVATE KEY";                                              row pk8_ec-inconsistent-curve.pem pkcs8 "" KeyFormatInvalid reads "pyca ec-inconsistent-curve.pem"
P=$(openssl dsa -in go_dsa -text -noout 2>/dev/null | awk '/^P:/{f=1;next}/^Q:/{f=0}f' | tr -d ' :\n')
G=$(openssl dsa -in go_dsa -text -noout 2>/dev/null | awk '/^G:/{f=1;next}/^pub:|^priv:/{f=0}f' | tr -d ' :\n')
printf 'asn1=SEQUENCE:k\n[k]\nv=INTEGER:0\np=INTEGER:0x%s\nq=INTEGER:0x%s\ng=INTEGER:0x%s\ny=INTEGER:5\nx=INTEGER:0x%s\n' "$P" "7F$(openssl rand -hex 2000)" "$G" "7F$(openssl rand -hex 1999)" > g.cnf
asn1 g.cnf dsa_huge_q.pem "DSA PRIVATE KEY";                                                         row dsa_huge_q.pem pem "" KeyFormatInvalid skip "issue 14: DSA PEM with a 16000-bit q (refused before any arithmetic)"
rm pk8_rsa.pem pk8_dsa.param

# --- issue 16: real-world damage and limits -----------------------------------------------------
openssl genrsa -traditional -out rsa_768.pem 768 2>/dev/null;                                       row rsa_768.pem pem "" KeyTooSmall fails "issue 16: RSA under 1024 bits (ssh-keygen: Invalid key length)"
python3 ../craft.py rsa-public rsa_768.pem rsa_768.pem.pub;                                         row rsa_768.pem.pub pub "" KeyTooSmall fails "issue 16: the .pub of an RSA key under 1024 bits"
python3 ../craft.py rsa-mismatch go_rsa rsa_n_not_pq.pem;                                           row rsa_n_not_pq.pem pem "" KeyFormatInvalid reads "issue 14: RSA with n != p*q (OpenSSL prints its public key; SSH.NET would throw)"
keygen -t ecdsa -b 256 -C "" -N "" -f ecdsa_src; python3 ../craft.py bad-point ecdsa_src ecdsa_bad_point; rm ecdsa_src ecdsa_src.pub
row ecdsa_bad_point openssh "" KeyFormatInvalid fails "issue 14: ECDSA public point off the curve"
keygen -t ed25519 -C "" -N "$PW" -a 16 -f bcrypt_src; rm bcrypt_src.pub
keygen -t ed25519 -C "" -N "$PW" -a 501 -f bcrypt_501_rounds; rm bcrypt_501_rounds.pub;           row bcrypt_501_rounds openssh "$PW" KdfTooExpensive reads "issue 14: bcrypt rounds over the 500 cap (ssh-keygen -a 501: ~4 s per use)"
python3 ../craft.py rounds bcrypt_src bcrypt_2147483647_rounds 2147483647;                          row bcrypt_2147483647_rounds openssh "$PW" KdfTooExpensive skip "issue 14: bcrypt rounds 2^31-1 (about 100 days)"
rm bcrypt_src
head -c 300 ed25519_1 > ed25519_1_truncated;                                                        row ed25519_1_truncated openssh "" KeyFormatInvalid fails "a key cut short"
sed '3s/A/B/' ed25519_1 > ed25519_1_damaged;                                                        row ed25519_1_damaged openssh "" KeyFormatInvalid fails "a key with one character changed"
rm -f *.pass
# The .pub files ssh-keygen wrote beside the keys above are corpus entries too.
for pub in openssh_new_ed25519.pub pm_ecdsa-256.key.pub pm_ed25519.key.pub pm_rsa-lonely.key.pub pm_rsa.key.pub; do row "$pub" pub "" ok same "the .pub ssh-keygen wrote with ${pub%.pub}"; done
echo "corpus: $(($(wc -l < "$MANIFEST") - 1)) files"
