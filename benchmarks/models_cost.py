"""What making dubao.core.models' dataclasses costs when the module is imported, and what each option adds.

    python -m benchmarks.models_cost [--rounds 30]

The module's body (its 16 `@dataclass(frozen=True, slots=True)` classes) is executed again and again from its
compiled code, as an import does after the .pyc is read, with the decorator's options varied: each variant
is the same source with `@dataclass(frozen=True, slots=True)` replaced. Printed: the median CPU ms of one
execution of the body, per variant, with the plain classes (no decorator at all) as the floor — so what the
dataclass machinery costs, and how much of it each option (eq and the hash it implies, repr, frozen, slots)
accounts for. The variants are measured interleaved, in one process.
"""

from __future__ import annotations

import argparse
import dataclasses  # noqa: F401  (imported before timing: the window has it already)
import statistics
import time
from pathlib import Path

import dubao.core.models as models

DECORATOR = "@dataclass(frozen=True, slots=True)"
VARIANTS = {
    "as shipped: frozen, slots": DECORATOR,
    "without repr": "@dataclass(frozen=True, slots=True, repr=False)",
    "without eq (so no __eq__, __hash__)": "@dataclass(frozen=True, slots=True, eq=False)",
    "without frozen": "@dataclass(slots=True)",
    "without slots": "@dataclass(frozen=True)",
    "without match_args": "@dataclass(frozen=True, slots=True, match_args=False)",
    "no decorator (plain classes)": "",
}


def body_cost(code, rounds: int) -> list[float]:
    """CPU seconds of each of `rounds` executions of the module body `code`."""
    spent = []
    for _ in range(rounds):
        namespace = {"__name__": "dubao.core.models", "__builtins__": __builtins__}
        started = time.process_time()
        exec(code, namespace)
        spent.append(time.process_time() - started)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    source = Path(models.__file__).read_text(encoding="utf-8")
    classes = source.count(DECORATOR)
    compiled = {name: compile(source.replace(DECORATOR, decorator), models.__file__, "exec")
                for name, decorator in VARIANTS.items()}
    spent: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(args.rounds):  # interleaved: load on the machine hits every variant alike
        for name, code in compiled.items():
            spent[name] += body_cost(code, 1)
    medians = {name: statistics.median(values) * 1000 for name, values in spent.items()}
    floor = medians["no decorator (plain classes)"]
    shipped = medians["as shipped: frozen, slots"]
    print(f"dubao.core.models body ({classes} dataclasses), median CPU ms of {args.rounds} executions:")
    for name, value in medians.items():
        print(f"  {name:38s} {value:6.2f} ms   dataclass part {value - floor:5.2f} ms"
              f"   vs shipped {value - shipped:+6.2f} ms")
    print(f"  per class, as shipped: {(shipped - floor) / classes:.2f} ms of dataclass work")


if __name__ == "__main__":
    main()
