"""Competing definitions of trauma-informed care: their provenance, history and comparison."""
