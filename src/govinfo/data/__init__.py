"""Package data: the indicator catalogue (``catalogue.json``)."""
