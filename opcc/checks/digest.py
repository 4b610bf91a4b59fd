"""The private store's keyed digest: a leak scan for a clone that has no private store.

The Pages workflow builds the site in a fresh clone, where the private store (git-ignored)
is not. So that its leak scan still knows what is withheld, ingest writes
``data/withheld.digest``: a keyed BLAKE2b (a MAC, as HMAC is) of every item of the
private store's distinctive text (:func:`opcc.checks.leakscan.withheld_material`: its
eight-word runs, whole titles, long numbers and codes, the personal data removed, and
the withheld files' SHA-256). The file is in the public repository but reveals nothing
without the key: a phrase cannot be tested for without it.

The key is never in the repository: ``$OPCC_LEAK_KEY`` (a CI secret), else the key
file beside the private store (``private.key`` for ``private/``, git-ignored), which
ingest creates on first use. The scan then MACs every run of the published files'
words and looks each up.

Without the key, a clone whose digest lists anything cannot be checked, and the build
fails (:class:`CannotCheck`): the gate fails closed. A build that passed without
checking would publish, with "leak scan clean", exactly what the scan exists to stop.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from opcc.core.files import atomic_write_text
from opcc.core.settings import Settings
from opcc.store import Store

from .leakscan import Withheld, codes, numbers, withheld_material, words

KEY_ENV = "OPCC_LEAK_KEY"
DIGEST_FILE = "withheld.digest"
MAC_BYTES = 16  # 128 bits: no accidental match among billions of runs
HEADER = "# opcc withheld digest v1: keyed BLAKE2b of the private store's distinctive text; see opcc/checks/digest.py"


class CannotCheck(Exception):
    """The leak scan has no way to know what is withheld; ``str(exc)`` says what to do."""


def digest_path(settings: Settings) -> Path:
    return settings.data_dir / DIGEST_FILE


def key_path(settings: Settings) -> Path:
    """The local key file: beside the private store, named after it."""
    private = settings.private_dir
    return private.with_name(private.name + ".key")


def leak_key(settings: Settings) -> bytes | None:
    """The digest key: ``$OPCC_LEAK_KEY``, else the local key file; ``None`` if there is neither."""
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV].strip().encode()
    path = key_path(settings)
    return path.read_bytes().strip() if path.exists() else None


def ensure_key(settings: Settings) -> bytes:
    """The key, made (and kept in the local key file, readable by its owner only) if there is none."""
    key = leak_key(settings)
    if key is None:
        path = key_path(settings)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        key = leak_key(settings)
    return key


def mac(key: bytes, text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), key=key[:64], digest_size=MAC_BYTES).hexdigest()


def write_digest(store: Store) -> Path | None:
    """Write ``data/withheld.digest`` from the private store (removed when nothing is withheld)."""
    path = digest_path(store.settings)
    withheld = withheld_material(store)
    if not (withheld.phrases or withheld.numbers or withheld.files):
        path.unlink(missing_ok=True)
        return None
    key = ensure_key(store.settings)
    lengths = sorted({len(phrase.split(" ")) for phrase in withheld.phrases})
    lines = sorted({*(f"p {mac(key, p)}" for p in withheld.phrases), *(f"n {mac(key, n)}" for n in withheld.numbers),
                    *(f"f {mac(key, sha)}" for sha in withheld.files)})
    text = "\n".join([HEADER, "lengths " + " ".join(map(str, lengths)), *lines]) + "\n"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        atomic_write_text(path, text)
    return path


def load_digest(settings: Settings) -> Withheld:
    """The digest as the leak scan's withheld material, or :class:`CannotCheck` without the key."""
    path = digest_path(settings)
    entries = [line.split(" ") for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    lengths = next((tuple(int(n) for n in entry[1:]) for entry in entries if entry[0] == "lengths"), ())
    listed = [entry for entry in entries if entry[0] in ("p", "n", "f")]
    key = leak_key(settings)
    if key is None:
        if not listed:
            return Withheld()
        raise CannotCheck(f"cannot check for withheld text: {path.relative_to(settings.root)} lists "
                          f"{len(listed):,} withheld items but there is no key (set ${KEY_ENV}, the CI secret, or "
                          f"put the key file at {key_path(settings).relative_to(settings.root)})")
    origin = f"the private store (by {path.relative_to(settings.root)})"
    return DigestWithheld(
        phrases={value: origin for kind, value in listed if kind == "p"},
        numbers={value: origin for kind, value in listed if kind == "n"},
        files={value: f"a copy of a withheld source file (by {path.relative_to(settings.root)})"
               for kind, value in listed if kind == "f"},
        key=key, lengths=lengths)


class DigestWithheld(Withheld):
    """Withheld material known only by its MACs: text is searched by MAC-ing every run of its words."""

    def __init__(self, *, key: bytes, lengths: tuple[int, ...], **items) -> None:
        super().__init__(**items)
        self.key = key
        self.lengths = lengths

    def lookup(self, public_phrases: set[str] = frozenset(), public_numbers: set[str] = frozenset()) -> DigestLookup:
        return DigestLookup(self, set(self.phrases) - public_phrases, set(self.numbers) - public_numbers)

    def file_key(self, sha256: str) -> str:
        return mac(self.key, sha256)


class DigestLookup:
    """What :class:`opcc.checks.leakscan.Lookup` does, over MACs: no sieve, every file's words are MAC'd."""

    def __init__(self, digest: DigestWithheld, phrases: set[str], numbers_: set[str]) -> None:
        self.digest, self.phrases, self.numbers = digest, phrases, numbers_
        self.sieve = _NoSieve()

    def search(self, text: str) -> tuple[set[str], set[str]]:
        key, ws = self.digest.key, words(text)
        found = {m for length in self.digest.lengths for i in range(len(ws) - length + 1)
                 if (m := mac(key, " ".join(ws[i:i + length]))) in self.phrases}
        return found, {m for n in numbers(text) | codes(ws) if (m := mac(key, n)) in self.numbers}


class _NoSieve:
    """A digest cannot tell which words matter, so every file is decoded and searched."""

    def read(self, block: bytes, raw: object) -> None:
        pass

    def may_hold(self, raw: object) -> bool:
        return True
