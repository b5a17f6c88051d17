"""The journal takes no lock (backend/journal.py): what threads record together must still come
back whole, numbered once each, in seq order, within the cap."""
from __future__ import annotations

import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from fake_magento.backend.journal import Journal


def record_from_threads(journal: Journal, threads: int, each: int) -> None:
    start = threading.Barrier(threads)

    def worker(name: int) -> None:
        start.wait()
        for index in range(each):
            journal.record({"method": "GET", "path": f"/t{name}/{index}"})

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


def test_entries_recorded_together_are_all_kept_numbered_once_and_in_order() -> None:
    journal = Journal(10_000)
    record_from_threads(journal, threads=8, each=500)
    entries = journal.entries()
    assert [e["seq"] for e in entries] == list(range(1, 4001))
    assert len({e["path"] for e in entries}) == 4000
    assert journal.recorded == 4000


@settings(max_examples=20, deadline=None)
@given(cap=st.integers(1, 50), threads=st.integers(1, 4), each=st.integers(0, 40),
       limit=st.none() | st.integers(1, 60))
def test_the_cap_keeps_the_latest_and_clear_keeps_counting(cap: int, threads: int, each: int,
                                                           limit: int | None) -> None:
    journal = Journal(cap)
    record_from_threads(journal, threads, each)
    total = threads * each
    seqs = [e["seq"] for e in journal.entries(limit)]
    kept = min(cap, total, limit or total)
    assert len(seqs) == kept and seqs == sorted(seqs) and len(set(seqs)) == kept
    assert journal.recorded == total
    journal.clear()
    assert journal.entries() == [] and journal.recorded == total
    journal.record({"method": "GET", "path": "/after"})
    assert [e["seq"] for e in journal.entries()] == [total + 1]
    assert journal.recorded == total + 1
