"""regionkit: form and check regions of vmbo schools for Sterk Techniekonderwijs.

The names a notebook needs, one per step of the pipeline::

    schools -> ProximityGraph -> propose_logical -> check_proposal / fund -> make_map / run

They are imported on first use, so ``import regionkit`` (and the command line)
starts fast.

Examples
--------
>>> import regionkit as rk
>>> schools = rk.load_schools()
>>> graph = rk.ProximityGraph.from_config(schools, rk.load_config().graph, land="netherlands")
>>> graph.n_nodes == len(schools)
True
"""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from regionkit._errors import ConfigError, InfeasibleError, InputDataError

if TYPE_CHECKING:
    from regionkit.agreements import read_agreements
    from regionkit.compare import Comparison, compare
    from regionkit.config import Config, load_config
    from regionkit.funding import FundingResult, fund
    from regionkit.graph import ProximityGraph
    from regionkit.ingest import ingest_duo
    from regionkit.logical import propose_logical
    from regionkit.maps import make_map, write_map
    from regionkit.metrics import RegionMetrics, region_metrics
    from regionkit.proposal import Proposal, match_names, proposal_from_division, read_proposal
    from regionkit.regionalize import (
        RegionProposal,
        propose_fixed,
        propose_regions,
        refine_division,
        regionalize_arrays,
    )
    from regionkit.rules import CheckResult, Finding, check_proposal
    from regionkit.schools import counted_pupils, load_schools, summarize_schools
    from regionkit.workflow import RunResult, run

try:
    __version__ = version("regionkit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

# The library is silent unless the application configures logging.
logging.getLogger("regionkit").addHandler(logging.NullHandler())

#: Public name -> the module that defines it.
_LAZY: dict[str, str] = {
    "CheckResult": "regionkit.rules",
    "Comparison": "regionkit.compare",
    "Config": "regionkit.config",
    "Finding": "regionkit.rules",
    "FundingResult": "regionkit.funding",
    "Proposal": "regionkit.proposal",
    "ProximityGraph": "regionkit.graph",
    "RegionMetrics": "regionkit.metrics",
    "RegionProposal": "regionkit.regionalize",
    "RunResult": "regionkit.workflow",
    "check_proposal": "regionkit.rules",
    "compare": "regionkit.compare",
    "counted_pupils": "regionkit.schools",
    "fund": "regionkit.funding",
    "ingest_duo": "regionkit.ingest",
    "load_config": "regionkit.config",
    "load_schools": "regionkit.schools",
    "make_map": "regionkit.maps",
    "match_names": "regionkit.proposal",
    "proposal_from_division": "regionkit.proposal",
    "propose_fixed": "regionkit.regionalize",
    "propose_logical": "regionkit.logical",
    "propose_regions": "regionkit.regionalize",
    "read_agreements": "regionkit.agreements",
    "read_proposal": "regionkit.proposal",
    "refine_division": "regionkit.regionalize",
    "regionalize_arrays": "regionkit.regionalize",
    "region_metrics": "regionkit.metrics",
    "run": "regionkit.workflow",
    "summarize_schools": "regionkit.schools",
    "write_map": "regionkit.maps",
}

__all__ = [
    "CheckResult",
    "Comparison",
    "Config",
    "ConfigError",
    "Finding",
    "FundingResult",
    "InfeasibleError",
    "InputDataError",
    "Proposal",
    "ProximityGraph",
    "RegionMetrics",
    "RegionProposal",
    "RunResult",
    "__version__",
    "check_proposal",
    "compare",
    "counted_pupils",
    "fund",
    "ingest_duo",
    "load_config",
    "load_schools",
    "make_map",
    "match_names",
    "proposal_from_division",
    "propose_fixed",
    "propose_logical",
    "propose_regions",
    "read_agreements",
    "read_proposal",
    "refine_division",
    "region_metrics",
    "regionalize_arrays",
    "run",
    "summarize_schools",
    "write_map",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'regionkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
