"""Keep UMAP's compiled numba kernels on disk, so only the first start ever compiles them.

UMAP marks almost none of its numba functions ``cache=True``, so every new process
compiles them again on its first fit: tens of seconds on a small machine (the first
dominant questions of a fresh ``radar demo`` waited ~100 s for it). numba can cache any
jitted function: :func:`enable_kernel_cache` turns caching on for every numba
dispatcher in UMAP's modules and points numba's cache at the user's cache folder
(``$NUMBA_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/crisis-radar/numba``, else
``~/.cache/crisis-radar/numba``), which works for read-only installs too. A kernel
numba cannot cache is compiled as before. Measured in ``bench/cold_start.py``.

>>> default_cache_folder(env={"NUMBA_CACHE_DIR": "/tmp/k"}).as_posix()
'/tmp/k'
>>> default_cache_folder(env={"XDG_CACHE_HOME": "/c"}).as_posix()
'/c/crisis-radar/numba'
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

UMAP_MODULES = (
    "umap.distances",
    "umap.sparse",
    "umap.utils",
    "umap.layouts",
    "umap.spectral",
    "umap.umap_",
)


def default_cache_folder(env: Mapping[str, str] | None = None) -> Path:
    """Where compiled kernels are kept (see the module docstring)."""
    env = os.environ if env is None else env
    if env.get("NUMBA_CACHE_DIR"):
        return Path(env["NUMBA_CACHE_DIR"])
    base = Path(env["XDG_CACHE_HOME"]) if env.get("XDG_CACHE_HOME") else Path.home() / ".cache"
    return base / "crisis-radar" / "numba"


@cache
def enable_kernel_cache(folder: str | None = None) -> int:
    """Turn on numba's disk cache for UMAP's kernels (once per process); returns how
    many functions it enabled. Call before the first fit; later calls do nothing."""
    import numba
    from numba.core.caching import NullCache
    from numba.core.dispatcher import Dispatcher

    target = Path(folder) if folder else default_cache_folder()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # no writable cache: compile as before
        log.warning("no kernel cache at %s: %s", target, exc)
        return 0
    numba.config.CACHE_DIR = str(target)
    enabled = 0
    for name in UMAP_MODULES:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, Dispatcher) and isinstance(value._cache, NullCache):
                value.enable_caching()
                enabled += 1
    log.debug("numba kernel cache at %s for %d UMAP functions", target, enabled)
    return enabled
