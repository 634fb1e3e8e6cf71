"""intropath: plan warm introductions."""
