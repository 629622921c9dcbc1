"""Reading numbers from query strings, where anything may arrive."""


def small_number(raw: str | None) -> int | None:
    """A non-negative id or count of at most nine ASCII digits, else None (no error for junk)."""
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 10 else None
