"""Fixtures of the distributed tests: a two-worker local Dask cluster, shared by a
module (each worker loads a pipeline: seconds apiece), and skipping without dask."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a two-worker ``LocalCluster`` (single-threaded processes)."""
    distributed = pytest.importorskip(
        "distributed", reason="dask[distributed] is not installed (pip install 'dragoman[dask]')"
    )
    import dask

    # A report that kills its worker fails at once, not after three workers died of it.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    try:
        with distributed.Client(cluster) as connected:
            yield connected
    finally:
        cluster.close()
