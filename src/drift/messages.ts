/** The text of `drift` findings, as data (the rule-module format: one function per message id). */
export const messages = {
  onlyInMigrations: (a: { object: string; other: string }) => `${a.object} is created by the migrations but missing from the ${a.other}.`,
  onlyInOther: (a: { object: string; other: string; definition?: string }) =>
    `${a.object} exists in the ${a.other} but no migration creates it${a.definition ? ` (${a.definition})` : ''}.`,
  differs: (a: { object: string; migrations: string; other: string; actual: string }) => `${a.object}: migrations say ${a.migrations}, ${a.other} has ${a.actual}.`,
  databaseHint: () => 'Someone changed this database outside the migrations (drizzle-kit push, or by hand): write a migration for it, or undo it.',
  snapshotHint: () =>
    'The SQL was edited without its snapshot (or the snapshot by hand): the next drizzle-kit generate compares the schema with the snapshot and emits this change again.',
  prevIdCollision: (a: { files: string[]; prevId: string }) =>
    `${a.files.join(' and ')} were generated from the same parent snapshot (prevId ${a.prevId}): two branches each ran drizzle-kit generate, and the second migration was not regenerated after the merge.`,
  prevIdCollisionHint: () => 'Delete the later migration and its snapshot, then run drizzle-kit generate again on top of the merged history.',
};
