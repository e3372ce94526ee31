"""Trauma-informed care definitions registry."""
