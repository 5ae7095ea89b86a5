"""arabic."""
