"""Scenarios driven through jupyter_client as front ends drive a kernel: interrupts, message
security, refused connection files, shutdown and restart, the status protocol and stdin.

Timeouts are generous (a shared 2-core machine) but bounded; the interrupt's 1 s is the issue's.
"""
import hashlib
import hmac
import json
import os
import subprocess
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from queue import Empty

import pytest
import zmq
from jupyter_client import KernelManager
from jupyter_client.connect import write_connection_file

from conftest import KERNEL
from kernels import PROFILES

P = PROFILES[KERNEL]
START_TIMEOUT = 90  # a cold JVM on a busy machine
REPLY_TIMEOUT = 30
INTERRUPT_REPLY_WITHIN = 1.0  # seconds, issue 16


def xfail_for_this_kernel(test):
    reason = P["xfail"].get(test.__name__)
    return pytest.mark.xfail(reason=reason, strict=True)(test) if reason else test


@contextmanager
def running_kernel(**manager_args):
    km = KernelManager(kernel_name=manager_args.pop("kernel_name", KERNEL), **manager_args)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=START_TIMEOUT)
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kernel():
    with running_kernel() as (km, kc):
        yield km, kc


def drain(kc):
    # The client's get_*_msg, not channel.get_msg: in jupyter_client 7 the latter is a coroutine.
    for get in (kc.get_shell_msg, kc.get_iopub_msg, kc.get_stdin_msg, kc.get_control_msg):
        while True:
            try:
                get(timeout=0.05)
            except Empty:
                break


def iopub_until_idle(kc, msg_id, timeout=REPLY_TIMEOUT):
    """The IOPub messages that answer msg_id, up to and including its status idle."""
    deadline = time.monotonic() + timeout
    messages = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"no status idle for {msg_id} within {timeout} s; got {[m['msg_type'] for m in messages]}")
        try:
            m = kc.get_iopub_msg(timeout=left)
        except Empty:
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(m)
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return messages


def shell_reply(kc, msg_id, timeout=REPLY_TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            m = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        except Empty:
            break
        if m["parent_header"].get("msg_id") == msg_id:
            return m
    raise AssertionError(f"no shell reply to {msg_id} within {timeout} s")


def execute(kc, code, **kw):
    msg_id = kc.execute(code, **kw)
    reply = shell_reply(kc, msg_id)
    return reply, iopub_until_idle(kc, msg_id)


def result_text(messages):
    return [m["content"]["data"]["text/plain"] for m in messages if m["msg_type"] == "execute_result"]


# ------------------------------------------------------------------ interrupt

def wait_until_running(kc, msg_id):
    """Returns once the cell has started (execute_input seen), then lets it spin a little."""
    deadline = time.monotonic() + REPLY_TIMEOUT
    while time.monotonic() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=1)
        except Empty:
            continue
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "execute_input":
            time.sleep(1.0)  # into the loop, past any start-up of the cell
            return
    raise AssertionError("the busy loop never started (no execute_input)")


@pytest.mark.parametrize("mode", ["message", "signal"])
def test_an_endless_loop_is_interrupted(mode, spec_with_interrupt_mode):
    specs, name = spec_with_interrupt_mode(mode)
    with running_kernel(kernel_name=name, kernel_spec_manager=specs) as (km, kc):
        assert km.kernel_spec.interrupt_mode == mode
        reply, _ = execute(kc, P["define_variable"])
        assert reply["content"]["status"] == "ok", reply["content"]
        msg_id = kc.execute(P["busy_loop"])
        wait_until_running(kc, msg_id)
        with pytest.raises(AssertionError, match="no shell reply"):
            shell_reply(kc, msg_id, timeout=0.2)  # still spinning: the interrupt below is what ends it
        started = time.monotonic()
        if mode == "message":
            # Sent by this client rather than km.interrupt_kernel(), which sends the same request
            # on a socket of its own and drops the reply: here the interrupt_reply is checked too.
            request = kc.session.msg("interrupt_request", {})
            kc.control_channel.send(request)
        else:
            km.interrupt_kernel()  # SIGINT to the kernel's process group, as jupyter_client does
        reply = shell_reply(kc, msg_id, timeout=REPLY_TIMEOUT)
        took = time.monotonic() - started
        assert took <= INTERRUPT_REPLY_WITHIN, f"execute_reply came {took:.2f} s after the interrupt ({mode})"
        assert reply["content"]["status"] == "error", reply["content"]
        assert km.is_alive(), f"the kernel died of the interrupt ({mode})"
        if mode == "message":
            answer = kc.get_control_msg(timeout=REPLY_TIMEOUT)
            assert answer["msg_type"] == "interrupt_reply", answer
            assert answer["parent_header"]["msg_id"] == request["header"]["msg_id"], answer
            if P["interrupt_reply_has_status"]:
                assert answer["content"].get("status") == "ok", answer["content"]
        iopub_until_idle(kc, msg_id)
        reply, messages = execute(kc, P["use_variable"])
        assert reply["content"]["status"] == "ok", reply["content"]
        assert result_text(messages) == [P["use_variable_result"]], "the variable defined before the interrupt is gone"


# ------------------------------------------------------------------ message security

class RawShell:
    """A DEALER on the kernel's shell (or control) port, signing (or not) as the test decides."""

    def __init__(self, km, port_name="shell_port"):
        info = km.get_connection_info()
        self.key = info["key"] if isinstance(info["key"], bytes) else info["key"].encode()
        self.ctx = zmq.Context()
        self.sock = self.ctx.socket(zmq.DEALER)
        self.sock.linger = 0
        self.sock.connect(f"{info['transport']}://{info['ip']}:{info[port_name]}")
        self.session = uuid.uuid4().hex

    def frames(self, msg_type="kernel_info_request", sign=True, forge=False):
        header = {"msg_id": uuid.uuid4().hex, "session": self.session, "username": "test",
                  "date": datetime.now(timezone.utc).isoformat(), "msg_type": msg_type, "version": "5.3"}
        parts = [json.dumps(x).encode() for x in (header, {}, {}, {})]
        signature = b""
        if sign:
            key = b"not the key" if forge else self.key
            mac = hmac.new(key, digestmod=hashlib.sha256)
            for p in parts:
                mac.update(p)
            signature = mac.hexdigest().encode()
        return [b"<IDS|MSG>", signature] + parts

    def send(self, frames):
        self.sock.send_multipart(frames)

    def reply(self, timeout=3.0):
        if self.sock.poll(int(timeout * 1000)):
            return self.sock.recv_multipart()
        return None

    def close(self):
        self.sock.close()
        self.ctx.term()


def answered(raw, sent, timeout=REPLY_TIMEOUT):
    """Which of the sent messages the next reply answers (by its parent's msg_id), or None."""
    frames = raw.reply(timeout)
    if frames is None:
        return None
    parent = json.loads(frames[frames.index(b"<IDS|MSG>") + 3])
    return next((name for name, f in sent.items() if json.loads(f[2])["msg_id"] == parent.get("msg_id")), parent)


@pytest.mark.parametrize("port", ["shell_port", "control_port"])
def test_only_signed_fresh_messages_are_answered(kernel, port):
    """A socket's requests are handled in order, so the first reply after a bad message and a good
    one must answer the good one: had the bad one been answered, its reply would come first."""
    km, kc = kernel
    raw = RawShell(km, port)
    sent = {"forged": raw.frames(forge=True), "unsigned": raw.frames(sign=False), "good": raw.frames(),
            "fresh": raw.frames()}
    try:
        raw.send(sent["forged"])
        raw.send(sent["unsigned"])
        raw.send(sent["good"])
        first = answered(raw, sent)
        assert first is not None, "a correctly signed message got no reply: the test's own signing is wrong"
        assert first == "good", f"the first reply answers the {first} message, which must get none"
        raw.send(sent["good"])  # the very same frames again: a replay
        raw.send(sent["fresh"])
        second = answered(raw, sent)
        assert second == "fresh", f"after a replay and a fresh message, the reply answers {second}"
        assert answered(raw, sent, timeout=0.5) is None, "a reply to nothing"
    finally:
        raw.close()
    # And the kernel carries on for its real client.
    reply, _ = execute(kc, "1 + 1")
    assert reply["content"]["status"] == "ok"


# ------------------------------------------------------------------ refused connection files

def start_with_connection_file(kernel_spec, tmp_path, **connection):
    path = str(tmp_path / "connection.json")
    # Ports given, so that write_connection_file does not try to bind them itself (it cannot, on a
    # foreign address); nothing listens there, and the kernel is expected never to bind them.
    ports = dict(zip(("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"), range(47011, 47016)))
    write_connection_file(path, **ports, **connection)
    argv = [a.replace("{connection_file}", path) for a in kernel_spec.argv]
    env = {**os.environ, **kernel_spec.env}
    return path, subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def assert_refused(process, path, mentions):
    """The kernel must exit non-zero by itself; if it answers a kernel_info instead, it accepted."""
    from jupyter_client import BlockingKernelClient

    deadline = time.monotonic() + START_TIMEOUT
    kc = None
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if kc is None:
                kc = BlockingKernelClient(connection_file=path)
                kc.load_connection_file()
                if kc.ip.startswith("127.") or kc.ip == "localhost":
                    kc.start_channels()  # never send anything towards a non-loopback address
                else:
                    kc = False
            if kc:
                try:
                    kc.kernel_info()
                    kc.get_shell_msg(timeout=1)
                    raise AssertionError("the kernel accepted the connection file and answered kernel_info")
                except Empty:
                    pass
            else:
                time.sleep(0.5)
    finally:
        if kc:
            kc.stop_channels()
        if process.poll() is None:
            process.kill()
    out, err = process.communicate(timeout=10)
    assert process.returncode not in (None, 0), f"the kernel did not refuse (exit {process.returncode}):\n{out}{err}"
    for word in mentions:
        assert word in out + err, f"the refusal does not mention {word!r}:\n{out}{err}"
    return out + err


def test_a_non_loopback_address_is_refused(kernel_spec, tmp_path):
    # 192.0.2.1 is TEST-NET-1 (RFC 5737), documentation only: nothing is ever sent to it.
    path, process = start_with_connection_file(kernel_spec, tmp_path, ip="192.0.2.1", key=uuid.uuid4().hex.encode())
    assert_refused(process, path, P["refuse_remote_mentions"])


@xfail_for_this_kernel
def test_an_empty_key_is_refused(kernel_spec, tmp_path):
    path, process = start_with_connection_file(kernel_spec, tmp_path, ip="127.0.0.1", key=b"")
    assert_refused(process, path, P["refuse_empty_key_mentions"])


# ------------------------------------------------------------------ shutdown and restart

def test_restart_forgets_and_shutdown_ends_the_process(tmp_path):
    with running_kernel() as (km, kc):
        reply, _ = execute(kc, P["define_variable"])
        assert reply["content"]["status"] == "ok"
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=START_TIMEOUT)
        drain(kc)
        reply, messages = execute(kc, P["use_variable"])
        assert reply["content"]["status"] == "error", f"the variable survived the restart: {reply['content']}"
        reply, messages = execute(kc, "6 * 7")
        assert result_text(messages) == ["42"], "the restarted kernel does not evaluate"

        process = km.provisioner.process
        msg_id = kc.shutdown(restart=False)
        answer = kc.get_control_msg(timeout=REPLY_TIMEOUT)
        assert answer["msg_type"] == "shutdown_reply" and answer["parent_header"]["msg_id"] == msg_id, answer
        assert answer["content"]["restart"] is False
        try:
            code = process.wait(timeout=REPLY_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"the kernel still runs {REPLY_TIMEOUT} s after its shutdown_reply")
        assert code == 0, f"the kernel exited with {code} after a clean shutdown"


# ------------------------------------------------------------------ status and ordering

@pytest.mark.parametrize("request_kind", ["execute", "kernel_info", "complete", "is_complete", "inspect"])
def test_busy_then_idle_around_every_request(kernel, request_kind):
    km, kc = kernel
    drain(kc)
    send = {
        "execute": lambda: kc.execute(P["code_hello_world"]),
        "kernel_info": kc.kernel_info,
        "complete": lambda: kc.complete("Math.ma" if KERNEL == "jinn" else "pri"),
        "is_complete": lambda: kc.is_complete("1 + 1"),
        "inspect": lambda: kc.inspect(P["code_inspect_sample"]),
    }[request_kind]
    msg_id = send()
    shell_reply(kc, msg_id)
    messages = iopub_until_idle(kc, msg_id)
    kinds = [m["msg_type"] if m["msg_type"] != "status" else m["content"]["execution_state"] for m in messages]
    assert kinds[0] == "busy", kinds
    assert kinds[-1] == "idle" and kinds.count("busy") == 1 and kinds.count("idle") == 1, kinds
    if request_kind == "execute":
        assert kinds[1] == "execute_input", f"execute_input must come right after busy: {kinds}"
        assert "stream" in kinds, kinds


def test_execution_count_silent_and_stop_on_error(kernel):
    km, kc = kernel
    drain(kc)
    first, _ = execute(kc, "1 + 1")
    second, _ = execute(kc, "2 + 2")
    assert second["content"]["execution_count"] == first["content"]["execution_count"] + 1
    # silent: no execute_input, no execute_result, and the counter does not move
    silent, messages = execute(kc, "6 * 7", silent=True)
    assert silent["content"]["status"] == "ok"
    assert [m["msg_type"] for m in messages] == ["status", "status"], [m["msg_type"] for m in messages]
    third, _ = execute(kc, "3 + 3")
    assert third["content"]["execution_count"] == second["content"]["execution_count"] + 1
    # store_history=False: the counter does not move and the code stays out of the history
    unstored, messages = execute(kc, P["unstored_code"], store_history=False)
    assert unstored["content"]["status"] == "ok"
    assert result_text(messages), f"no result for {P['unstored_code']!r}"
    fourth, _ = execute(kc, "4 + 4")
    assert fourth["content"]["execution_count"] == third["content"]["execution_count"] + 1
    history_id = kc.history(hist_access_type="tail", n=50, raw=True, output=False)
    history = shell_reply(kc, history_id)["content"]["history"]
    assert [h[2] for h in history][-2:] == ["3 + 3", "4 + 4"], history[-3:]
    assert all(h[2] != P["unstored_code"] for h in history), f"the unstored code is in the history: {history[-3:]}"
    # stop_on_error: an execute queued behind a failing one is aborted, not run
    failing = kc.execute(P["code_generate_error"], stop_on_error=True)
    queued = kc.execute(P["code_hello_world"])
    assert shell_reply(kc, failing)["content"]["status"] == "error"
    assert shell_reply(kc, queued)["content"]["status"] == "aborted"
    drain(kc)
    # ...and the kernel takes requests again afterwards
    reply, messages = execute(kc, "6 * 7")
    assert result_text(messages) == ["42"], reply["content"]


def test_output_streams_while_the_cell_runs(kernel):
    """A front end shows a cell's output as it comes: the first line arrives while the cell still
    sleeps, not with the reply (issue 16: flushed per line or every 50 ms)."""
    km, kc = kernel
    drain(kc)
    started = time.monotonic()
    msg_id = kc.execute(P["print_sleep_print"])
    first = None
    while first is None:
        m = kc.get_iopub_msg(timeout=REPLY_TIMEOUT)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "stream":
            first = (time.monotonic(), m["content"]["text"])
    reply = shell_reply(kc, msg_id)
    finished = time.monotonic()
    assert reply["content"]["status"] == "ok", reply["content"]
    assert first[1].startswith("first"), f"the first stream message is {first[1]!r}"
    assert "second" not in first[1], "both lines came together, at the end of the cell"
    assert finished - first[0] >= 1.0, (
        f"the first line arrived {first[0] - started:.2f} s after the request, only {finished - first[0]:.2f} s "
        "before the reply; the cell sleeps 1.5 s after printing it")
    iopub_until_idle(kc, msg_id)


# ------------------------------------------------------------------ stdin

def test_reading_stdin_asks_the_front_end(kernel):
    km, kc = kernel
    drain(kc)
    msg_id = kc.execute(P["read_stdin"], allow_stdin=True)
    request = kc.get_stdin_msg(timeout=REPLY_TIMEOUT)
    assert request["msg_type"] == "input_request", request
    assert request["parent_header"]["msg_id"] == msg_id
    assert request["content"]["password"] is False
    kc.input("hello from stdin")
    reply = shell_reply(kc, msg_id)
    assert reply["content"]["status"] == "ok", reply["content"]
    assert result_text(iopub_until_idle(kc, msg_id)) == [P["read_stdin_result"]]


def test_reading_stdin_without_a_front_end_that_allows_it_fails_clearly(kernel):
    km, kc = kernel
    drain(kc)
    reply, messages = execute(kc, P["read_stdin"], allow_stdin=False)
    assert reply["content"]["status"] == "error", reply["content"]
    text = reply["content"]["ename"] + " " + reply["content"]["evalue"]
    assert "stdin" in text.lower() or "input" in text.lower(), f"an unclear error: {text}"
    with pytest.raises(Empty):
        kc.get_stdin_msg(timeout=0.5)


# ------------------------------------------------------------------ magics

def streamed(messages, name="stdout"):
    return "".join(m["content"]["text"] for m in messages if m["msg_type"] == "stream" and m["content"]["name"] == name)


def test_time_magic_runs_the_cell_once_and_reports_wall_time(kernel):
    km, kc = kernel
    drain(kc)
    reply, messages = execute(kc, P["timed_cell"])
    assert reply["content"]["status"] == "ok", reply["content"]
    assert "Wall time:" in streamed(messages), [m["msg_type"] for m in messages]
    assert result_text(messages) == ["42"]
    # The timing comes before the result, as IPython shows it.
    kinds = [m["msg_type"] for m in messages if m["msg_type"] in ("stream", "execute_result")]
    assert kinds == ["stream", "execute_result"], kinds


def test_who_lists_the_variables(kernel):
    km, kc = kernel
    drain(kc)
    execute(kc, P["timed_cell"])
    reply, messages = execute(kc, "%who")
    assert reply["content"]["status"] == "ok", reply["content"]
    assert P["who_names"] in streamed(messages)


def test_an_unknown_magic_is_a_usage_error(kernel):
    km, kc = kernel
    drain(kc)
    reply, messages = execute(kc, P["unknown_magic"])
    assert reply["content"]["status"] == "error", reply["content"]
    assert reply["content"]["ename"] == "UsageError", reply["content"]
    assert "nosuchmagic" in reply["content"]["evalue"], reply["content"]
