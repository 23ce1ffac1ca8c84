#!/usr/bin/env python3
"""Crafts the hostile encrypted PKCS#8 files of issue 26 (README.md beside this file): one real
Ed25519 key, encrypted by hand (PBES2, PBKDF2, AES-CBC) so that each file carries exactly one fault
in its encryption parameters, its encrypted data or what the data decrypts to. Needs
python3-cryptography; run from this folder, then commit files/ and manifest.tsv as written."""
import base64, hashlib, os
from cryptography.hazmat.primitives import padding, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PASSPHRASE = b"pkcs8pass"
PBES2, PBKDF2 = "1.2.840.113549.1.5.13", "1.2.840.113549.1.5.12"
HMAC_SHA256, HMAC_MD5 = "1.2.840.113549.2.9", "1.2.840.113549.2.6"
AES256_CBC = "2.16.840.1.101.3.4.1.42"


def der(tag, body):
    n = len(body)
    length = bytes([n]) if n < 128 else bytes([0x80 | len(n.to_bytes((n.bit_length() + 7) // 8, "big"))]) + n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag]) + length + body


def seq(*items):
    return der(0x30, b"".join(items))


def octets(b):
    return der(0x04, b)


def integer(n):
    return der(0x02, n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big"))


def oid(dotted):
    parts = [int(p) for p in dotted.split(".")]
    body = bytes([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.insert(0, 0x80 | (p & 0x7F))
            p >>= 7
        body += bytes(chunk)
    return der(0x06, body)


NULL = b"\x05\x00"
PLAIN = ed25519.Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def encrypted(plain=PLAIN, iterations=2048, key_length=None, prf=HMAC_SHA256, iv=None, iv_field=None, cut=0, pad=True):
    salt = os.urandom(16)
    iv = iv if iv is not None else os.urandom(16)
    # A declared count over the cap is never run (KdfTooExpensive): the data need not match it.
    key = hashlib.pbkdf2_hmac("sha256", PASSPHRASE, salt, iterations if 0 < iterations <= 200000 else 1, 32)
    padder = padding.PKCS7(128).padder()
    data = padder.update(plain) + padder.finalize() if pad else plain
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv if len(iv) == 16 else os.urandom(16))).encryptor()
    data = encryptor.update(data) + encryptor.finalize()
    kdf = seq(oid(PBKDF2), seq(octets(salt), integer(iterations), *([integer(key_length)] if key_length is not None else []), seq(oid(prf), NULL)))
    scheme = seq(oid(AES256_CBC), iv_field if iv_field is not None else octets(iv))
    body = seq(seq(oid(PBES2), seq(kdf, scheme)), octets(data[:len(data) - cut]))
    text = base64.b64encode(body).decode()
    return ("-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + "\n".join(text[i:i + 64] for i in range(0, len(text), 64)) + "\n-----END ENCRYPTED PRIVATE KEY-----\n").encode()


# name, bytes, passphrase, EspriSsh's ErrorId (ok: read), what openssl pkey does with the passphrase
CASES = [
    ("valid", encrypted(), PASSPHRASE, "ok", "ok"),
    ("wrong_passphrase", encrypted(), b"not the passphrase", "KeyWrongPassphrase", "fails"),
    ("iv_of_8_bytes", encrypted(iv=os.urandom(8)), PASSPHRASE, "KeyFormatInvalid", "fails"),
    ("iv_not_octets", encrypted(iv_field=NULL), PASSPHRASE, "KeyFormatInvalid", "fails"),
    ("data_not_whole_blocks", encrypted(cut=5), PASSPHRASE, "KeyFormatInvalid", "fails"),
    ("data_empty", encrypted(cut=10 ** 6), PASSPHRASE, "KeyFormatInvalid", "fails"),
    ("key_length_7", encrypted(key_length=7), PASSPHRASE, "KeyFormatInvalid", "fails"),
    ("iterations_zero", encrypted(iterations=0), PASSPHRASE, "KeyFormatInvalid", "fails"),
    ("iterations_2_31", encrypted(iterations=2 ** 31 - 1), PASSPHRASE, "KdfTooExpensive", "skip"),
    ("prf_hmac_md5", encrypted(prf=HMAC_MD5), PASSPHRASE, "KeyEncryptionUnsupported", "fails"),
    ("no_padding", encrypted(plain=PLAIN + b"\x00" * (16 - len(PLAIN) % 16), pad=False), PASSPHRASE, "KeyWrongPassphrase", "fails"),
    ("decrypts_to_an_integer", encrypted(plain=integer(5)), PASSPHRASE, "KeyWrongPassphrase", "fails"),
    ("decrypts_to_trailing_bytes", encrypted(plain=PLAIN + b"\x00\x00"), PASSPHRASE, "ok", "ok"),
]

os.makedirs("files", exist_ok=True)
with open("manifest.tsv", "w") as manifest:
    manifest.write("file\tpassphrase\tespri\topenssl\tsha256\n")
    for name, content, passphrase, espri, peer in CASES:
        with open(os.path.join("files", name + ".pem"), "wb") as f:
            f.write(content)
        manifest.write(f"{name}.pem\t{passphrase.decode()}\t{espri}\t{peer}\t{hashlib.sha256(content).hexdigest()}\n")
