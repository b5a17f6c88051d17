"""Database.change_token: read caches (product answers, who a token names) are kept under it, so it
must move on every change a reader could see and stay put while nothing changes."""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fake_magento.storage import Database
from fake_magento.storage.change_cache import ChangeCache


def open_db(path: Path) -> Database:
    db = Database(str(path / "state.db"))
    db.create_schema()
    db.set_meta("n", 0)
    return db


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_db(tmp_path)
    yield database
    database.close()


def other_process_commit(db: Database, value: int) -> None:
    """A commit by a connection this Database does not own: what another process's looks like."""
    other = sqlite3.connect(db.path, isolation_level=None)
    try:
        other.execute("UPDATE meta SET value=? WHERE key='n'", (str(value),))
    finally:
        other.close()


def test_reads_leave_it_put(db: Database) -> None:
    token = db.change_token()
    db.get_meta("n")
    db.query("SELECT * FROM meta")
    assert db.change_token() == token


def test_the_wal_index_is_mapped(db: Database) -> None:
    db.change_token()
    assert db._wal_index is not None  # the path without SQL is the one taken


def test_a_commit_by_another_connection_moves_it(db: Database) -> None:
    token = db.change_token()
    other_process_commit(db, 5)
    assert db.change_token() != token
    assert db.get_meta("n") == 5


def test_a_commit_by_another_thread_moves_it(db: Database) -> None:
    token = db.change_token()
    worker = threading.Thread(target=db.set_meta, args=("n", 6))
    worker.start()
    worker.join()
    assert db.change_token() != token


def test_an_uncommitted_write_of_this_thread_moves_it(db: Database) -> None:
    with db.write() as conn:
        token = db.change_token()
        conn.execute("UPDATE meta SET value='7' WHERE key='n'")
        assert db.change_token() != token


def test_a_restored_snapshot_moves_it(db: Database) -> None:
    db.save_snapshot()
    db.set_meta("n", 8)
    token = db.change_token()
    db.restore_snapshot()
    assert db.change_token() != token
    assert db.get_meta("n") == 0


def test_without_a_mapping_it_asks_sqlite(db: Database) -> None:
    db._wal_index_tried = True   # as on a file system where the -shm file cannot be mapped
    token = db.change_token()
    assert db.change_token() == token
    other_process_commit(db, 9)
    assert db.change_token() != token


def test_it_survives_close_and_reopen(tmp_path: Path) -> None:
    db = open_db(tmp_path)
    first = db.change_token()
    db.close()
    other_process_commit(db, 3)
    assert db.change_token() != first
    assert db.get_meta("n") == 3
    db.close()


OPERATIONS = st.lists(st.sampled_from(["read", "own_commit", "other_commit", "thread_commit", "rollback"]),
                      min_size=1, max_size=12)


@settings(max_examples=25, deadline=None)
@given(operations=OPERATIONS)
def test_a_cache_never_serves_what_a_commit_changed(tmp_path_factory: pytest.TempPathFactory,
                                                     operations: list[str]) -> None:
    """A ChangeCache over the meta value always answers what the database holds."""
    db = open_db(tmp_path_factory.mktemp("db"))
    cache: ChangeCache[int] = ChangeCache(db)
    try:
        for step, operation in enumerate(operations, start=1):
            if operation == "own_commit":
                db.set_meta("n", step)
            elif operation == "other_commit":
                other_process_commit(db, step)
            elif operation == "thread_commit":
                worker = threading.Thread(target=db.set_meta, args=("n", step))
                worker.start()
                worker.join()
            elif operation == "rollback":
                with pytest.raises(RuntimeError), db.write() as conn:
                    conn.execute("UPDATE meta SET value='-1' WHERE key='n'")
                    assert cache.get("n", lambda: db.get_meta("n")) == -1   # its own write, seen
                    raise RuntimeError("rolled back")
            assert cache.get("n", lambda: db.get_meta("n")) == db.get_meta("n")
    finally:
        db.close()
