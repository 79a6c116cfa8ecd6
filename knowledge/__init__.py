"""ESCO data and retrieval: loading the export, the knowledge base, embeddings, the resolver.

onnxruntime (imported by chromadb) sends telemetry unless this is set before its import.
"""

import os

os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
