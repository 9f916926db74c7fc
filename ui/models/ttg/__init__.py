"""Through the Gate table models over the TTG services' data objects."""
