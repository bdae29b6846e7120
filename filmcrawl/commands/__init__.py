"""The subcommands of ``python -m filmcrawl`` (see :mod:`filmcrawl.cli`)."""
