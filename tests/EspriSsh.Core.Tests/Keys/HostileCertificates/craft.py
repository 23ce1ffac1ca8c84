#!/usr/bin/env python3
"""Crafts the hostile certificates of issue 26 (README.md beside this file). Each is signed for real
by a fresh certificate authority unless the case is about the signature, so that the one fault it
carries is the only reason to refuse it. Needs python3-cryptography and openssl; run from this folder, then
commit files/ and manifest.tsv as written (tests compare the bytes with the manifest's SHA-256)."""
import base64, hashlib, os, struct, subprocess
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, padding, rsa, utils

SUFFIX = b"-cert-v01@openssh.com"


def string(b):
    return struct.pack(">I", len(b)) + b


def mpint(n):
    b = n.to_bytes((n.bit_length() + 8) // 8, "big") if n else b""
    return string(b)


def u32(n):
    return struct.pack(">I", n)


def u64(n):
    return struct.pack(">Q", n)


def rsa_key(bits):
    # cryptography refuses to make RSA keys under 1024 bits; OpenSSL still makes them.
    if bits >= 1024:
        return rsa.generate_private_key(65537, bits)
    pem = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}"], check=True, capture_output=True).stdout
    return serialization.load_pem_private_key(pem, None, unsafe_skip_rsa_key_validation=True)


def raw(public):
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def ec_point(public):
    return public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


class Ca:
    """A certificate authority: its public blob and a sign(data) -> SSH signature blob."""

    def __init__(self, kind):
        self.kind = kind
        if kind == "ed25519":
            self.key = ed25519.Ed25519PrivateKey.generate()
            self.blob = string(b"ssh-ed25519") + string(raw(self.key.public_key()))
        elif kind.startswith("rsa"):
            bits = int(kind.split("-")[1]) if "-" in kind else 2048
            self.key = rsa_key(bits)
            n = self.key.public_key().public_numbers()
            self.blob = string(b"ssh-rsa") + mpint(n.e) + mpint(n.n)
        elif kind == "p384":
            self.key = ec.generate_private_key(ec.SECP384R1())
            self.blob = string(b"ecdsa-sha2-nistp384") + string(b"nistp384") + string(ec_point(self.key.public_key()))
        elif kind == "dsa":
            self.key = dsa.generate_private_key(1024)
            n = self.key.public_key().public_numbers()
            p = n.parameter_numbers
            self.blob = string(b"ssh-dss") + mpint(p.p) + mpint(p.q) + mpint(p.g) + mpint(n.y)
        elif kind == "sk-ed25519":
            self.key = ed25519.Ed25519PrivateKey.generate()
            self.blob = string(b"sk-ssh-ed25519@openssh.com") + string(raw(self.key.public_key())) + string(b"ssh:")

    def sign(self, data, rsa_name=b"rsa-sha2-512"):
        if self.kind == "ed25519":
            return string(b"ssh-ed25519") + string(self.key.sign(data))
        if self.kind.startswith("rsa"):
            digest = {b"ssh-rsa": hashes.SHA1(), b"rsa-sha2-256": hashes.SHA256(), b"rsa-sha2-512": hashes.SHA512()}[rsa_name]
            return string(rsa_name) + string(self.key.sign(data, padding.PKCS1v15(), digest))
        if self.kind == "p384":
            r, s = utils.decode_dss_signature(self.key.sign(data, ec.ECDSA(hashes.SHA384())))
            return string(b"ecdsa-sha2-nistp384") + string(mpint(r) + mpint(s))
        if self.kind == "dsa":
            r, s = utils.decode_dss_signature(self.key.sign(data, hashes.SHA1()))
            return string(b"ssh-dss") + string(r.to_bytes(20, "big") + s.to_bytes(20, "big"))
        if self.kind == "sk-ed25519":
            flags, counter = b"\x01", u32(7)
            message = hashlib.sha256(b"ssh:").digest() + flags + counter + hashlib.sha256(data).digest()
            return string(b"sk-ssh-ed25519@openssh.com") + string(self.key.sign(message)) + flags + counter


USER = ed25519.Ed25519PrivateKey.generate()
USER_FIELDS = string(raw(USER.public_key()))
CA = Ca("ed25519")
FLAGS = b"".join(string(n) + string(b"") for n in [b"permit-X11-forwarding", b"permit-agent-forwarding", b"permit-port-forwarding", b"permit-pty", b"permit-user-rc"])


def options(*pairs):
    return b"".join(string(name) + string(data) for name, data in pairs)


def certificate(ctype=b"ssh-ed25519" + SUFFIX, key_fields=USER_FIELDS, serial=1, kind=1, key_id=b"alice@example.org",
                principals=(b"alice",), principals_field=None, after=0, before=2**64 - 1, critical=b"", extensions=FLAGS,
                ca=CA, ca_blob=None, signature=None, trailing=b"", rsa_name=b"rsa-sha2-512", tamper=None):
    body = (string(ctype) + string(os.urandom(32)) + key_fields + u64(serial) + u32(kind) + string(key_id)
            + (principals_field if principals_field is not None else string(b"".join(string(p) for p in principals)))
            + u64(after) + u64(before) + string(critical) + string(extensions) + string(b"") + string(ca_blob or ca.blob))
    sig = signature if signature is not None else ca.sign(body, rsa_name)
    if tamper:
        sig = tamper(sig)
    return body + string(sig) + trailing


def flip_last_byte(sig):
    return sig[:-1] + bytes([sig[-1] ^ 1])


def rsa_fields(bits):
    n = rsa_key(bits).public_key().public_numbers()
    return mpint(n.e) + mpint(n.n)


def off_curve_fields():
    point = bytearray(ec_point(ec.generate_private_key(ec.SECP256R1()).public_key()))
    point[-1] ^= 1
    return string(b"nistp256") + string(bytes(point))


# name, line type (None: the blob's), the blob, ssh-keygen -L's verdict, a phrase EspriSsh's problem holds
CASES = [
    ("valid_ed25519_ca", None, certificate(), "ok", ""),
    ("valid_rsa_sha512_ca", None, certificate(ca=Ca("rsa")), "ok", ""),
    ("valid_rsa_sha1_ca", None, certificate(ca=Ca("rsa"), rsa_name=b"ssh-rsa"), "ok", ""),
    ("valid_ecdsa_p384_ca", None, certificate(ca=Ca("p384")), "ok", ""),
    ("valid_dsa_ca", None, certificate(ca=Ca("dsa")), "ok", ""),
    ("valid_sk_ed25519_ca", None, certificate(ca=Ca("sk-ed25519")), "ok", ""),
    ("valid_256_principals", None, certificate(principals=[b"user%d" % i for i in range(256)]), "ok", ""),
    ("valid_terminal_escapes", None, certificate(key_id=b"\x1b[2J\x1b[H\x1b]0;pwned\x07id", principals=(b"root\r\nFORGED\xe2\x80\xae",)), "ok", ""),
    ("valid_unknown_critical_option", None, certificate(critical=options((b"future-option@example.org", b"\x01\x02"))), "ok", ""),
    ("valid_unknown_extension", None, certificate(extensions=FLAGS + options((b"x-ext@example.org", b"opaque"))), "ok", ""),
    ("valid_source_address", None, certificate(critical=options((b"source-address", string(b"10.0.0.0/8")))), "ok", ""),
    ("empty_key_type", b"-cert-v01@openssh.com", certificate(ctype=SUFFIX), "refused", "not a certificate type"),
    ("empty_type_inside", b"-cert-v01@openssh.com", certificate(ctype=b""), "refused", "not a certificate type"),
    ("unknown_key_type", None, certificate(ctype=b"ssh-foo" + SUFFIX), "refused", "a type EspriSsh cannot read"),
    ("principals_4500", None, certificate(principals=[b"u%d" % i for i in range(4500)]), "refused", "more than 256 principals"),
    ("principals_257", None, certificate(principals=[b"user%d" % i for i in range(257)]), "refused", "more than 256 principals"),
    ("principal_with_nul", None, certificate(principals=(b"alice\x00root",)), "refused", "NUL"),
    ("key_id_with_nul", None, certificate(key_id=b"alice\x00root"), "refused", "NUL"),
    ("principals_truncated", None, certificate(principals_field=string(b"\x00\x00\x00\x09alice")), "refused", "runs past the end"),
    ("force_command_extra_data", None, certificate(critical=options((b"force-command", string(b"true") + b"junk"))), "refused", "'force-command' holds data"),
    ("force_command_not_a_string", None, certificate(critical=options((b"force-command", b"\x00\x00\x00\x10true"))), "refused", "runs past the end"),
    ("source_address_nested_twice", None, certificate(critical=options((b"source-address", string(string(b"10.0.0.0/8"))))), "refused", "NUL"),
    ("verify_required_with_data", None, certificate(critical=options((b"verify-required", b"yes"))), "refused", "'verify-required' holds data"),
    ("permit_pty_with_data", None, certificate(extensions=options((b"permit-pty", b"\x00"))), "refused", "'permit-pty' holds data"),
    ("option_without_data", None, certificate(critical=string(b"force-command")), "refused", "ends too early"),
    ("option_name_with_nul", None, certificate(extensions=options((b"permit-pty\x00x", b""))), "refused", "NUL"),
    ("bad_signature", None, certificate(tamper=flip_last_byte), "refused", "does not verify"),
    ("signature_type_mismatch", None, certificate(tamper=lambda sig: string(b"ssh-rsa") + sig[4 + 11:]), "refused", "does not verify"),
    ("signature_extra_bytes", None, certificate(tamper=lambda sig: sig + b"\x00"), "refused", "does not verify"),
    ("ca_is_a_certificate", None, certificate(ca_blob=certificate()), "refused", "certificate authority"),
    ("ca_unknown_type", None, certificate(ca_blob=string(b"ssh-foo") + string(b"x" * 32)), "refused", "certificate authority"),
    ("ca_rsa_768", None, certificate(ca=Ca("rsa-768")), "refused", "768 bits"),
    ("certified_rsa_768", b"ssh-rsa" + SUFFIX, certificate(ctype=b"ssh-rsa" + SUFFIX, key_fields=rsa_fields(768)), "refused", "768 bits"),
    ("certified_point_off_curve", b"ecdsa-sha2-nistp256" + SUFFIX, certificate(ctype=b"ecdsa-sha2-nistp256" + SUFFIX, key_fields=off_curve_fields()), "refused", "not on its curve"),
    ("kind_3", None, certificate(kind=3), "refused", "unknown kind 3"),
    ("trailing_bytes", None, certificate(trailing=b"\x00\x00\x00\x00"), "refused", "extra bytes"),
    ("truncated", None, certificate()[:-40], "refused", "runs past the end"),
    ("huge_length_field", None, certificate(principals_field=b"\xff\xff\xff\xff"), "refused", "runs past the end"),
]

os.makedirs("files", exist_ok=True)
with open("manifest.tsv", "w") as manifest:
    manifest.write("file\tssh-keygen\tproblem\tsha256\n")
    for name, line_type, blob, verdict, phrase in CASES:
        kind = line_type or blob[4:4 + struct.unpack(">I", blob[:4])[0]]
        content = kind + b" " + base64.b64encode(blob) + b" crafted " + name.encode() + b"\n"
        path = os.path.join("files", name + "-cert.pub")
        with open(path, "wb") as f:
            f.write(content)
        manifest.write(f"{name}-cert.pub\t{verdict}\t{phrase}\t{hashlib.sha256(content).hexdigest()}\n")
