"""A small SMTP server in a thread (RFC 5321 subset: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT) that keeps every message it accepts, and refuses the recipients it is told to with 550.
Used by the distribution tests (mail captured at the network edge) and by the sending bench."""

from __future__ import annotations

import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message


@dataclass
class Mailbox:
    keep: bool = True
    refuse: set[str] = field(default_factory=set)
    messages: list[Message] = field(default_factory=list)
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def _reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        box = self.server.mailbox
        self._reply("220 test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb in {"EHLO", "HELO"}:
                self.wfile.write(b"250-test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
            elif verb == "RCPT":
                address = command.partition(":")[2].strip().strip("<>").lower()
                self._reply("550 5.1.1 No such user" if address in box.refuse else "250 OK")
            elif verb in {"MAIL", "RSET", "NOOP"}:
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                self._read_data(box)
                self._reply("250 OK queued")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:
                self._reply("502 Command not implemented")

    def _read_data(self, box: Mailbox) -> None:
        lines = []
        while (line := self.rfile.readline()) not in {b".\r\n", b".\n", b""}:
            if box.keep:
                lines.append(line[1:] if line.startswith(b"..") else line)
        with box.lock:
            box.count += 1
            if box.keep:
                box.messages.append(message_from_bytes(b"".join(lines)))


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mailbox: Mailbox


@contextmanager
def smtp_server(port: int = 0, *, keep: bool = True, refuse: set[str] | None = None) -> Iterator[tuple[int, Mailbox]]:
    """``with smtp_server() as (port, mailbox):`` serve on 127.0.0.1 until the block ends."""
    server = _Server(("127.0.0.1", port), _Handler)
    server.mailbox = Mailbox(keep=keep, refuse={a.lower() for a in refuse or set()})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server.mailbox
    finally:
        server.shutdown()
        server.server_close()
