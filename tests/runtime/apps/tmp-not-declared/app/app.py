"""The sample app from our users' guides: a small Flask service on port 3000 with a health endpoint."""
import os

from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/")
def index():
    return jsonify(message="Hello from fargatekit", service=os.environ.get("SERVICE_NAME", "web"))


@app.get("/health")
def health():
    return jsonify(status="ok")
