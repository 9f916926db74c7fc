"""Password hashing with scrypt from the standard library; hashes carry their parameters."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# OWASP's password storage cheat sheet lists equivalent scrypt settings; N=2^15, r=8, p=3 costs
# 32 MiB (128 * r * N bytes) instead of the 128 MiB of N=2^17, p=1, for the same work factor.
# Hashes made with other parameters still verify, and are upgraded at the next sign-in.
_N, _R, _P = 2**15, 8, 3
# Room for hashes made with the earlier N=2^17 (128 MiB) parameters.
_MAXMEM = 256 * 1024 * 1024
_PREFIX = "scrypt"


def hash_password(password: str, *, n: int = _N) -> str:
    """A salted scrypt hash; ``n`` lower than the default is for test fixtures only."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=_R, p=_P, maxmem=_MAXMEM,
                            dklen=32)
    return "$".join([_PREFIX, str(n), str(_R), str(_P),
                     base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


def verify_password(password: str, stored: str) -> bool:
    try:
        prefix, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if prefix != _PREFIX:
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(digest_b64)
        digest = hashlib.scrypt(password.encode(), salt=salt, n=int(n), r=int(r), p=int(p),
                                maxmem=_MAXMEM, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


# A hash of a random password nobody knows, made with today's parameters: a constant, so the
# first unknown name costs no more than later ones.
_DUMMY_HASH = ("scrypt$32768$8$3$R2UCGGZk8LWCWyfJ8gKqdA==$7j+qGv1/RcrXqCHDHF"
               "j0kGwfIQT8SVl8OJg/Tp+qPGo=")


def verify_nothing(password: str) -> bool:
    """Spend the time of a real verification and fail: for a user name that does not exist.

    Without it an unknown name is answered at once and a real one after a hash, which tells an
    attacker which names are worth guessing passwords for.
    """
    verify_password(password, _DUMMY_HASH)
    return False


def needs_rehash(stored: str) -> bool:
    """Whether a hash was made with other parameters than today's (older or test ones)."""
    parts = stored.split("$")
    return len(parts) != 6 or parts[0] != _PREFIX or parts[1:4] != [str(_N), str(_R), str(_P)]


def unknown_name_key(name: str) -> str:
    """The key failed sign-ins under a user name without an account are counted under: a hash
    of the lower-cased name, so the name (often a password typed in the wrong box) is not
    stored."""
    return hashlib.sha256(f"upw-ttg sign-in:{name.strip().lower()}".encode()).hexdigest()
