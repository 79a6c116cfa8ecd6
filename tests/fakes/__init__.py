"""Fakes that speak real protocols over loopback sockets (for fault injection only)."""
