import { loadModule, parseSync } from 'libpg-query';
await loadModule();
for (const q of process.argv.slice(2)) console.log(q, '\n', JSON.stringify(parseSync(q).stmts[0].stmt, null, 1).replace(/\n\s*/g,' '));
