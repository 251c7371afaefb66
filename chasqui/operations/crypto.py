"""Encrypted archives: a passphrase-derived key and AES-GCM over fixed-size chunks, so a large media
folder is encrypted and decrypted in flat memory.

Layout: MAGIC, a 16-byte salt, then frames of (4-byte length, 12-byte nonce, ciphertext). Each
chunk's associated data is its index and whether it is the last, so chunks cannot be dropped,
reordered or cut off at the end without decryption failing.
"""

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"CHASQUI-BACKUP-AESGCM-1\n"
SALT_BYTES = 16
NONCE_BYTES = 12
CHUNK_BYTES = 1024 * 1024
# scrypt's recommended interactive cost: about 0.1 s and 16 MiB, once per archive.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


class DecryptionError(Exception):
    """The passphrase is wrong, or the archive was altered or cut short."""


def derive_key(passphrase, salt):
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return kdf.derive(passphrase.encode("utf-8"))


def _associated_data(index, last):
    return struct.pack(">Q?", index, last)


def is_encrypted(path):
    with open(path, "rb") as file:
        return file.read(len(MAGIC)) == MAGIC


class EncryptingWriter:
    """A write-only file object: what is written goes out encrypted to `target`, chunk by chunk."""

    def __init__(self, target, passphrase):
        salt = os.urandom(SALT_BYTES)
        self._aead = AESGCM(derive_key(passphrase, salt))
        self._target = target
        self._buffer = bytearray()
        self._index = 0
        target.write(MAGIC + salt)

    def write(self, data):
        self._buffer.extend(data)
        while len(self._buffer) > CHUNK_BYTES:
            self._emit(bytes(self._buffer[:CHUNK_BYTES]), last=False)
            del self._buffer[:CHUNK_BYTES]
        return len(data)

    def close(self):
        """Writes the last chunk (possibly empty), which marks the end of the archive."""
        self._emit(bytes(self._buffer), last=True)
        self._buffer.clear()

    def _emit(self, chunk, *, last):
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, chunk, _associated_data(self._index, last))
        self._target.write(struct.pack(">I", len(sealed)) + nonce + sealed)
        self._index += 1


class DecryptingReader:
    """A read-only file object over an encrypted archive; raises DecryptionError on a wrong
    passphrase, a changed byte or a missing end."""

    def __init__(self, source, passphrase):
        header = source.read(len(MAGIC) + SALT_BYTES)
        if not header.startswith(MAGIC):
            raise DecryptionError("This is not an encrypted Chasqui backup.")
        self._aead = AESGCM(derive_key(passphrase, header[len(MAGIC) :]))
        self._source = source
        self._buffer = bytearray()
        self._index = 0
        self._finished = False

    def read(self, size=-1):
        while not self._finished and (size < 0 or len(self._buffer) < size):
            self._buffer.extend(self._next_chunk())
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def _next_chunk(self):
        frame_header = self._source.read(4 + NONCE_BYTES)
        if len(frame_header) < 4 + NONCE_BYTES:
            raise DecryptionError("The encrypted archive is cut short.")
        (length,) = struct.unpack(">I", frame_header[:4])
        sealed = self._source.read(length)
        nonce = frame_header[4:]
        for last in (False, True):
            try:
                chunk = self._aead.decrypt(nonce, sealed, _associated_data(self._index, last))
            except InvalidTag:
                continue
            self._index += 1
            self._finished = last
            return chunk
        if self._index == 0:
            raise DecryptionError("Wrong passphrase (or the archive is damaged).")
        raise DecryptionError(f"The encrypted archive is damaged at chunk {self._index}.")
