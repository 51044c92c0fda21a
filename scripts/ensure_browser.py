"""Make sure headless Chromium is there for the browser tests (`make browser`, part of `make test`).

1. /usr/bin/chromium (or $CHROMIUM_PATH) exists: nothing to do.
2. Running as root with apt-get: install Debian's `chromium` package.
3. Otherwise: warn loudly that the browser tests will be skipped and exit 0 -
   unless CI=true, where a missing browser is an error (exit 1): CI never skips them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))


def present() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def install_with_apt() -> bool:
    apt = shutil.which("apt-get")
    if apt is None or not is_root():
        return False
    print("Chromium fehlt: installiere das Debian-Paket »chromium« mit apt-get …", flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in ([apt, "update"], [apt, "install", "-y", "--no-install-recommends", "chromium"]):
        result = subprocess.run(command, env=environment, check=False)  # noqa: S603
        if result.returncode != 0:
            print(f"apt-get failed: {' '.join(command)} (exit {result.returncode})", flush=True)
            return False
    return present()


def warn(reason: str) -> None:
    bar = "!" * 78
    headline = (
        "BROWSER TESTS CANNOT RUN (CI=true: this fails the run)"
        if in_ci()
        else "BROWSER TESTS WILL BE SKIPPED"
    )
    lines = [
        bar,
        f"!!  {headline}",
        f"!!  No Chromium at {CHROMIUM}: {reason}",
        "!!  The accessibility (axe-core), 320 px and keyboard tests need it.",
        "!!  Install it with:  sudo apt-get install chromium",
        "!!  or point CHROMIUM_PATH at a Chromium/Chrome binary, then run make test again.",
        bar,
    ]
    print("\n".join(lines), file=sys.stderr, flush=True)


def main() -> int:
    if present():
        return 0
    if install_with_apt():
        print(f"Chromium installed: {CHROMIUM}")
        return 0
    if not is_root():
        reason = "not running as root, so apt-get cannot install it"
    elif shutil.which("apt-get") is None:
        reason = "apt-get is not available on this system"
    else:
        reason = "installing it with apt-get failed"
    warn(reason)
    return 1 if in_ci() else 0


if __name__ == "__main__":
    sys.exit(main())
