import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { nonPostgresDialect, readDrizzleConfig } from '../../src/project/drizzle-config.js';
import { tempProject } from '../helpers/temp-project.js';

function read(name: string, text: string) {
  const dir = tempProject({ [name]: text });
  const config = readDrizzleConfig(join(dir, name));
  return { ...config, outDir: config.outDir.slice(dir.length + 1) };
}

describe('drizzle.config read without running it', () => {
  it('defineConfig with literals, comments and env credentials', () => {
    const c = read(
      'drizzle.config.ts',
      `import { defineConfig } from 'drizzle-kit';
// out: './wrong',
/* dialect: 'mysql' */
export default defineConfig({
  schema: ['./src/a.ts', "./src/b.ts"],
  out: "./db/migrations", // where drizzle-kit generate writes
  dialect: 'postgresql',
  dbCredentials: { url: process.env.DATABASE_URL!, ssl: { rejectUnauthorized: false } },
  migrations: { table: 'my_migrations', schema: 'public', prefix: 'timestamp' },
  breakpoints: false,
  verbose: true,
});`,
    );
    expect(c).toMatchObject({ outDir: 'db/migrations', dialect: 'postgresql', breakpoints: false, migrations: { table: 'my_migrations', schema: 'public', prefix: 'timestamp' } });
  });

  it('a const object exported by name, with a type annotation', () => {
    const c = read(
      'drizzle.config.ts',
      `import type { Config } from 'drizzle-kit';
const config: Config = { out: \`./sql\`, dialect: 'postgresql', schema: './schema.ts' };
export default config;`,
    );
    expect(c.outDir).toBe('sql');
    expect(c.migrations).toEqual({ table: '__drizzle_migrations', schema: 'drizzle', prefix: 'index' });
  });

  it('module.exports, `??` fallbacks, shorthand properties', () => {
    const c = read('drizzle.config.cjs', `const out = './m';\nmodule.exports = { out, dialect: process.env.DIALECT || 'postgresql' };`);
    expect(c).toMatchObject({ outDir: 'm', dialect: 'postgresql' });
  });

  it('JSON, and the default out', () => {
    expect(read('drizzle.config.json', '{"dialect": "postgresql"}').outDir).toBe('drizzle');
  });

  it('legacy driver: pg is PostgreSQL, mysql2 is not', () => {
    expect(nonPostgresDialect(read('drizzle.config.ts', `export default { driver: 'pg', out: './d' };`))).toBeUndefined();
    expect(nonPostgresDialect(read('drizzle.config.ts', `export default { driver: 'mysql2', out: './d' };`))).toBe('mysql2');
    expect(nonPostgresDialect(read('drizzle.config.ts', `export default defineConfig({ dialect: 'sqlite' });`))).toBe('sqlite');
  });

  it('an out that needs running the file is a clear error', () => {
    expect(() => read('drizzle.config.ts', `import path from 'node:path';\nexport default { out: path.join(__dirname, 'drizzle') };`)).toThrow(
      /"out" is not a plain string, so it cannot be read without running the file; pass the migrations folder with --dir/,
    );
    expect(() => read('drizzle.config.ts', 'export default { out: `./${env}/drizzle` };')).toThrow(/"out" is not a plain string/);
    expect(() => read('drizzle.config.ts', 'export default makeConfig();')).toThrow(/found no config object/);
  });
});
