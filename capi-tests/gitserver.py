#!/usr/bin/python3
"""Git's smart HTTP protocol on loopback, for the tests that run Debian's git on our library.

A small HTTP/1.1 server that hands every request to `git http-backend` as a CGI program and
sends its answer back with a Content-Length (the connection stays open). Request bodies may
come with a Content-Length or chunked (git push sends large packs chunked); a chunked body
is decoded before it reaches the backend.

usage: gitserver.py ROOT LOG [USER:PASSWORD]

ROOT holds the bare repositories, served as http://127.0.0.1:PORT/NAME.git. With
USER:PASSWORD, every request must carry `Authorization: Basic` with those credentials and
is otherwise answered 401 with `WWW-Authenticate: Basic realm="x"`. The server listens on an
ephemeral port, prints it as the first line of stdout, appends one line per request to LOG
(method, path, how the body came, its length, the status), and exits when stdin closes.
"""

import base64
import http.server
import os
import subprocess
import sys
import threading

BACKEND = "/usr/lib/git-core/git-http-backend"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.serve()

    def do_POST(self):
        self.serve()

    def read_body(self):
        """The request body and how it came: "chunked", "length" or "none"."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size_line = self.rfile.readline()
                if not size_line:
                    raise ConnectionError("chunked body cut off")
                size = int(size_line.split(b";", 1)[0].strip(), 16)
                if size == 0:
                    # Trailer fields, if any, up to the empty line.
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts), "chunked"
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = self.headers.get("Content-Length")
        if length is not None:
            return self.rfile.read(int(length)), "length"
        return b"", "none"

    def authorized(self):
        if self.server.credentials is None:
            return True
        given = self.headers.get("Authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            return base64.b64decode(token.strip()).decode() == self.server.credentials
        except ValueError:
            return False

    def serve(self):
        body, framing = self.read_body()
        if not self.authorized():
            text = b"authentication required\n"
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="x"')
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)
            self.note(framing, len(body), 401)
            return
        status, headers, content = self.run_backend(body)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)
        self.note(framing, len(body), status)

    def run_backend(self, body):
        path, _, query = self.path.partition("?")
        env = {
            "PATH": "/usr/bin:/bin",
            "GIT_PROJECT_ROOT": self.server.root,
            "GIT_HTTP_EXPORT_ALL": "1",
            "GATEWAY_INTERFACE": "CGI/1.1",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REQUEST_METHOD": self.command,
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "REMOTE_ADDR": self.client_address[0],
            "CONTENT_LENGTH": str(len(body)),
        }
        if self.server.credentials is not None:
            env["REMOTE_USER"] = self.server.credentials.split(":", 1)[0]
        content_type = self.headers.get("Content-Type")
        if content_type:
            env["CONTENT_TYPE"] = content_type
        for name, value in self.headers.items():
            key = "HTTP_" + name.upper().replace("-", "_")
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                env[key] = value
        run = subprocess.run(
            [BACKEND], input=body, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        if run.stderr:
            self.server.log(b"backend: " + run.stderr.rstrip(b"\n") + b"\n")
        head, _, content = run.stdout.partition(b"\r\n\r\n")
        if not _:
            head, _, content = run.stdout.partition(b"\n\n")
        status, headers = 200, []
        for line in head.decode("latin-1").splitlines():
            name, _, value = line.partition(":")
            if name.lower() == "status":
                status = int(value.split()[0])
            elif name:
                headers.append((name, value.strip()))
        return status, headers, content

    def note(self, framing, length, status):
        line = f"{self.command} {self.path} {framing} {length} {status}\n"
        self.server.log(line.encode())

    def log_message(self, format, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root, log_path, credentials):
        super().__init__(("127.0.0.1", 0), Handler)
        self.root = root
        self.credentials = credentials
        self.log_file = open(log_path, "ab", buffering=0)
        self.lock = threading.Lock()

    def log(self, data):
        with self.lock:
            self.log_file.write(data)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    root, log_path = os.path.abspath(sys.argv[1]), sys.argv[2]
    credentials = sys.argv[3] if len(sys.argv) == 4 else None
    server = Server(root, log_path, credentials)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    # The test holds our stdin open while it needs us.
    sys.stdin.buffer.read()
    server.shutdown()


if __name__ == "__main__":
    main()
