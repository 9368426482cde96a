"""run a port: one process, an argument list (never a shell), a time limit, capped output.

whatever the port does (crash, hang, flood, silence) comes back as a Run;
nothing here raises for a bad port.
"""
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

MAX_OUTPUT = 4 * 1024 * 1024
STDERR_TAIL = 4000


@dataclass
class Run:
    argv: list
    stdout: bytes = b''
    stderr: bytes = b''
    returncode: int = None
    seconds: float = 0.0
    problem: str = None   # why the port could not be run or broke the protocol, or None


def _drain(pipe, sink, cap, flooded=None):
    """read a pipe into sink up to cap bytes; past it, flag a flood (stdout) or drop the rest (stderr)."""
    kept = 0
    while True:
        chunk = pipe.read(65536)
        if not chunk:
            return
        if kept < cap:
            sink.append(chunk[:cap - kept])
        kept += len(chunk)
        if kept > cap and flooded is not None:
            flooded.set()
            return


def _feed(pipe, data):
    """write stdin from a thread: a port that never reads it must not block us."""
    try:
        pipe.write(data)
        pipe.close()
    except (BrokenPipeError, OSError, ValueError):
        pass  # a port that does not read its stdin is fine


def _kill(proc):
    """the port and anything it started: its own process group, by id."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()


def run(argv, stdin=b'', timeout=600.0, max_output=MAX_OUTPUT, env=None):
    """run argv with stdin; a Run with what came out, or with the problem."""
    started = time.perf_counter()
    out = Run(argv=list(argv))
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=dict(os.environ, **(env or {})), start_new_session=True)
    except (OSError, ValueError) as e:
        out.problem = 'could not start %r: %s' % (argv[0] if argv else '', e)
        return out
    so, se, flooded = [], [], threading.Event()
    readers = [threading.Thread(target=_drain, args=(proc.stdout, so, max_output, flooded), daemon=True),
               threading.Thread(target=_drain, args=(proc.stderr, se, 256 * 1024), daemon=True)]
    for t in readers:
        t.start()
    threading.Thread(target=_feed, args=(proc.stdin, stdin), daemon=True).start()
    deadline = started + timeout
    while not flooded.is_set() and time.perf_counter() < deadline:
        try:
            proc.wait(timeout=min(0.1, max(0.0, deadline - time.perf_counter())))
            break
        except subprocess.TimeoutExpired:
            pass
    if proc.poll() is None:
        _kill(proc)
        out.problem = ('printed more than %d bytes (the limit; --max-output)' % max_output if flooded.is_set()
                       else 'timed out after %gs (--timeout)' % timeout)
    proc.wait()
    for t in readers:
        t.join(timeout=5)
    out.seconds = time.perf_counter() - started
    out.stdout, out.stderr, out.returncode = b''.join(so), b''.join(se)[-STDERR_TAIL:], proc.returncode
    if flooded.is_set() and not out.problem:
        out.problem = 'printed more than %d bytes (the limit; --max-output)' % max_output
    if not out.problem and out.returncode:
        out.problem = _exit_text(out.returncode)
    return out


def _exit_text(code):
    if code < 0:
        try:
            return 'killed by %s' % signal.Signals(-code).name
        except ValueError:
            return 'killed by signal %d' % -code
    return 'exited with status %d' % code


def stderr_tail(run_, lines=6):
    text = run_.stderr.decode('utf-8', 'replace').rstrip().splitlines()
    return '\n'.join(text[-lines:])
