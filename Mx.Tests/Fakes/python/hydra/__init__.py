"""A test double for Hydra's `hydra.main`, for mx's tests of the generated trainer (see ../README.md).

Debian packages no Hydra and CI cannot reach PyPI. The generated entry points only use `@hydra.main`, so this
implements that much of it, with the real OmegaConf: load <config_path>/<config_name>.yaml, take the `hydra:`
node out (Hydra keeps it for itself), apply `key=value` overrides from the command line to keys that exist
(struct mode, so a misspelt key fails as in Hydra), set up INFO logging as Hydra's job logging does, and call
the task function. Hydra features this does not emulate (`+key=`, `~key`, flags, changing directory) raise.
"""

import functools
import logging
import os
import sys

from omegaconf import OmegaConf

__all__ = ["main"]


def compose(config_path, config_name, overrides):
    cfg = OmegaConf.load(os.path.join(config_path, config_name + ".yaml"))
    hydra_node = cfg.pop("hydra", None)
    if hydra_node is not None and OmegaConf.select(hydra_node, "job.chdir", default=False):
        raise NotImplementedError("the fake hydra does not change directory: hydra.job.chdir must be false")
    for override in overrides:
        key, sep, _ = override.partition("=")
        if not sep or not key or key[0] in "+~-" or key.startswith("hydra."):
            raise NotImplementedError(f"the fake hydra applies only key=value overrides of existing keys, got {override!r}")
    OmegaConf.set_struct(cfg, True)
    return OmegaConf.merge(cfg, OmegaConf.from_dotlist(list(overrides)))


def main(config_path=None, config_name=None, version_base=None):
    if not isinstance(config_path, str) or not os.path.isabs(config_path):
        raise NotImplementedError(f"the fake hydra takes an absolute config_path, got {config_path!r}")
    if not isinstance(config_name, str):
        raise NotImplementedError(f"the fake hydra needs a config_name, got {config_name!r}")

    def decorator(task_function):
        @functools.wraps(task_function)
        def decorated_main(cfg_passthrough=None):
            if cfg_passthrough is not None:
                return task_function(cfg_passthrough)
            cfg = compose(config_path, config_name, sys.argv[1:])
            logging.basicConfig(level=logging.INFO, format="[%(asctime)s][%(name)s][%(levelname)s] - %(message)s")
            # Hydra discards the task's return value when run from the command line.
            task_function(cfg)

        return decorated_main

    return decorator


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError(name)
    raise AttributeError(
        f"hydra.{name} is not implemented by the fake hydra in mx's tests (Mx.Tests/Fakes/python): "
        "the generated code uses Hydra API the tests do not cover"
    )
