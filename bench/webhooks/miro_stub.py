"""Miro stand-in for bench/webhooks: creates board subscriptions and records the callback URL it was given.

Usage: miro_stub.py PORT CALLBACK_FILE
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
        if self.path != "/v2-experimental/webhooks/board_subscriptions":
            self.send_error(404)
            return
        with open(sys.argv[2], "w", encoding="utf-8") as out:
            out.write(body["callbackUrl"])
        answer = json.dumps({"id": "3458764500000000777", "type": "board_subscription", "status": "enabled",
                             "data": {"boardId": body["boardId"]}}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
