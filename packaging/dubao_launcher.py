"""Entry script of the PyInstaller bundle: the same `main` as the `dubao` console script (window with no
arguments or with issue files, CLI with a command)."""

import sys

from dubao.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
