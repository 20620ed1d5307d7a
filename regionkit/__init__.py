"""regionkit: form and check regions of vmbo schools for Sterk Techniekonderwijs.

The names a notebook needs, one per step of the pipeline::

    load_schools -> ProximityGraph -> propose_logical -> Regions
        -> check / fund -> make_map / write_map; compare; run (all of it)

They are imported on first use, so ``import regionkit`` (and the command line)
starts fast. Everything else is in the step's module (``regionkit.rules``,
``regionkit.funding``, ...).

Examples
--------
>>> import regionkit as rk
>>> schools = rk.load_schools()
>>> graph = rk.ProximityGraph.from_config(schools, rk.load_config().graph, land="netherlands")
>>> regions = rk.Regions.from_division(schools, "nodal", graph=graph)
>>> rk.check(regions).summary["n_regions"], rk.fund(regions).national.n_regions
(80, 80)
"""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from regionkit._errors import ConfigError, InfeasibleError, InputDataError

try:
    __version__ = version("regionkit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

# The library is silent unless the application configures logging.
logging.getLogger("regionkit").addHandler(logging.NullHandler())

#: The public names, in the order of the pipeline, and the module each comes from.
_PUBLIC: dict[str, str] = {
    "load_config": "regionkit.config",
    "load_schools": "regionkit.schools",
    "ProximityGraph": "regionkit.graph",
    "propose_logical": "regionkit.logical",
    "read_proposal": "regionkit.proposal",
    "Regions": "regionkit.regions",
    "check": "regionkit.rules",
    "fund": "regionkit.funding",
    "make_map": "regionkit.maps",
    "write_map": "regionkit.maps",
    "compare": "regionkit.compare",
    "run": "regionkit.workflow",
}

__all__ = [  # the lazy names above, the errors and the version
    *_PUBLIC,
    "ConfigError",
    "InfeasibleError",
    "InputDataError",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'regionkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_PUBLIC))
