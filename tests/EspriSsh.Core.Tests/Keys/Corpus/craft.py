#!/usr/bin/env python3
"""Hand-crafted corpus files the real tools cannot make here (no FIDO token, no OpenSSH 10,
deliberately damaged or hostile files). Standard library only; see README.md."""
import base64, os, struct, sys

MAGIC = b"openssh-key-v1\0"


def string(b):
    return struct.pack(">I", len(b)) + b


def read_string(data, at):
    n = struct.unpack(">I", data[at:at + 4])[0]
    return data[at + 4:at + 4 + n], at + 4 + n


def armor(blob):
    text = base64.b64encode(blob).decode()
    lines = [text[i:i + 70] for i in range(0, len(text), 70)]
    return ("-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END OPENSSH PRIVATE KEY-----\n").encode()


def unarmor(path):
    lines = open(path, "rb").read().decode().strip().splitlines()
    return base64.b64decode("".join(lines[1:-1]))


def container(public_blob, private_fields, comment, pad=True):
    check = os.urandom(4)
    section = check + check + private_fields + string(comment.encode())
    i = 1
    while pad and len(section) % 8:
        section += bytes([i])
        i += 1
    return MAGIC + string(b"none") + string(b"none") + string(b"") + struct.pack(">I", 1) + string(public_blob) + string(section)


def write(path, data, mode="wb"):
    with open(path, mode) as f:
        f.write(data)


def public_line(path, blob, comment):
    kind = read_string(blob, 0)[0].decode()
    write(path, (kind + " " + base64.b64encode(blob).decode() + " " + comment + "\n").encode())


def sk_ed25519(prefix, comment):
    kind = b"sk-ssh-ed25519@openssh.com"
    pk = os.urandom(32)
    pub = string(kind) + string(pk) + string(b"ssh:")
    fields = string(kind) + string(pk) + string(b"ssh:") + b"\x01" + string(os.urandom(64)) + string(b"")
    write(prefix, armor(container(pub, fields, comment)))
    public_line(prefix + ".pub", pub, comment)


def sk_ecdsa(prefix, ecdsa_pub, comment):
    blob = base64.b64decode(open(ecdsa_pub).read().split()[1])
    _, at = read_string(blob, 0)
    curve, at = read_string(blob, at)
    point, at = read_string(blob, at)
    kind = b"sk-ecdsa-sha2-nistp256@openssh.com"
    pub = string(kind) + string(curve) + string(point) + string(b"ssh:")
    fields = string(kind) + string(curve) + string(point) + string(b"ssh:") + b"\x01" + string(os.urandom(64)) + string(b"")
    write(prefix, armor(container(pub, fields, comment)))
    public_line(prefix + ".pub", pub, comment)


def mldsa(prefix, comment):
    # OpenSSH 10's hybrid type: a 1312-byte ML-DSA-44 key and a 32-byte ED25519 key.
    kind = b"ssh-mldsa44-ed25519@openssh.com"
    pub = string(kind) + string(os.urandom(1312 + 32))
    fields = string(kind) + string(os.urandom(1312 + 32)) + string(os.urandom(2560 + 64))
    write(prefix, armor(container(pub, fields, comment)))
    public_line(prefix + ".pub", pub, comment)
    cert = string(b"ssh-mldsa44-ed25519-cert-v01@openssh.com") + string(os.urandom(32)) + string(os.urandom(1312 + 32)) + os.urandom(64)
    public_line(prefix + "-cert.pub", cert, comment)


def private_section(blob):
    """The private section of an openssh-key-v1 blob, where its length field starts and where it ends."""
    at = len(MAGIC)
    for _ in range(3):
        _, at = read_string(blob, at)
    at += 4
    _, at = read_string(blob, at)
    section, end = read_string(blob, at)
    return section, at, end


def padding_length(section):
    """How many padding bytes (1, 2, 3...) end an unencrypted private section."""
    return next((p for p in range(7, 0, -1) if section.endswith(bytes(range(1, p + 1)))), 0)


def padding(path):
    print(padding_length(private_section(unarmor(path))[0]))


def repack(source, out):
    """An unencrypted ssh-keygen key with the padding of its private section removed: no longer a multiple of 8 bytes."""
    blob = unarmor(source)
    section, at, end = private_section(blob)
    write(out, armor(blob[:at] + string(section[:len(section) - padding_length(section)]) + blob[end:]))


def rounds(source, out, count):
    """An encrypted ssh-keygen key whose bcrypt rounds field says count (the rest unchanged)."""
    blob = bytearray(unarmor(source))
    at = len(MAGIC)
    _, at = read_string(blob, at)  # cipher
    _, at = read_string(blob, at)  # kdf
    options_at = at + 4
    salt, after_salt = read_string(blob, options_at)
    struct.pack_into(">I", blob, after_salt, count)
    write(out, armor(bytes(blob)))


def bad_point(source, out):
    """An unencrypted ECDSA key whose public point (in both halves) is no longer on the curve."""
    blob = bytearray(unarmor(source))
    text = bytes(blob)
    curve = string(b"nistp256")
    point, _ = read_string(text, text.index(curve) + len(curve))
    damaged = point[:-1] + bytes([point[-1] ^ 1])
    write(out, armor(text.replace(point, damaged)))


def rsa_mismatch(source_pem, out):
    """Legacy PEM RSA whose modulus is n + 2: the numbers no longer belong together."""
    import subprocess
    der = subprocess.run(["openssl", "rsa", "-traditional", "-in", source_pem, "-outform", "DER"], capture_output=True, check=True).stdout
    # SEQUENCE { version, n, ... }: n is the second INTEGER; bump its last byte by 2.
    at = 4 if der[1] == 0x82 else 2
    at += 3  # version INTEGER 0
    assert der[at] == 0x02
    length_byte = der[at + 1]
    if length_byte & 0x80:
        nlen_bytes = length_byte & 0x7F
        n_len = int.from_bytes(der[at + 2:at + 2 + nlen_bytes], "big")
        n_end = at + 2 + nlen_bytes + n_len
    else:
        n_end = at + 2 + length_byte
    der = bytearray(der)
    der[n_end - 1] = (der[n_end - 1] + 2) & 0xFF
    text = base64.b64encode(bytes(der)).decode()
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    write(out, ("-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----\n").encode())


def rsa_public(source_pem, out):
    """The .pub line of an RSA key ssh-keygen refuses to touch (under 1024 bits), from openssl's numbers."""
    import subprocess
    modulus = subprocess.run(["openssl", "rsa", "-in", source_pem, "-noout", "-modulus"], capture_output=True, check=True).stdout.decode()
    n = int(modulus.strip().split("=")[1], 16)

    def mpint(v):
        raw = v.to_bytes((v.bit_length() + 7) // 8, "big")
        return string(b"\0" + raw if raw[0] & 0x80 else raw)

    public_line(out, string(b"ssh-rsa") + mpint(65537) + mpint(n), "small@rsa")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"padding": lambda: padding(args[0]),
     "sk-ed25519": lambda: sk_ed25519(args[0], args[1]),
     "sk-ecdsa": lambda: sk_ecdsa(args[0], args[1], args[2]),
     "mldsa": lambda: mldsa(args[0], args[1]),
     "nopad": lambda: repack(args[0], args[1]),
     "rounds": lambda: rounds(args[0], args[1], int(args[2])),
     "bad-point": lambda: bad_point(args[0], args[1]),
     "rsa-mismatch": lambda: rsa_mismatch(args[0], args[1]),
     "rsa-public": lambda: rsa_public(args[0], args[1])}[command]()
