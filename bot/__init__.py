"""Adapters: settings, the Assistant that wires the core packages, the CLI (and later Discord).

onnxruntime sends telemetry unless this is set before it is imported (chromadb imports it).
"""

import os

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
