"""This process's memory as Linux reports it in /proc/self/status, for the benchmarks' memory figures.

VmRSS is resident memory now, VmHWM its peak. Not ru_maxrss: that survives fork+exec on Linux and would
report the parent's peak. Elsewhere (no /proc) the figures fall back to ru_maxrss.
"""

from __future__ import annotations

import resource
from pathlib import Path


def status_mb(field: str) -> float:
    """`field` ("VmRSS", "VmHWM", …) of /proc/self/status in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
