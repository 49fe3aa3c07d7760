#!/usr/bin/python3
"""A tiny real SMTP server for tests (needs Debian's python3-aiosmtpd).

    /usr/bin/python3 scripts/smtp_sink.py --host 127.0.0.1 --port N --dir DIR

Every message received is written verbatim (the bytes of the DATA phase) to
DIR/<unix-nanos>-<counter>.eml. It is first written to a hidden temporary
name (".<name>.tmp") in the same folder and then renamed, so a reader that
looks for *.eml never sees half a message.

Stdout (line-buffered, flushed): "ready <port>" once listening, then
"received <rcpt>[,<rcpt>...]" per message. --port 0 picks a free port and
reports it on the "ready" line. Runs until SIGTERM or SIGINT. No TLS, no AUTH.
"""

import argparse
import itertools
import os
import signal
import socket
import sys
import threading
import time

from aiosmtpd.controller import Controller


def say(line):
    try:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass


class SinkHandler:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content
        if data is None:
            data = envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        with self.lock:
            n = next(self.counter)
        name = f"{time.time_ns()}-{n}.eml"
        tmp = os.path.join(self.directory, f".{name}.tmp")
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, os.path.join(self.directory, name))
        say("received " + ",".join(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def free_port(host):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description="SMTP sink writing messages to a folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()

    os.makedirs(args.dir, exist_ok=True)
    port = args.port or free_port(args.host)

    # Block the stop signals before the controller's thread starts (it inherits the
    # mask), then wait for one of them synchronously in the main thread.
    stop_signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)

    controller = Controller(
        SinkHandler(os.path.abspath(args.dir)),
        hostname=args.host,
        port=port,
        enable_SMTPUTF8=True,
    )
    controller.start()
    try:
        say(f"ready {port}")
        signal.sigwait(stop_signals)
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
