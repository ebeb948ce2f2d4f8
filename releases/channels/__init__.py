"""Social channels: the office's accounts on social platforms and the delivery of public releases to them."""
