"""Reusable widgets of the interview app."""
