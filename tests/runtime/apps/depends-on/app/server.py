"""Runtime test app: answers GET /health with 200 on 0.0.0.0:8080."""
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.path == "/health"
        self.send_response(200 if ok else 404)
        self.end_headers()
        self.wfile.write(b"ok\n" if ok else b"not found\n")


print("listening on 0.0.0.0:8080", flush=True)
HTTPServer(("0.0.0.0", 8080), Handler).serve_forever()
