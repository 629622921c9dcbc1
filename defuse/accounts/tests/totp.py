"""RFC 6238 time-based one-time passwords, computed here as an authenticator app would (not
with the code under test)."""

import base64
import hashlib
import hmac
import struct
import time


def totp(secret: str, at: float | None = None, digits: int = 6, period: int = 30) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // period)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)
