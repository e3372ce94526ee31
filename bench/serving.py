"""Start a server in a child process, wait until it answers, stop it: shared by the benchmarks
and the tests that need a live server (one copy of the start / wait / stop dance).

Nothing here imports the app or the web framework: servers are separate processes.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import httpx

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_S = 90.0  # a loaded 2-CPU machine starts a server slowly
# Ready checks answered in a row, per worker, before a server with several workers is measured.
READY_CHECKS_PER_WORKER = 8


def raise_on_sigterm(signum: int, frame: FrameType | None) -> None:
    """A signal handler: a benchmark stopped with SIGTERM unwinds (its `finally` blocks stop
    the servers it started) as with Ctrl-C."""
    raise KeyboardInterrupt(f"signal {signum}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    base: str
    pid: int


def serve_command(port: int, *, workers: int = 1) -> list[str]:
    """The production command line (`make serve`; `make serve-prod` with workers) on a port:
    ``tic-registry serve``, uvicorn with the registry's logging."""
    args = [sys.executable, "-m", "api", "serve", "--host", "127.0.0.1", "--port", str(port)]
    return [*args, "--workers", str(workers)]


def server_env(database_url: str, **settings: str) -> dict[str, str]:
    """This environment without any TIC_ setting but the database (and ``settings``); the
    per-address rate limit off, since one benchmark client sends thousands of requests."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIC_")}
    env["TIC_DATABASE_URL"] = database_url
    env["TIC_RATE_LIMIT_ENABLED"] = "false"
    env.update({f"TIC_{k.upper()}": v for k, v in settings.items()})
    return env


@contextlib.contextmanager
def serving(
    name: str,
    args: Sequence[str],
    env: Mapping[str, str],
    port: int,
    log: Path,
    *,
    ready_path: str = "/healthz",
    cwd: Path = ROOT,
    timeout: float = STARTUP_TIMEOUT_S,
    workers: int = 1,
) -> Iterator[Server]:
    """Start ``args``, wait until ``ready_path`` answers 200 and each of ``workers`` uvicorn
    worker processes has started, yield the server, stop it."""
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        # Own session: Ctrl-C reaches us, and we stop the server (and its workers) in `finally`.
        proc = subprocess.Popen(
            list(args),
            cwd=cwd,
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + timeout
            ready_in_a_row = 0
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"{name} exited ({proc.returncode}):\n{tail(log)}")
                try:
                    # Each check is a new connection, which any worker may accept: several in a
                    # row answered ready make it unlikely that one worker is still starting.
                    answered = httpx.get(base + ready_path, timeout=2).status_code == 200
                except httpx.HTTPError:
                    answered = False
                ready_in_a_row = ready_in_a_row + 1 if answered else 0
                if ready_in_a_row >= (
                    1 if workers == 1 else READY_CHECKS_PER_WORKER * workers
                ) and (workers == 1 or _started(log) >= workers):
                    break
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} not ready in {timeout:.0f} s:\n{tail(log)}")
                time.sleep(0.1)
            yield Server(base, proc.pid)
        finally:
            stop(proc)


def _started(log: Path) -> int:
    """How many worker processes have finished starting (uvicorn logs this line once each).

    The first worker to start answers the ready check while the others still start (compiling
    the analyser's rules takes seconds of CPU): load measured then is one worker's, slowed by
    the others' start-up, not several workers'."""
    return log.read_text(errors="replace").count("Application startup complete.")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory (VmHWM) of a process and its children, in MB (Linux; 0
    elsewhere): a server with workers is the supervisor plus one process per worker."""
    total = 0
    for p in [pid, *descendants(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def descendants(pid: int) -> list[int]:
    """The processes a process started, and theirs (Linux; none elsewhere): a server with
    workers is the supervisor plus one process per worker."""
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            kids = (task / "children").read_text().split()
            for kid in kids:
                found += [int(kid), *descendants(int(kid))]
    except OSError:
        pass
    return found
