"""What an incremental pull keeps between runs, in one JSON file written atomically.

The file holds the watermark (the second of the last record the pull went past), the records
already written at the watermark's second (and, with an overlap, the seconds just before it) as
``id -> content hash``, and the output file with the byte length it had when the state was saved.
A run that did not finish leaves ``complete: false``; the next run cuts that output back to the
saved length before going on, so lines written after the last save are never written twice.
"""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

FORMAT = "magento-connector-pull/1"
STAMP = "%Y-%m-%d %H:%M:%S"


class PullError(Exception):
    """A pull cannot run: a bad watermark, a state file for another entity, a held lock."""


@dataclass
class PullState:
    entity: str
    watermark: str | None = None
    #: second -> {record id -> content hash}: what was written (or skipped as already written) there
    seen: dict[str, dict[str, str]] = field(default_factory=dict)
    #: ``seen`` is complete from this second on: a later run re-reads no earlier than this, so a
    #: larger overlap than the last run's never repeats what was written before
    seen_from: str | None = None
    output: str | None = None
    output_bytes: int = 0
    complete: bool = True

    def is_seen(self, second: str, ident: str, digest: str) -> bool:
        return self.seen.get(second, {}).get(ident) == digest

    def mark(self, second: str, ident: str, digest: str) -> None:
        self.seen.setdefault(second, {})[ident] = digest
        if self.watermark is None or second > self.watermark:
            self.watermark = second

    def prune(self, overlap: int, complete_from: str | None) -> None:
        """Keep the seconds a later run re-reads, from ``watermark - overlap`` on; ``complete_from``
        is where this run's knowledge starts (None: from the beginning)."""
        if self.watermark is None:
            self.seen.clear()
            return
        floor = shift(self.watermark, -overlap)
        for second in [s for s in self.seen if s < floor]:
            del self.seen[second]
        self.seen_from = floor if complete_from is None else max(floor, complete_from)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "entity": self.entity, "watermark": self.watermark,
                "output": self.output, "output_bytes": self.output_bytes, "complete": self.complete,
                "seen_from": self.seen_from, "seen": self.seen}

    @classmethod
    def from_dict(cls, data: Any, entity: str, source: str = "state") -> PullState:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise PullError(f"{source} is not a pull state file ({FORMAT})")
        if data.get("entity") != entity:
            raise PullError(f"{source} holds the state of a {data.get('entity')!r} pull, not {entity!r}")
        seen = data.get("seen") or {}
        watermark = data.get("watermark")
        watermark = stamp(watermark) if watermark else None
        seen_from = data.get("seen_from")
        return cls(entity=entity, watermark=watermark,
                   seen={str(s): {str(k): str(v) for k, v in ids.items()} for s, ids in seen.items()},
                   seen_from=stamp(seen_from) if seen_from else watermark,
                   output=data.get("output"), output_bytes=int(data.get("output_bytes") or 0),
                   complete=bool(data.get("complete", True)))


def load_state(path: str | Path, entity: str) -> PullState | None:
    """The saved state, or None when there is no file yet."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PullError(f"cannot read {path}: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PullError(f"{path} is not JSON: {exc}") from exc
    return PullState.from_dict(data, entity, str(path))


def save_state(path: str | Path, state: PullState, *, durable: bool = True) -> None:
    """Write to a temporary file beside it, then rename over it: a reader (or a crash) sees the old
    state or the new one, never half of one."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state.to_dict(), handle, separators=(",", ":"))
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(target.parent)


def cut_back(output: str | Path, length: int) -> int:
    """Truncate an output file to ``length`` bytes; the number of bytes removed (0 if none or no file)."""
    try:
        size = os.path.getsize(output)
    except FileNotFoundError:
        return 0
    if size <= length:
        return 0
    with open(output, "r+b") as handle:
        handle.truncate(length)
        handle.flush()
        os.fsync(handle.fileno())
    return size - length


@contextlib.contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold ``<state>.lock`` for the run: two pulls sharing a state file would interleave their saves."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    lock_path = Path(f"{path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle: TextIO = open(lock_path, "a")  # noqa: SIM115 - held for the run
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise PullError(f"another pull holds {lock_path}") from exc
        yield
    finally:
        handle.close()


def stamp(value: str) -> str:
    """A watermark as Magento writes and compares dates: ``YYYY-MM-DD HH:MM:SS`` in UTC.

    Accepts that form, a bare date (midnight), ``T`` as the separator, and an ISO offset or ``Z``
    (converted to UTC); a time without an offset is taken as UTC already."""
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError as exc:
        raise PullError(f"not a date: {value!r} (expected YYYY-MM-DD HH:MM:SS, UTC)") from exc
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime(STAMP)


def shift(second: str, seconds: int) -> str:
    moment = datetime.strptime(second, STAMP) + timedelta(seconds=seconds)
    return moment.strftime(STAMP)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory descriptors
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
