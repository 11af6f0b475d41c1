/**
 * V8 flags for a linter run, by the V8 that runs it. `v8.setFlagsFromString` prints "Error:
 * unrecognized flag" on stderr for a flag that V8 does not know (Node 22 and 24 no longer have
 * `--interrupt-budget`), so a tiering flag is set only on the V8 versions it was measured on.
 *
 * - `--liftoff-only`: libpg-query and PGlite are large WASM modules. V8's optimising tier compiles
 *   them again in the background, and the process then waits for those compile jobs at exit: ~140 ms
 *   on every run, more than the optimised code ever saves a linter. Baseline code only. (In V8 since
 *   2018; measured on Node 20, 22 and 24.)
 * - Later JavaScript optimisation: a run is too short for V8's default tiering to pay back, so fewer
 *   functions are optimised, later. Node 20 (V8 11.3): interrupt budget ~4.4x the default, corpus
 *   −11%, largest project −10%, CPU −30%. Node 22 (V8 12.4): TurboFan after 4x the calls, corpus
 *   −15%. Node 24 (V8 13.6): no gain measured, so nothing. One file and `verify`: unchanged.
 *   (bench/RESULTS.md, session 3.)
 */
const TIERING: Record<string, string> = {
  '11.3': '--interrupt-budget=300000',
  '12.4': '--invocation-count-for-turbofan=12000',
};

export function v8Flags(v8Version: string = process.versions.v8): string {
  const [major, minor] = v8Version.split('.');
  const tiering = TIERING[`${major}.${minor}`];
  return tiering ? `--liftoff-only ${tiering}` : '--liftoff-only';
}
