"""Outputs: each module turns the validated catalogue into files (or pages) of one kind."""
