"""`make bench`: every benchmark, each writing its figures to bench/results/."""
from __future__ import annotations

from bench import connector_profile, connector_pull, platform, search

if __name__ == "__main__":
    platform.main()
    search.main()
    connector_profile.main()
    connector_pull.main()
