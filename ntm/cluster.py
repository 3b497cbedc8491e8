"""The per-document stages on a Dask distributed cluster (`ntm run --scheduler ADDRESS`, or `local` for a
LocalCluster on this machine): the same jobs as the local process pool (ntm.pipeline.run_files), run as Dask
tasks; the rows come back to this process, which caches them, runs the corpus-level stages and writes the
tables exactly as after a local run.

Workers open the input files themselves, by their absolute path on this machine: every node must reach the
inputs at the same path (a shared or network file system), and run the same ntm (checked at connection).

The time limit: at most one job a worker thread is handed to the cluster at a time, so a job starts as soon
as it is handed over and its limit counts from then; a job over it is cancelled and its worker restarted
(through the worker's nanny), which stops a reader stuck even in native code. A job whose worker dies is
retried by Dask on another worker up to the scheduler's `allowed-failures` and then given up (KilledWorker).
"""
from __future__ import annotations

import logging
import os
import time

import dask
from distributed import Client, LocalCluster, WorkerPlugin
from distributed import wait as dask_wait
from distributed.client import FutureCancelledError

from .pipeline import FileResult, JobFailure, RunSettings, _warm_up, quiet_libraries, shown_path
from .store import pipeline_version

LOCAL = "local"
CONNECT_TIMEOUT = "20s"


class ClusterUnusable(Exception):
    """The scheduler cannot be reached, or its workers cannot run this ntm."""


def local_cluster(workers: int) -> LocalCluster:
    """Worker processes on this machine, one thread each: the readers hold the GIL, so processes, not threads,
    read files side by side. A job is given up once two workers died running it (Dask's default is four):
    a file that kills its worker costs two restarts, and a file that happened to share a dying worker is
    still read again."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                            silence_logs=logging.ERROR)


class _QuietWorker(WorkerPlugin):
    """On every worker, restarted ones too: the readers' libraries keep their warnings to themselves."""

    def setup(self, worker) -> None:
        quiet_libraries()


class DaskEngine:
    """The engine interface of ntm.pipeline.run_files (capacity, submit, wait, outcome, close) over Dask."""

    def __init__(self, address: str, settings: RunSettings, local_workers: int):
        self.timeout = settings.file_timeout
        self.cluster = None
        if address == LOCAL:
            self.cluster = local_cluster(local_workers)
            address = self.cluster.scheduler_address
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT)
        except OSError as error:
            self._close_cluster()
            raise ClusterUnusable(f"could not reach the Dask scheduler at {address}: {error}") from None
        self.originals: dict = {}  # handle -> the path as this run knows it (workers get it absolute)
        self.deadlines: dict = {}
        try:
            self._check_workers()
            self.client.register_plugin(_QuietWorker(), name="ntm-quiet")
            self._warm_up()
        except BaseException:
            self.close(early=True)
            raise
        self.capacity = self._threads()

    def _check_workers(self) -> None:
        self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        ours = pipeline_version()
        try:
            theirs = self.client.run(pipeline_version)
        except Exception as error:
            raise ClusterUnusable(f"the Dask workers cannot run ntm ({type(error).__name__}: {error}); install this "
                                  "ntm-extract on every worker node") from None
        other = sorted(worker for worker, version in theirs.items() if version != ours)
        if other:
            raise ClusterUnusable(f"the Dask workers at {', '.join(other)} run another version of ntm or of its "
                                  f"readers (pipeline {theirs[other[0]]}, here {ours}); install the same on every node")

    def _warm_up(self) -> None:
        """Every worker loads the register and the cue tables before the first file, so that no file's time
        limit pays for it; as a task, not on the worker's event loop, whose heartbeats must go on. (A worker
        restarted later loads them with its first file.)"""
        workers = list(self.client.nthreads())
        dask_wait([self.client.submit(_warm_up, workers=[worker], allow_other_workers=False, pure=False)
                   for worker in workers])

    def _threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def submit(self, function, args: tuple):
        path, rest = args[0], args[1:]
        handle = self.client.submit(function, os.path.abspath(path), *rest, pure=False)
        self.originals[handle] = path
        self.deadlines[handle] = time.monotonic() + self.timeout
        return handle

    def wait(self, handles: list) -> list:
        """The finished jobs, and those past their time limit; at least one."""
        while True:
            left = min(self.deadlines[h] for h in handles) - time.monotonic()
            if left > 0:
                try:
                    dask_wait(handles, timeout=left, return_when="FIRST_COMPLETED")
                except TimeoutError:
                    pass
            now = time.monotonic()
            ready = [h for h in handles if h.done() or self.deadlines[h] <= now]
            if ready:
                self.capacity = self._threads()  # workers may have come or gone
                return ready

    def outcome(self, handle) -> tuple[object, JobFailure | None]:
        original = self.originals.pop(handle)
        self.deadlines.pop(handle)
        if not handle.done():
            self._stop(handle)
            return None, JobFailure("timeout")
        try:
            value = handle.result()
        except FutureCancelledError as error:
            return None, JobFailure("died", f"was lost by the cluster ({error})")
        except Exception as error:
            if type(error).__name__ == "KilledWorker":
                return None, JobFailure("died", "died (the Dask cluster gave the job up after its worker died: "
                                                "KilledWorker)")
            return None, JobFailure("error", error=error)
        if isinstance(value, FileResult):
            _restore_path(value, original)
        return value, None

    def _stop(self, handle) -> None:
        """Cancel a job past its limit and restart the worker running it: a thread cannot be stopped, a process can."""
        workers = [worker for worker, keys in self.client.processing().items() if handle.key in keys]
        self.client.cancel([handle], force=True)
        given_up = time.monotonic() + 10
        while self.client.run_on_scheduler(_known, handle.key) and time.monotonic() < given_up:
            time.sleep(0.05)  # until the scheduler has dropped it: else the restart hands it to another worker
        if workers:
            try:
                self.client.restart_workers(workers)
            except Exception as error:  # a worker without a nanny cannot be restarted: the job runs on there
                logging.getLogger(__name__).warning("could not restart Dask worker %s: %s", workers, error)

    def close(self, early: bool) -> None:
        if early and self.originals:
            self.client.cancel(list(self.originals))
        self.client.close()
        self._close_cluster()

    def _close_cluster(self) -> None:
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


def _known(key, dask_scheduler=None) -> bool:
    return key in dask_scheduler.tasks


def _restore_path(result: FileResult, original: str) -> None:
    """A worker read the file by its absolute path; the rows show it as given to `ntm run`, as a local run does."""
    shown = shown_path(original)
    result.path = original
    result.document.source_file = shown
    for error in result.errors:
        error.path = shown
