"""``python -m regionkit``: the same command line as the ``regionkit`` script."""

from regionkit.cli import main

if __name__ == "__main__":
    main()
