"""A throwaway PostgreSQL cluster from the Debian ``postgresql`` package, for tests and benchmarks.

``initdb`` into a fresh temporary directory, ``pg_ctl start`` listening only on a Unix socket in
that directory (``listen_addresses=''``: no TCP port, so parallel runs never clash), one
database, and ``pg_ctl stop`` plus removal at the end. PostgreSQL refuses to run as root, so
when the tests run as root (as in CI containers) every server command runs as the ``postgres``
OS user that the Debian package creates, and the directory is handed to that user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

DEBIAN_ROOT = Path("/usr/lib/postgresql")


def find_bindir() -> Path | None:
    """The newest installed server's bin directory, or ``None`` when there is no server."""
    candidates = []
    if DEBIAN_ROOT.is_dir():
        for child in DEBIAN_ROOT.iterdir():
            if (child / "bin" / "initdb").is_file() and child.name.isdigit():
                candidates.append((int(child.name), child / "bin"))
    if candidates:
        return max(candidates)[1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def missing_reason() -> str | None:
    """Why a cluster cannot start here, or ``None`` when it can."""
    if find_bindir() is None:
        return (
            "PostgreSQL server binaries not found (no /usr/lib/postgresql/<version>/bin/initdb "
            "and no initdb on PATH); install them with: apt-get install -y postgresql"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, but there is no 'postgres' OS user to run the server as"
    return None


@dataclass
class Cluster:
    """A running cluster: ``url`` is a SQLAlchemy URL (psycopg 3, Unix socket)."""

    bindir: Path
    root: Path
    database: str
    user: str = "postgres"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{self.user}@/{self.database}?host={self.socket_dir}"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(
                f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
                f"\n{tail}"
            )

    def start(self, *, durable: bool = False) -> None:
        """``initdb``, start the server on its socket, create the database.

        ``durable=False`` turns off fsync (tests need correctness, not crash safety).
        """
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            for path in (self.root, self.socket_dir):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        data = self.root / "data"
        self._run(
            "initdb", "-D", str(data), "-U", self.user, "--auth=trust", "--encoding=UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip
        options = f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}'"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            "pg_ctl", "-D", str(data), "-l", str(self.root / "server.log"), "-o", options,
            "-w", "-t", "60", "start",
        )  # fmt: skip
        self._run("createdb", "-h", str(self.socket_dir), "-U", self.user, self.database)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove its directory."""
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(database: str = "cxcore_test", *, durable: bool = False) -> Cluster:
    """Start a new throwaway cluster (see :func:`missing_reason` first)."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError(missing_reason())
    # A short path under /tmp: a Unix socket path is limited to about 100 characters, and the
    # postgres user must be able to reach it (pytest's own temporary root is private to root).
    root = Path(tempfile.mkdtemp(prefix="cxcore-pg-", dir="/tmp"))
    cluster = Cluster(bindir=bindir, root=root, database=database)
    try:
        cluster.start(durable=durable)
    except BaseException:
        with contextlib.suppress(RuntimeError):  # not running: nothing to stop
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster
