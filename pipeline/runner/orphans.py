"""Children never outlive the run that started them.

A worker child runs one document under limits the *parent* enforces (time,
resident size; :mod:`.pool`). If the parent dies (OOM killer, ``kill -9``, a
closed SSH session) nobody enforces them, so:

- the fork server asks the kernel to kill it when the run's process dies
  (``prctl(PR_SET_PDEATHSIG)``, called from :mod:`.warm`, which only the fork
  server imports), and each child asks the same of the fork server;
- each child also runs a watchdog thread that ends it when the run's process
  is gone or when it has run past its time limit plus a grace period
  (covers non-Linux systems and a parent that is stopped rather than dead).
"""

from __future__ import annotations

import ctypes
import os
import signal
import threading
import time

#: ``PR_SET_PDEATHSIG`` from ``<linux/prctl.h>``.
_PR_SET_PDEATHSIG = 1
#: Seconds a child may run past its time limit before its own watchdog ends it.
GRACE_S = 30.0
#: Seconds between the watchdog's checks.
CHECK_S = 0.5


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent exits; ``False`` where unsupported.

    When the parent is already gone (re-parented to init), exits at once.
    """
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if parent == 1 or os.getppid() != parent:
        os._exit(1)
    return True


def alive(pid: int) -> bool:
    """True while process ``pid`` exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def watchdog(owner: int, time_s: float) -> threading.Thread:
    """Start a daemon thread that ends this process (exit code 70) when ``owner`` dies or after ``time_s`` + grace."""
    started = time.monotonic()

    def watch() -> None:
        while True:
            time.sleep(CHECK_S)
            if not alive(owner) or (time_s > 0 and time.monotonic() - started > time_s + GRACE_S):
                os._exit(70)

    thread = threading.Thread(target=watch, name="orphan-watchdog", daemon=True)
    thread.start()
    return thread
