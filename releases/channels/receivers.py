"""Signal receivers of the social channels, connected when the releases app is ready."""
