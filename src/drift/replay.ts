import { readFileSync } from 'node:fs';
import { SchemaModel } from '../schema/model.js';
import { loadParser, parseMigration } from '../sql/index.js';
import { RoutineModel } from './routines.js';

export interface ReplayFile {
  path: string;
  batch: number;
}

/** The schema the given migrations build, in order: each file parsed and replayed into the schema model. */
export async function replayModel(files: ReplayFile[], shown: (path: string) => string = (p) => p): Promise<SchemaModel> {
  return (await replayCounted(files, shown)).model;
}

/**
 * replayModel, the sequences, functions and triggers the model does not hold, and how many statements
 * it replayed (the reports' "statements checked").
 */
export async function replayCounted(files: ReplayFile[], shown: (path: string) => string = (p) => p): Promise<{ model: SchemaModel; routines: RoutineModel; statements: number }> {
  await loadParser();
  const model = new SchemaModel();
  const routines = new RoutineModel();
  let statements = 0;
  for (const f of files) {
    for (const s of parseMigration(shown(f.path), readFileSync(f.path, 'utf8')).statements) {
      model.apply(s, { file: f.path, batch: f.batch });
      routines.apply(s.node, { file: f.path, batch: f.batch });
      statements++;
    }
  }
  return { model, routines, statements };
}
