import type { Command, Help } from 'commander';

/**
 * The top-level `--help`. `lint` is the default command, so its arguments and options are what
 * a user types most: they are listed here, read from the lint command itself so the help cannot
 * drift from what the parser accepts.
 */
export function topLevelHelp(program: Command, lint: Command, helper: Help): string {
  type Item = [term: string, description: string];
  const args: Item[] = helper.visibleArguments(lint).map((a) => [helper.argumentTerm(a), helper.argumentDescription(a)]);
  const lintOptions: Item[] = helper
    .visibleOptions(lint)
    .filter((o) => o.long !== '--help')
    .map((o) => [helper.optionTerm(o), helper.optionDescription(o)]);
  const ownOptions: Item[] = helper.visibleOptions(program).map((o) => [helper.optionTerm(o), helper.optionDescription(o)]);
  const commands: Item[] = helper.visibleCommands(program).map((c) => [helper.subcommandTerm(c), helper.subcommandDescription(c)]);
  const width = Math.max(...[...args, ...lintOptions, ...ownOptions, ...commands].map(([term]) => helper.displayWidth(term)));
  const section = (heading: string, items: Item[]) =>
    items.length ? [heading, ...items.map(([term, description]) => helper.formatItem(term, width, description, helper)), ''] : [];
  const name = program.name();
  return [
    `Usage: ${name} [paths...] [options]`,
    `       ${name} <command> [options]`,
    '',
    helper.boxWrap(helper.commandDescription(program), helper.helpWidth ?? 80),
    '',
    ...section('Arguments:', args),
    ...section('Options:', [...lintOptions, ...ownOptions]),
    ...section('Commands:', commands),
    'Exit codes: 0 no error-level finding, 1 an error-level finding (or more warnings than',
    '--max-warnings), 2 a usage, config or input error (one line on stderr).',
    '',
    `Run "${name} <command> --help" for the options of verify, fix, status, drift, down, rules and explain.`,
    '',
  ].join('\n');
}
