import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';

type TypeScript = typeof import('typescript');

/**
 * Loads `migrationlint.config.ts` on any Node ≥ 20. cosmiconfig's own loader imports `typescript`
 * from beside cosmiconfig, which fails under `npx` where only the user's project has it; this one
 * takes the project's compiler first and ours second, and says what to do when there is none.
 */
export async function loadTsConfig(filepath: string, content: string): Promise<unknown> {
  const ts = await findTypeScript(filepath);
  const js = ts.transpileModule(content, {
    fileName: filepath,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  // Written beside the config so that its relative imports resolve as they do from the .ts file.
  const compiled = `${filepath}.${randomUUID()}.mjs`;
  await writeFile(compiled, js);
  try {
    const mod = (await import(pathToFileURL(compiled).href)) as { default?: unknown };
    return mod.default ?? mod;
  } finally {
    await rm(compiled, { force: true });
  }
}

/** The `typescript` module as resolved from each of `from` in turn (files, not folders). */
export async function findTypeScript(configPath: string, from = [configPath, fileURLToPath(import.meta.url)]): Promise<TypeScript> {
  for (const start of from) {
    let resolved: string;
    try {
      resolved = createRequire(start).resolve('typescript');
    } catch {
      continue;
    }
    const mod = (await import(pathToFileURL(resolved).href)) as TypeScript & { default?: TypeScript };
    return mod.default ?? mod;
  }
  throw new UsageError(
    `${configPath}: a TypeScript config needs the "typescript" package in your project (npm install -D typescript); or name it migrationlint.config.mjs`,
  );
}
