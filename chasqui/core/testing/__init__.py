"""Test helpers that several apps share (import them from tests only)."""
