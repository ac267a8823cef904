"""A bounded runner for simulation jobs: a few worker threads, no unbounded queue.

At most `limit` jobs are queued or running at once and at most one of them may be
heavy (person mode, millions of rows in memory); `submit` refuses more with `Busy`, so
a burst of requests can neither pile up work nor exhaust memory. Finished jobs are kept
for polling up to `keep`, oldest forgotten first.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from confed.api.errors import problem_json
from confed.errors import ConfedError, Problem

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


class Busy(Exception):
    """The runner is full; the request may be retried later."""


@dataclass
class Job:
    """One job's state, updated by its worker and read by pollers."""

    job_id: str
    total: int
    heavy: bool = False
    status: str = QUEUED
    done: int = 0
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def advance(self, n: int) -> None:
        """Count `n` more units of work done (the simulation's progress callback)."""
        with self._lock:
            self.done = min(self.total, self.done + n)

    @property
    def active(self) -> bool:
        """Queued or running."""
        return self.status in (QUEUED, RUNNING)


Work = Callable[[Job], dict[str, Any]]


class JobRunner:
    """Run jobs on `limit` threads; refuse new ones while `limit` are unfinished."""

    def __init__(self, limit: int = 2, keep: int = 100):
        self.limit = limit
        self.keep = keep
        self._pool = ThreadPoolExecutor(max_workers=limit, thread_name_prefix="confed-job")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def submit(self, work: Work, total: int, heavy: bool = False) -> Job:
        """Start `work` in the background, or raise `Busy` when the runner is full."""
        with self._lock:
            active = [j for j in self._jobs.values() if j.active]
            if len(active) >= self.limit:
                raise Busy(f"{self.limit} simulation jobs are already queued or running")
            if heavy and any(j.heavy for j in active):
                raise Busy("a person-mode simulation is already running")
            job = Job(uuid.uuid4().hex[:12], total, heavy)
            self._jobs[job.job_id] = job
            self._forget_old()
        self._pool.submit(self._run, job, work)
        return job

    def get(self, job_id: str) -> Job | None:
        """A job by id, if it is still kept."""
        with self._lock:
            return self._jobs.get(job_id)

    def shutdown(self) -> None:
        """Stop accepting work; cancel queued jobs, let running ones finish."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if not j.active]
        for key in finished[: max(0, len(self._jobs) - self.keep)]:
            del self._jobs[key]

    @staticmethod
    def _run(job: Job, work: Work) -> None:
        job.status = RUNNING
        try:
            result = work(job)
        except ConfedError as exc:
            job.error = problem_json(exc.problems[0])
            job.status = FAILED
        except Exception as exc:  # reported to the poller, never raised into the pool
            job.error = problem_json(Problem(f"internal error ({type(exc).__name__})"))
            job.status = FAILED
        else:
            job.result = result
            job.done = job.total
            job.status = DONE
