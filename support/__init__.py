"""Test doubles shared by the test suite and the benchmarks: a fake OpenAI-compatible server,
a real local llama.cpp server, hostile LLM drafts, the bot as a child process and the fake
Discord (REST + Gateway v10 on loopback). Installed with the project's dev extra, so both
import it as ``support`` without editing ``sys.path``. Never imported by the product."""
