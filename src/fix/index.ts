export { planFix, type FixRun, type FixOptions } from './planner.js';
export { FOLLOW_UP_RECIPES, FOLLOW_UP_NAME } from './follow-up.js';
export { writeAll } from './atomic-write.js';
export { unifiedDiff } from './diff.js';
export { formatPlan, planJson } from './report.js';
export { RECIPES, BATCH_RECIPES, type Recipe, type RecipeInput, type RecipeResult } from './recipes.js';
export { PLACEHOLDER } from './placeholder.js';
export type { FixPlan, FixStep, FileChange, NeedsUser, PlanProblem, SqlChunk, ChunkMode, FindingRef, DeployStep } from './types.js';
