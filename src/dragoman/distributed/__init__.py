"""A distributed batch: many reports analysed on a Dask cluster, written as Parquet
partitions (``dragoman batch``), then merged into a database (``dragoman load``).

For an archive that one machine cannot get through: the same pipeline and time budget
as :mod:`dragoman.batch`, on as many workers as a cluster has (a local one by default,
or any running Dask scheduler: Kubernetes, Slurm, a few machines). The partitions are
a portable result in their own right; loading them needs no cluster. See
``docs/distributed.md``.

dask is an optional extra (``pip install 'dragoman[dask]'``); only running a batch
imports it, and without it :func:`run_batch` raises :class:`DistributedError`.
"""

from dragoman.distributed.load import LoadResult, load_partitions
from dragoman.distributed.partitions import ErrorRow, iter_partitions, record_from_rows
from dragoman.distributed.run import BatchOptions, BatchResult, run_batch
from dragoman.errors import DistributedError

__all__ = [
    "BatchOptions",
    "BatchResult",
    "DistributedError",
    "ErrorRow",
    "LoadResult",
    "iter_partitions",
    "load_partitions",
    "record_from_rows",
    "run_batch",
]
