"""Reading numbers from query strings, where anything may arrive."""

MAX_DIGITS = 9  # no id, page or count here reaches a billion; longer numbers are not parsed


def small_number(raw: str | None) -> int | None:
    """A non-negative id or count of at most nine ASCII digits, else None (no error for junk)."""
    if raw and raw.isascii() and raw.isdigit() and len(raw) <= MAX_DIGITS:
        return int(raw)
    return None
