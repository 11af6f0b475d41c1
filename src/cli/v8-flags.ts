/**
 * V8 flags for a linter run, by the V8 that runs it.
 *
 * - Baseline WASM code only: libpg-query and PGlite are large WASM modules. V8's optimising tier
 *   compiles their hot functions again in the background, and the process waits for those jobs at
 *   exit. A linter run never earns that back: one file took ~140 ms longer on Node 20, and on Node 24
 *   ~380 ms longer with ~550 MB more memory (Turboshaft compiling the parser's grammar function).
 *   `--liftoff-only` stops it on Node 20 and 22, but set at run time Node 24's V8 (13.6) ignores it;
 *   turning tier-up off (`--no-wasm-dynamic-tiering --no-wasm-tier-up`) works on all three. These
 *   flags exist in every V8 since 2021, so they are set on any version.
 * - Later JavaScript optimisation: a run is too short for V8's default tiering to pay back, so fewer
 *   functions are optimised, later. Node 20 (V8 11.3): interrupt budget ~4.4x the default, corpus
 *   −11%, CPU −30%. Node 22 (V8 12.4): TurboFan after 4x the calls, corpus −15%. Node 24: no gain
 *   measured. These flags differ from one V8 to the next, and `v8.setFlagsFromString` prints "Error:
 *   unrecognized flag" on stderr for one a V8 does not know (Node 22 and 24 have no
 *   `--interrupt-budget`), so each is set only on the version it was measured on.
 *
 * Measurements: bench/RESULTS.md, session 3.
 */
const WASM_BASELINE_ONLY = '--liftoff-only --no-wasm-dynamic-tiering --no-wasm-tier-up';

const JS_TIERING: Record<string, string> = {
  '11.3': '--interrupt-budget=300000',
  '12.4': '--invocation-count-for-turbofan=12000',
};

export function v8Flags(v8Version: string = process.versions.v8): string {
  const [major, minor] = v8Version.split('.');
  const tiering = JS_TIERING[`${major}.${minor}`];
  return tiering ? `${WASM_BASELINE_ONLY} ${tiering}` : WASM_BASELINE_ONLY;
}
