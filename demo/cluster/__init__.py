"""Beyond one machine: the models as Ray Serve deployments, the web app as their client (optional extra
`pip install ".[cluster]"`). Importing this package imports nothing of Ray: only `connect` does.

    DEMO_CLUSTER=local   start a Ray on this machine (loopback only) and deploy the models there
    DEMO_CLUSTER=auto    join the Ray cluster this machine belongs to (`ray start` ran here, or RAY_ADDRESS)
    DEMO_CLUSTER=ray://head:10001   join a cluster through Ray Client
    DEMO_REPLICAS=2      replicas of each family's deployment ("1-4": Serve autoscales between 1 and 4)

Joining a cluster where the applications already run (deployed from a Serve config, docs/cluster.md) uses
them as they are; otherwise the web process deploys them.
"""
from __future__ import annotations

import logging
import math
import os

from demo.settings import Settings

log = logging.getLogger(__name__)


def service_factory(settings: Settings):
    """What builds the web app's service: the in-process InferenceService (torch is imported now, so
    app.py's MKL setting comes first and still in time), or with DEMO_CLUSTER a client of the Serve
    replicas (the same verbs; the tabs cannot tell; the web process then never needs torch)."""
    if not settings.cluster:
        from demo.service import InferenceService

        return lambda: InferenceService(settings).web_only()
    return lambda: connect(settings)


def connect(settings: Settings, defaults: dict | None = None, extra_models=(), cpus: float | None = None,
            replicas: dict[str, str] | None = None):
    """Start or join Ray, deploy each family's application unless it runs already, return the client.
    `defaults` and `extra_models` reach every replica's InferenceService (the tests' tiny models);
    `replicas` overrides settings.replicas per family, `cpus` the CPUs each replica reserves."""
    import ray
    from ray import serve

    from demo.cluster.client import ClusterService
    from demo.cluster.deployments import FAMILIES, application, app_name, most_replicas

    local = settings.cluster == "local"
    if not ray.is_initialized():
        if local:
            start_local_ray(os.cpu_count())
        else:
            ray.init(address=settings.cluster, configure_logging=False, log_to_driver=False)
    running = set(serve.status().applications) if not local else set()
    missing = [f for f in FAMILIES if app_name(f) not in running]
    if missing:
        serve.start(proxy_location="Disabled")  # the web app calls through handles: no HTTP proxy
        resources = ray.cluster_resources()
        counts = {f: (replicas or {}).get(f, settings.replicas) for f in FAMILIES}
        shares = sum(most_replicas(count) for count in counts.values())
        # every replica gets an even share of the cluster's CPUs (at most 1 each: torch threads follow it) and,
        # when the cluster has GPUs, of its GPUs: replicas of small models share one card
        cpus = cpus if cpus is not None else _share(resources.get("CPU", 1), shares)
        gpus = _share(resources.get("GPU", 0), shares)
        for family in missing:
            log.info("deploying %s (%s replicas, %.2f CPU, %.2f GPU each)", app_name(family), counts[family],
                     cpus, gpus)
            serve.run(application(family, settings, counts[family], cpus, gpus, defaults, extra_models),
                      name=app_name(family), route_prefix=None)
    return ClusterService(settings, extra_models, defaults=defaults)


def start_local_ray(cpus: int, tries: int = 3) -> None:
    """A Ray on this machine only: no dashboard, asked for loopback (docs/cluster.md says how far Ray goes).
    Ray gives its raylet 30 s to register at start-up, and on a machine busy with other work that has run
    out (a bare Exception, "timed out during startup"): start again, a few times, before giving up."""
    import ray

    for attempt in range(1, tries + 1):
        try:
            ray.init(num_cpus=cpus, include_dashboard=False, _node_ip_address="127.0.0.1", configure_logging=False,
                     log_to_driver=False)
            return
        except Exception:  # noqa: BLE001  (Ray raises a bare Exception for a start-up that timed out)
            ray.shutdown()
            if attempt == tries:
                raise
            log.warning("Ray did not start in time (try %d of %d); starting again", attempt, tries)


def _share(total: float, shares: int) -> float:
    """total / shares, at most 1, rounded down to Ray's resolution (0.01)."""
    return min(1.0, math.floor(100 * total / shares) / 100)
