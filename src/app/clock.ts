/**
 * Milliseconds from an arbitrary start, for the timings --verbose prints. Not `performance.now()`:
 * the first use of that global loads node:perf_hooks, ~2 ms of every run's start-up.
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
