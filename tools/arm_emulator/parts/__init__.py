"""Behaviour several types share, which a provider includes in its type table."""
