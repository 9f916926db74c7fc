"""A stand-in for GOV.UK Notify on 127.0.0.1: the endpoints the official client calls."""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import keyring
from keyring.backend import KeyringBackend

INVALID = "07700000000"  # answered as Notify answers a number it cannot text


class MemoryKeyring(KeyringBackend):
    """The credential store, in memory, for tests."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


class FakeNotify:
    """Accepts texts, answers statuses and lookups by reference; ``script`` holds the HTTP
    status the next sends get (201 when empty); "lost" accepts the text and answers 500."""

    def __init__(self) -> None:
        self.sent: dict[str, dict] = {}
        self.script: list[int | str] = []
        self.requests: list[tuple[str, str]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def _answer(self, code: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # http.server's name
                fake.requests.append(("POST", self.path))
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                assert self.headers["Authorization"].startswith("Bearer ")
                step = fake.script.pop(0) if fake.script else 201
                if step == 429:
                    return self._answer(429, {"status_code": 429, "errors": [
                        {"error": "RateLimitError", "message": "Exceeded rate limit"}]})
                if step == 500:
                    return self._answer(500, {"status_code": 500, "errors": [
                        {"error": "Exception", "message": "Internal server error"}]})
                if body["phone_number"] == INVALID:
                    return self._answer(400, {"status_code": 400, "errors": [
                        {"error": "BadRequestError",
                         "message": "phone_number Not a UK mobile number"}]})
                notification = {"id": str(uuid.uuid4()), "reference": body.get("reference"),
                                 "phone_number": body["phone_number"],
                                 "template": {"id": body["template_id"]},
                                 "personalisation": body.get("personalisation", {}),
                                 "status": "created", "type": "sms"}
                fake.sent[notification["id"]] = notification
                if step == "lost":
                    return self._answer(500, {"status_code": 500, "errors": [
                        {"error": "Exception", "message": "Internal server error"}]})
                return self._answer(201, {"id": notification["id"],
                                          "reference": notification["reference"],
                                          "content": {"body": "..."},
                                          "template": notification["template"]})

            def do_GET(self) -> None:  # http.server's name
                fake.requests.append(("GET", self.path))
                url = urlparse(self.path)
                if url.path == "/v2/notifications":
                    reference = parse_qs(url.query).get("reference", [None])[0]
                    return self._answer(200, {"notifications": [
                        n for n in fake.sent.values() if n["reference"] == reference],
                        "links": {}})
                found = fake.sent.get(url.path.rsplit("/", 1)[-1])
                if found is None:
                    return self._answer(404, {"status_code": 404, "errors": [
                        {"error": "NoResultFound", "message": "No result found"}]})
                return self._answer(200, found)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeNotify:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def to(self, phone: str) -> list[dict]:
        return [n for n in self.sent.values() if n["phone_number"] == phone]


def use_memory_keyring() -> tuple[MemoryKeyring, KeyringBackend]:
    """Install an in-memory store; returns it and the one it replaced."""
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    return memory, previous
