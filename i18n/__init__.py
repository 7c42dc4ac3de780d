"""Words and number formats of the interface languages, below every other layer."""
