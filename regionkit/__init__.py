"""regionkit: form and check regions of vmbo schools for Sterk Techniekonderwijs.

The names a notebook needs, one per step of the pipeline::

    schools -> ProximityGraph -> propose_regions -> check_proposal / fund -> make_map / run

Examples
--------
>>> import regionkit as rk
>>> schools = rk.load_schools()
>>> graph = rk.ProximityGraph.from_config(schools, rk.load_config().graph, land="netherlands")
>>> graph.n_nodes == len(schools)
True
"""

import logging
from importlib.metadata import PackageNotFoundError, version

from regionkit._errors import ConfigError, InfeasibleError, InputDataError
from regionkit.compare import Comparison, compare
from regionkit.config import Config, load_config
from regionkit.funding import FundingResult, fund, read_agreements
from regionkit.graph import ProximityGraph
from regionkit.ingest import ingest_duo
from regionkit.maps import make_map, write_map
from regionkit.metrics import RegionMetrics, region_metrics
from regionkit.proposal import Proposal, match_names, proposal_from_division, read_proposal
from regionkit.regionalize import RegionProposal, propose_fixed, propose_regions, refine_division
from regionkit.rules import CheckResult, Finding, check_proposal
from regionkit.schools import counted_pupils, load_schools, summarize_schools
from regionkit.workflow import RunResult, run

try:
    __version__ = version("regionkit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

# The library is silent unless the application configures logging.
logging.getLogger("regionkit").addHandler(logging.NullHandler())

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
    "propose_regions",
    "read_agreements",
    "read_proposal",
    "refine_division",
    "region_metrics",
    "run",
    "summarize_schools",
    "write_map",
]
