"""run a port: one process, an argument list (never a shell), a time limit, capped output.

whatever the port does (crash, hang, flood, silence, children left behind)
comes back as a Run; nothing here raises for a bad port. the port's output is
read while it runs, so the time limit bounds the reading too. once the port
(the process we started) exits, its children get GRACE seconds to close its
stdout, then everything it started is ended:
- its process group and session (it runs as a session leader),
- any process still carrying NNSPEC_RUN=<this run's token> in its environment,
  which catches children that left the group with setsid() or double-forked.
not covered: a descendant that both leaves the session and clears its environment.
"""
import os
import re
import selectors
import signal
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass

from nnspec import signals

MAX_OUTPUT = 4 * 1024 * 1024
STDERR_TAIL = 4000  # the last bytes of stderr kept, however much the port writes: where its error is
GRACE = 0.5  # seconds the port's children may keep its stdout open after it exits


@dataclass
class Run:
    argv: list
    stdout: bytes = b''
    stderr: bytes = b''
    returncode: int = None
    seconds: float = 0.0  # until the port exited (or was stopped): the grace is not the port's time
    problem: str = None   # why the port could not be run or broke the protocol, or None


def _feed(pipe, data):
    """write stdin from a thread: a port that never reads it must not block us."""
    try:
        pipe.write(data)
        pipe.close()
    except (BrokenPipeError, OSError, ValueError):
        pass  # a port that does not read its stdin is fine


def _tagged(token):
    """pids of processes whose environment carries our run's token (linux /proc; empty elsewhere)."""
    needle = ('NNSPEC_RUN=%s' % token).encode()
    found = []
    try:
        names = os.listdir('/proc')
    except OSError:
        return found
    for name in names:
        if name.isdigit() and int(name) != os.getpid():
            try:
                with open('/proc/%s/environ' % name, 'rb') as f:
                    if needle in f.read().split(b'\0'):
                        found.append(int(name))
            except OSError:
                pass  # gone, or not ours
    return found


LIVE, _LIVE_LOCK = {}, threading.Lock()  # the ports running now (-j runs several), to end them all on ctrl-c
_STOP = threading.local()  # the event that tells this thread's checks to start no port


class Stopped(BaseException):
    """the run was stopped (ctrl-c): no port is started. not an Exception: no check mistakes it for a bug."""


def stop_with(event):
    """from now on this thread starts no port once `event` is set (many.run_all's workers)."""
    _STOP.event = event


def _stopping():
    event = getattr(_STOP, 'event', None)
    return event is not None and event.is_set()


def end_all():
    """end every port running now, from any thread: what ctrl-c of nnspec check does with -j."""
    with _LIVE_LOCK:
        live = list(LIVE.items())
    for proc, token in live:
        end(proc, token)
    return len(live)


def end(proc, token):
    """the port and everything it started: its process group, then anything still carrying its token."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.kill()
    for pid in _tagged(token):
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _read(proc, deadline, max_output):
    """read stdout and stderr while the port runs; (stdout chunks, stderr's last STDERR_TAIL bytes, flooded, exited at)."""
    so, se, kept = [], bytearray(), 0
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout.fileno(), selectors.EVENT_READ, so)
    sel.register(proc.stderr.fileno(), selectors.EVENT_READ, se)
    exited, flooded = None, False
    try:
        while sel.get_map():
            now = time.perf_counter()
            if exited is None and proc.poll() is not None:
                exited = now
            limit = deadline if exited is None else min(deadline, exited + GRACE)
            if now >= limit:
                break
            for key, _ in sel.select(timeout=min(0.05, limit - now)):
                chunk = os.read(key.fd, 65536)
                if not chunk:
                    sel.unregister(key.fd)
                elif key.data is se:  # the end of stderr is kept, not its start: the error comes last
                    se += chunk
                    del se[:-STDERR_TAIL]
                else:
                    so.append(chunk[:max(0, max_output - kept)])
                    kept += len(chunk)
                    flooded = kept > max_output
            if flooded:
                break
    finally:
        sel.close()
    return so, se, flooded, exited


def run(argv, stdin=b'', timeout=600.0, max_output=MAX_OUTPUT, env=None):
    """run argv with stdin; a Run with what came out, or with the problem."""
    started = time.perf_counter()
    out = Run(argv=list(argv))
    if argv and os.path.isdir(argv[0]):
        out.problem = 'could not start %r: it is a directory, not a program' % argv[0]
        return out
    token = uuid.uuid4().hex
    with _LIVE_LOCK:  # started and LIVE at once: end_all, which takes this lock, sees every port that runs
        if _stopping():  # a stop came first (it is set before end_all runs): start no port
            raise Stopped()
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=dict(os.environ, **(env or {}), NNSPEC_RUN=token), start_new_session=True)
        except (OSError, ValueError) as e:
            out.problem = 'could not start %r: %s' % (argv[0] if argv else '', e)
            return out
        LIVE[proc] = token
    try:
        threading.Thread(target=_feed, args=(proc.stdin, stdin), daemon=True).start()
        so, se, flooded, exited = _read(proc, started + timeout, max_output)
        if not flooded and exited is None:  # its pipes closed: wait for the port itself, within the limit
            try:
                proc.wait(timeout=max(0.0, started + timeout - time.perf_counter()))
                exited = time.perf_counter()
            except subprocess.TimeoutExpired:
                pass
        running = proc.poll() is None
    finally:  # ctrl-c or sigterm of nnspec ends the port too, and a second one cannot cut that short
        with signals.deferred():
            end(proc, token)
            proc.wait()
            with _LIVE_LOCK:
                LIVE.pop(proc, None)
            for pipe in (proc.stdout, proc.stderr):
                pipe.close()
    if _stopping():  # ended by end_all: what it printed is no outcome, and its case is still one that was running
        raise Stopped()
    out.seconds = (exited or time.perf_counter()) - started
    out.stdout, out.stderr, out.returncode = b''.join(so), bytes(se), proc.returncode
    if flooded:
        out.problem = 'printed more than %d bytes (the limit; --max-output)' % max_output
    elif running:
        out.problem = 'timed out after %gs (--timeout)' % timeout
    elif out.returncode:
        out.problem = _exit_text(out.returncode)
    return out


def _exit_text(code):
    if code < 0:
        try:
            return 'killed by %s' % signal.Signals(-code).name
        except ValueError:
            return 'killed by signal %d' % -code
    return 'exited with status %d' % code


FRAME = re.compile(r'^\s+at\s')  # a frame of a javascript or java stack trace: `    at f (port.js:3:30)`
FOOTER = re.compile(r'^Node\.js v\d')  # what node prints after the stack
FRAMES_SHOWN = 2


def stderr_tail(run_, lines=6):
    """the last lines of the port's stderr; when they end in a stack trace, the error above its frames, then the
    first frames (a node or java crash ends in ten frames and node's version, its error comes before them)."""
    text = run_.stderr.decode('utf-8', 'replace').rstrip().splitlines()
    while text and (not text[-1].strip() or FOOTER.match(text[-1])):
        text.pop()
    start = len(text)
    while start and FRAME.match(text[start - 1]):
        start -= 1
    frames, head = text[start:], [t for t in text[:start] if t.strip()]
    if not frames or not head:
        return '\n'.join(text[-lines:])
    shown = min(FRAMES_SHOWN, max(lines - 2, 0))
    more = ['    ... %d more frames' % (len(frames) - shown)] if shown and len(frames) > shown else []
    return '\n'.join(head[-max(lines - shown - len(more), 1):] + frames[:shown] + more)
