"""What of a view's data its template is given."""

# A view's data that its template is not given: the entries of its feed,
# which the feeds phase writes (a list page would otherwise depend on the
# text of every entry of the list, beyond those it shows).
NOT_GIVEN = frozenset({"feed_entries"})


def given(data: dict) -> dict:
    """A view's data as its template is given it."""
    return {name: value for name, value in data.items() if name not in NOT_GIVEN}
