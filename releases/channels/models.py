"""Models of the social channels: channels, per-release versions and the delivery outbox."""
