"""Quality measures of pipeline output against hand-checked truth."""
