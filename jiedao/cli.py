"""`jiedao` console command: a thin wrapper over manage.py.

`jiedao grids import FILE` maps to the `grids` management command with sub-command `import`;
every other word is passed through to Django unchanged.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiedao.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["jiedao", *args])


if __name__ == "__main__":
    main()
