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

  it('module.exports, shorthand properties; a dialect from the environment is unknown (not rejected)', () => {
    const c = read('drizzle.config.cjs', `const out = './m';\nmodule.exports = { out, dialect: process.env.DIALECT || 'postgresql' };`);
    expect(c.outDir).toBe('m');
    expect(c.dialect).toBeUndefined();
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

  // Each of these once made the reader guess ./a (or ./drizzle) and lint the wrong folder.
  const UNCERTAIN = /"out" is not a plain string, so it cannot be read without running the file; pass the migrations folder with --dir/;
  const uncertain: [string, string, RegExp][] = [
    ['an environment fallback', `export default defineConfig({ out: process.env.OUT ?? './a', dialect: 'postgresql' });`, UNCERTAIN],
    ['an || fallback', `export default { out: process.env.OUT || './a' };`, UNCERTAIN],
    ['a condition', `export default { out: process.env.CI ? './a' : './b' };`, UNCERTAIN],
    ['a config picked by a condition', `const a = defineConfig({ out: './a' });\nconst b = defineConfig({ out: './b' });\nexport default process.env.CI ? b : a;`, UNCERTAIN],
    ['a reassigned variable', `let out = './a';\nif (process.env.CI) out = './b';\nexport default defineConfig({ out });`, UNCERTAIN],
    ['a variable changed with ??=', `let out = './a';\nout ??= './b';\nexport default { out };`, UNCERTAIN],
    ['a mutated config object', `const config = defineConfig({ out: './a' });\nconfig.out = './b';\nexport default config;`, UNCERTAIN],
    ['a mutated config object (element access)', `const config = { out: './a' };\nconfig['out'] = './b';\nexport default config;`, UNCERTAIN],
    ['Object.assign on the config', `const config = { out: './a' };\nObject.assign(config, overrides);\nexport default config;`, UNCERTAIN],
    ['a computed key after out', `const k = 'out';\nexport default { out: './a', [k]: './b' };`, UNCERTAIN],
    ['a computed key and no out', `export default { [key]: './b', dialect: 'postgresql' };`, UNCERTAIN],
    ['a spread of something unknown after out', `export default defineConfig({ out: './a', ...shared });`, UNCERTAIN],
    ['a spread of something unknown and no out', `import shared from './shared';\nexport default defineConfig({ ...shared, dialect: 'postgresql' });`, UNCERTAIN],
    ['a getter', `export default { get out() { return './a'; } };`, UNCERTAIN],
    [
      'several defineConfig calls',
      `const a = defineConfig({ out: './a' });\nconst b = defineConfig({ out: './b' });\nmodule.exports = a;\nexport default b;`,
      /several configs \(defineConfig calls or exports\) with different "out", so which one drizzle-kit uses cannot be read without running the file; pass the migrations folder with --dir/,
    ],
  ];
  for (const [what, text, error] of uncertain) {
    it(`an out that is not certain is an error, not a guess: ${what}`, () => {
      expect(() => read('drizzle.config.ts', text)).toThrow(error);
    });
  }

  it('what is certain is still read: a known spread before out, comparisons, a const used but not changed', () => {
    expect(read('drizzle.config.ts', `const base = { dialect: 'postgresql', out: './x' };\nexport default defineConfig({ ...base, out: './a' });`).outDir).toBe('a');
    expect(read('drizzle.config.ts', `const base = { out: './x' };\nexport default { ...base };`).outDir).toBe('x');
    expect(read('drizzle.config.ts', `const out = './a';\nif (out == './b' || out === 'c' || out <= 'd' || out >= 'e' || out != 'f') {}\nexport default { out };`).outDir).toBe('a');
    expect(read('drizzle.config.ts', `const config = { out: './a' };\nconsole.log(config.out);\nexport default defineConfig(config);`).outDir).toBe('a');
    // export default defineConfig(...) is one config, not two.
    expect(read('drizzle.config.ts', `export default defineConfig({ out: './a' });`).outDir).toBe('a');
  });
});
