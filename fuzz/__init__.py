"""govinfo's fuzzer: mutation campaigns over every carrier (``make fuzz``)."""
