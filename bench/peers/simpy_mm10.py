#!/usr/bin/env python3
"""M/M/10 in SimPy 3: the peer of pathflow's model-mm10 and kernel-mm10 benchmarks.

Customers arrive at 9 per hour (Poisson) to 10 servers with exponential service of mean 1 hour
(utilisation 90%), first come first served, unlimited queue. The script simulates
`customers` arrivals after `--warmup-customers` (default 2,160 = pathflow's 10 warm-up days at
216 a day), waits for every one of them to finish, and prints one JSON line:

  {"customers": ..., "events": ..., "simpyEvents": ..., "seconds": ..., "customersPerSec": ...,
   "eventsPerSec": ..., "meanWaitHours": ..., "erlangCWaitHours": 0.6687, "simpy": "3.0.11",
   "python": "3.11.2"}

- customers: customers counted in the results (those arriving after the warm-up).
- events: 2 per simulated customer, warm-up included (the arrival and the end of service) — the
  events an event-scheduling model processes for M/M/c, and how pathflow's kernel counts them.
- simpyEvents: what SimPy itself scheduled (its event counter: timeouts, resource requests and
  releases, process starts and ends), about 6 per customer; for information.
- seconds: wall time of env.run() only (not Python's start-up or the import of SimPy).
- meanWaitHours: mean time from arrival to start of service over the counted customers; Erlang C
  gives 0.6687 h.

Random numbers: Python's `random` module (Mersenne Twister), one random.Random(seed) for both
inter-arrival and service times.

Install SimPy 3 on Debian/Ubuntu:  apt-get install python3-simpy3
(the Debian package installs into the system Python, /usr/bin/python3; a pyenv or virtualenv
python3 does not see it — use /usr/bin/python3, or `pip install 'simpy>=3,<4'` into that Python).
Without SimPy the script prints a message to stderr and {"skipped": "..."} to stdout, exit code 0.

Usage: python3 bench/peers/simpy_mm10.py [customers=1000000] [--seed N] [--warmup-customers N]
"""
import argparse
import json
import platform
import random
import sys
import time

ARRIVAL_RATE = 9.0  # per hour
SERVICE_RATE = 1.0  # per hour
SERVERS = 10


def erlang_c_wait(lam, mu, c):
    """Mean wait in queue Wq for M/M/c."""
    a = lam / mu
    b = 1.0
    for k in range(1, c + 1):  # Erlang B by recursion
        b = a * b / (k + a * b)
    rho = a / c
    p_wait = b / (1 - rho + rho * b)
    return p_wait / (c * mu - lam)


def main():
    parser = argparse.ArgumentParser(description="M/M/10 in SimPy 3 (pathflow's peer benchmark)")
    parser.add_argument("customers", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup-customers", type=int, default=2160)
    args = parser.parse_args()

    try:
        import simpy
    except ImportError:
        message = "SimPy not installed: apt-get install python3-simpy3 (then run with /usr/bin/python3)"
        print(message, file=sys.stderr)
        print(json.dumps({"skipped": message, "python": platform.python_version(), "executable": sys.executable}))
        return 0

    rng = random.Random(args.seed)
    expo = rng.expovariate
    warmup = args.warmup_customers
    total = warmup + args.customers
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=SERVERS)
    stats = [0.0, 0]  # sum of waits, customers counted

    def customer(index):
        arrived = env.now
        with servers.request() as request:
            yield request
            if index >= warmup:
                stats[0] += env.now - arrived
                stats[1] += 1
            yield env.timeout(expo(SERVICE_RATE))

    def source():
        for index in range(total):
            yield env.timeout(expo(ARRIVAL_RATE))
            env.process(customer(index))

    env.process(source())
    start = time.perf_counter()
    env.run()
    seconds = time.perf_counter() - start
    simpy_events = next(env._eid)  # SimPy's internal count of scheduled events

    events = 2 * total
    print(json.dumps({
        "customers": stats[1],
        "warmupCustomers": warmup,
        "events": events,
        "simpyEvents": simpy_events,
        "seconds": round(seconds, 4),
        "customersPerSec": round(total / seconds),
        "eventsPerSec": round(events / seconds),
        "meanWaitHours": round(stats[0] / stats[1], 4) if stats[1] > 0 else None,
        "erlangCWaitHours": round(erlang_c_wait(ARRIVAL_RATE, SERVICE_RATE, SERVERS), 4),
        "simpy": getattr(simpy, "__version__", "unknown"),
        "python": platform.python_version(),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
