#!/usr/bin/env python3
"""A stand-in for the project's python in the `mx run --local` tests.

Appends one JSON line to $MX_FAKE_LOG: argv, working directory, MLFLOW_TRACKING_URI, PYTHONPATH, and what
GET $MLFLOW_TRACKING_URI/version answered while it ran (so the test sees that the forward was up). Prints a
few epochs like the trainer, then exits with $MX_FAKE_PYTHON_EXIT (default 0).
"""
import json
import os
import sys
import urllib.request

uri = os.environ.get("MLFLOW_TRACKING_URI", "")
try:
    with urllib.request.urlopen(uri + "/version", timeout=10) as response:
        version = response.read().decode()
except Exception as error:  # noqa: BLE001 - the test reads what went wrong
    version = f"unreachable: {error}"
with open(os.environ["MX_FAKE_LOG"], "a") as f:
    f.write(json.dumps({"tool": "python", "argv": sys.argv[1:], "cwd": os.getcwd(), "tracking_uri": uri,
                        "pythonpath": os.environ.get("PYTHONPATH", ""), "version": version}) + "\n")
for epoch in range(1, 3):
    print(f"epoch {epoch}/2 train_loss=0.{9 - epoch}", flush=True)
sys.exit(int(os.environ.get("MX_FAKE_PYTHON_EXIT", "0")))
