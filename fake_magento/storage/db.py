"""SQLite state: one connection per thread, one transaction per write, snapshot/reset.

Every area keeps its DDL in ``storage/schema/NN_area.sql``; files run in name order.
Entities are JSON documents (``doc``) plus real columns for what lists filter and sort on.
"""
from __future__ import annotations

import json
import mmap
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

# The MySQL functions the search engine's SQL needs live with the engine.
from fake_magento.search.mysql import register_mysql_functions

SCHEMA_PACKAGE = "fake_magento.storage.schema"


def schema_sql() -> str:
    files = sorted(
        f for f in resources.files(SCHEMA_PACKAGE).iterdir() if f.name.endswith(".sql")
    )
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


class Database:
    def __init__(self, path: str | None = None, engine: str = "mariadb") -> None:
        # whose comparison rules searches follow where MariaDB and MySQL differ (search/sql.py)
        self.engine = engine
        self._tmpdir: tempfile.TemporaryDirectory[str] | None = None
        if path is None:
            self._tmpdir = tempfile.TemporaryDirectory(prefix="fake-magento-")
            path = os.path.join(self._tmpdir.name, "state.db")
        self.path = os.path.abspath(path)
        self.snapshot_path = self.path + ".seed"
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        # Serialises writers inside this process so BEGIN IMMEDIATE never waits on busy_timeout.
        self.write_lock = threading.RLock()
        # Bumped when the file's content is replaced other than by rows written through a connection
        # (schema created or dropped, a snapshot restored): what a connection's total_changes and
        # PRAGMA data_version do not show to that same connection. Read caches compare it.
        self.generation = 0
        # Transactions rolled back in this process: their rows leave total_changes where it was.
        self.rollbacks = 0
        # The WAL-index (-shm) mapped for change_token, and the descriptor it was mapped from.
        self._wal_index: mmap.mmap | None = None
        self._wal_index_fd: int | None = None
        self._wal_index_tried = False

    # -- connections -------------------------------------------------------------------------
    def connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=30000")
            register_mysql_functions(conn)
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    def is_initialised(self) -> bool:
        row = self.connection().execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        return row is not None

    def create_schema(self) -> None:
        with self.write_lock:
            self.generation += 1
            self.connection().executescript(schema_sql())

    def drop_everything(self) -> None:
        conn = self.connection()
        with self.write_lock:
            self.generation += 1
            names = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
            conn.execute("PRAGMA foreign_keys=OFF")
            for name in names:
                conn.execute(f'DROP TABLE IF EXISTS "{name}"')
            conn.execute("PRAGMA foreign_keys=ON")

    # -- transactions ------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; nested calls join the outer one."""
        conn = self.connection()
        depth = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                yield conn
            finally:
                self._local.depth = depth
            return
        with self.write_lock:
            conn.execute("BEGIN IMMEDIATE")
            self._local.depth = 1
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                self.rollbacks += 1   # what was read inside it is gone (change_token)
                raise
            else:
                conn.execute("COMMIT")
            finally:
                self._local.depth = 0

    def read(self) -> sqlite3.Connection:
        return self.connection()

    # -- change detection for read caches ----------------------------------------------------
    def change_token(self) -> tuple[Any, ...]:
        """A value that differs whenever the content this thread reads may have changed since.

        A read cache keeps what it built under the token it read *before* building, and throws it
        away once the token moves. It moves with every commit by any connection, in this process or
        another; with any row this thread's connection wrote, committed or not (``total_changes``);
        when the file is replaced (``generation``); and when a transaction is rolled back (what was
        read inside it is gone, but ``total_changes`` stays where it went).

        A commit by any connection rewrites the WAL-index header (the first 48 bytes of the ``-shm``
        file: its change counter, last frame and checksums; sqlite.org/walformat.html, "The WAL-Index
        Header"), so the token carries those bytes, read from a mapping of the file: no SQL and no
        system call, where ``PRAGMA data_version`` would hand the GIL to the other request threads
        and back (measured: one statement a request cost GET by SKU a fifth of its throughput under
        8 threads). Without a mapping (not WAL, no ``-shm``) it asks ``PRAGMA data_version``."""
        conn = self.connection()
        header = self._wal_index_header()
        if header is None:
            header = conn.execute("PRAGMA data_version").fetchone()[0]
        return (self.generation, self.rollbacks, conn.total_changes, header)

    def _wal_index_header(self) -> bytes | None:
        index = self._wal_index
        if index is None:
            if self._wal_index_tried:
                return None
            index = self._map_wal_index()
            if index is None:
                return None
        try:
            return index[:48]
        except ValueError:   # closed by close() while a late request was still reading
            return None

    def _map_wal_index(self) -> mmap.mmap | None:
        """Map the ``-shm`` file read-only, once this process's connections hold it open.

        The descriptor stays open until ``close()`` has closed every connection: closing any
        descriptor of a file drops all of this process's POSIX locks on it, SQLite's included (and
        the mapping holds a duplicate of it). While a connection of this process holds the file,
        no other process may truncate it (SQLite truncates it only under its exclusive DMS lock)."""
        conn = self.connection()
        with self._all_lock:
            if self._wal_index is not None or self._wal_index_tried:
                return self._wal_index
            self._wal_index_tried = True
            if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                return None
            conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # a read opens the WAL-index
            try:
                fd = os.open(self.path + "-shm", os.O_RDONLY)
            except OSError:
                return None
            try:
                if os.fstat(fd).st_size < 136:   # two header copies and the checkpoint info
                    os.close(fd)
                    return None
                self._wal_index = mmap.mmap(fd, 136, access=mmap.ACCESS_READ)
            except (OSError, ValueError):
                os.close(fd)
                return None
            self._wal_index_fd = fd
            return self._wal_index

    # -- helpers -----------------------------------------------------------------------------
    def query(self, sql: str, params: Any = ()) -> list[sqlite3.Row]:
        return self.connection().execute(sql, params).fetchall()

    def one(self, sql: str, params: Any = ()) -> sqlite3.Row | None:
        return self.connection().execute(sql, params).fetchone()

    def next_id(self, sequence: str) -> int:
        """Counters, not the RNG, give ids (deterministic seeding). Call inside write()."""
        conn = self.connection()
        conn.execute(
            "INSERT INTO sequence(name, value) VALUES(?, 1) "
            "ON CONFLICT(name) DO UPDATE SET value = value + 1", (sequence,))
        return int(conn.execute("SELECT value FROM sequence WHERE name=?", (sequence,)).fetchone()[0])

    def peek_id(self, sequence: str) -> int:
        row = self.one("SELECT value FROM sequence WHERE name=?", (sequence,))
        return int(row[0]) if row else 0

    def set_meta(self, key: str, value: Any) -> None:
        with self.write() as conn:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", (key, json.dumps(value)))

    def get_meta(self, key: str, default: Any = None) -> Any:
        row = self.one("SELECT value FROM meta WHERE key=?", (key,))
        return json.loads(row[0]) if row else default

    # -- snapshot / reset / export -----------------------------------------------------------
    def save_snapshot(self) -> None:
        """Keep a copy of the seeded state beside the live file; reset restores it."""
        with self.write_lock:
            dest = sqlite3.connect(self.snapshot_path)
            try:
                self.connection().backup(dest)
            finally:
                dest.close()

    def has_snapshot(self) -> bool:
        return os.path.exists(self.snapshot_path)

    def restore_snapshot(self) -> None:
        with self.write_lock:
            src = sqlite3.connect(self.snapshot_path)
            try:
                src.backup(self.connection())
            finally:
                src.close()
                self.generation += 1

    def export_tables(self) -> dict[str, list[dict[str, Any]]]:
        conn = self.connection()
        out: dict[str, list[dict[str, Any]]] = {}
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        for name in names:
            rows = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
            out[name] = [dict(r) for r in rows]
        return out

    def import_tables(self, tables: dict[str, list[dict[str, Any]]]) -> None:
        with self.write() as conn:
            existing = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")}
            conn.execute("PRAGMA defer_foreign_keys=ON")
            for name in existing:
                conn.execute(f'DELETE FROM "{name}"')
            for name, rows in tables.items():
                if name not in existing:
                    raise KeyError(name)
                for row in rows:
                    cols = ", ".join(f'"{c}"' for c in row)
                    marks = ", ".join("?" for _ in row)
                    conn.execute(f'INSERT INTO "{name}" ({cols}) VALUES ({marks})', list(row.values()))

    def close(self) -> None:
        with self._all_lock:
            for conn in self._all:
                try:
                    conn.close()
                except sqlite3.ProgrammingError:
                    pass
            self._all.clear()
            # only now: closing the descriptor would have dropped SQLite's locks on the -shm file
            if self._wal_index is not None:
                self._wal_index.close()
                self._wal_index = None
            if self._wal_index_fd is not None:
                os.close(self._wal_index_fd)
                self._wal_index_fd = None
            self._wal_index_tried = False
        self._local = threading.local()
        if self._tmpdir is not None:
            self._tmpdir.cleanup()
            self._tmpdir = None
