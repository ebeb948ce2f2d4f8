"""What can go wrong when talking to a platform, sorted by what it proves about the post."""

from __future__ import annotations


class ChannelError(Exception):
    status_code: int | None = None

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


class NotSent(ChannelError):
    """The request provably did not reach the platform (connection refused): safe to retry."""


class RateLimited(ChannelError):
    """The platform refused the request for now (429): nothing was posted; retry after ``retry_after``."""

    def __init__(self, message: str, *, retry_after: float, status_code: int | None = 429) -> None:
        super().__init__(message, status_code=status_code)
        self.retry_after = retry_after


class OutcomeUnknown(ChannelError):
    """The request left but no clear answer came back (timeout, 5xx): the post may exist."""


class Rejected(ChannelError):
    """The platform refused the request (4xx). ``credentials`` is set when the token is the cause."""

    def __init__(self, message: str, *, status_code: int | None = None, credentials: bool = False) -> None:
        super().__init__(message, status_code=status_code)
        self.credentials = credentials


class NotSupported(ChannelError):
    """The platform's API does not offer this (e.g. reading a Telegram channel's posts)."""
