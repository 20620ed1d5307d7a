"""regionkit: form and check regions of vmbo schools for Sterk Techniekonderwijs."""

from importlib.metadata import PackageNotFoundError, version

from regionkit._errors import ConfigError, InfeasibleError, InputDataError
from regionkit.config import Config, load_config
from regionkit.schools import counted_pupils, load_schools

try:
    __version__ = version("regionkit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Config",
    "ConfigError",
    "InfeasibleError",
    "InputDataError",
    "__version__",
    "counted_pupils",
    "load_config",
    "load_schools",
]
