#!/usr/bin/python3
"""Stress check of the notebook kernel: N consecutive starts, each must answer kernel_info and run
a cell. Usage: /usr/bin/python3 notebooks/check_kernel_starts.py [--kernel dispersal] [--starts 20]
[--timeout 180] [--log FILE]. Exits 1 unless every start is ready. The kernels' stderr goes to the
log file; each start reports how many channel threads KernelLauncher restarted (start-up races
that would otherwise have left the kernel deaf). Run by .ci/run after the kernel spec is
installed (./dispersal notebook-kernel)."""
import argparse
import sys
import time

from jupyter_client.manager import KernelManager


def one_start(kernel, timeout, log):
    km = KernelManager(kernel_name=kernel)
    started = time.monotonic()
    km.start_kernel(stdout=log, stderr=log)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
        ready = time.monotonic() - started
        reply = kc.execute_interactive("1 + 1", timeout=timeout)
        if reply["content"]["status"] != "ok":
            raise RuntimeError("the cell '1 + 1' failed: %s" % reply["content"])
        return ready
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="dispersal")
    ap.add_argument("--starts", type=int, default=20)
    ap.add_argument("--timeout", type=int, default=180)
    ap.add_argument("--log", default="/tmp/dispersal-kernel-starts.log")
    args = ap.parse_args()
    ok = 0
    healed = 0
    for i in range(1, args.starts + 1):
        with open(args.log, "w") as log:
            try:
                ready = one_start(args.kernel, args.timeout, log)
                ok += 1
                result = "ready in %.1f s" % ready
            except Exception as e:  # noqa: BLE001 - every failure counts, the loop goes on
                result = "FAILED: %s" % e
        with open(args.log) as log:
            restarts = log.read().count("restarted the kernel's channel thread")
        healed += restarts
        print("start %2d: %s (channel threads restarted: %d)" % (i, result, restarts), flush=True)
    print("kernel '%s': %d/%d starts ready; %d channel threads restarted after start-up races"
          % (args.kernel, ok, args.starts, healed), flush=True)
    return 0 if ok == args.starts else 1


if __name__ == "__main__":
    sys.exit(main())
