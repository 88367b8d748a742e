#!/usr/bin/python3
"""The seed system's way of taking an upload, as a peer for the ingest benchmark (Debian's python3-flask).

POST /upload with a multipart/form-data body whose "video" part is the file: the whole file is read into memory,
written to a temp file beside its destination, then moved into place; no hash, no fsync. Answers 201 with the size.
GET /health answers 200 once the server listens.

    /usr/bin/python3 flask_upload_host.py --port 5001 --dir /tmp/flask-peer

Run it with Debian's /usr/bin/python3: python3-flask is installed for that interpreter only. It serves on 127.0.0.1
with Flask's own server (app.run, threaded), as the seed did; Werkzeug spools the form's file part to a temporary
file first (in TMPDIR) before the handler reads it.
"""

import argparse
import logging
import os
import shutil
import tempfile
import uuid

from flask import Flask, jsonify, request


def create_app(directory: str) -> Flask:
    app = Flask(__name__)

    @app.post("/upload")
    def upload():
        video = request.files.get("video")
        if video is None:
            return jsonify(success=False, error="no video part"), 400

        content = video.read()  # the whole file in memory
        with tempfile.NamedTemporaryFile(dir=directory, suffix=".part", delete=False) as temp:
            temp.write(content)
        shutil.move(temp.name, os.path.join(directory, f"{uuid.uuid4().hex}.mp4"))
        return jsonify(success=True, size_bytes=len(content)), 201

    @app.get("/health")
    def health():
        return "ok"

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    # One log line per request would cost the peer time that the other servers do not spend.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    create_app(args.dir).run(host="127.0.0.1", port=args.port, threaded=True)


if __name__ == "__main__":
    main()
