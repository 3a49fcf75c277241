"""A time budget for code that runs outside a process's main thread.

:func:`dragoman.batch.time_budget` uses the interval timer, which only interrupts the
main thread; a Dask worker runs its tasks in a thread pool. Here a timer thread raises
an exception inside the task's thread instead (``PyThreadState_SetAsyncExc``). Like a
signal handler, it takes effect between two Python bytecodes: it stops the pipeline's
Python code, not a single long call into C.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from dragoman.errors import AnalysisTimeout


class _OutOfTime(BaseException):
    """Raised in the task's thread; a BaseException, so that no ``except Exception``
    inside the pipeline swallows it."""


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Make ``exception`` pending in the thread; None clears a pending one."""
    pending = ctypes.py_object(exception) if exception is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), pending)


@contextmanager
def thread_budget(seconds: float | None, source: str) -> Iterator[None]:
    """Stop what runs inside after ``seconds`` with an AnalysisTimeout naming ``source``.

    In the main thread it does nothing: :func:`dragoman.batch.analyze_article` keeps
    its own budget there. The lock makes sure that no exception is left pending once
    the block is done: the timer raises only while the block runs, and the block
    clears what the timer may have made pending just as it ended.
    """
    if not seconds or threading.current_thread() is threading.main_thread():
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    running = [True]

    def expire() -> None:
        with lock:
            if running[0]:
                _raise_in(thread_id, _OutOfTime)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        try:
            yield
        finally:
            with lock:
                running[0] = False
                timer.cancel()
                _raise_in(thread_id, None)
    except _OutOfTime:
        raise AnalysisTimeout(
            f"the analysis took longer than {seconds:g} s and was stopped (--timeout)",
            source=source,
        ) from None
