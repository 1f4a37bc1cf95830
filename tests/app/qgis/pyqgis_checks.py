"""What the PyQGIS test scripts share: QGIS started headless, checks that print and count, the exit."""
import os
import sys

from qgis.core import QgsApplication


class Checks:
    """check(cond, what) prints "ok"/"FAIL" (only failures when quiet) and remembers the failures."""

    def __init__(self, quiet=False):
        self.app = QgsApplication([], False)
        self.app.initQgis()
        self.quiet = quiet
        self.failures = []

    def __call__(self, cond, what):
        if not cond or not self.quiet:
            print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            self.failures.append(what)
        return cond

    def finish(self):
        """Exits 1 when a check failed, else 0, without tearing QGIS down (PyQGIS may crash in its
        exit handlers once the layers are gone)."""
        print(f"{len(self.failures)} failure(s)")
        sys.stdout.flush()
        os._exit(1 if self.failures else 0)
