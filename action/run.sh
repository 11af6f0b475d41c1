#!/usr/bin/env bash
# The GitHub Action's step (see action.yml). Inputs arrive as INPUT_* variables; runs in the
# project folder. Exit code: the linter's, except that fail-on=never turns findings (1) into 0.
set -uo pipefail

dir="${INPUT_DIR:-}"
since="${INPUT_SINCE:-}"
format="${INPUT_FORMAT:-github}"
fail_on="${INPUT_FAIL_ON:-error}"
sarif="${INPUT_SARIF:-false}"
output_file="${INPUT_OUTPUT_FILE:-}"
outputs="${GITHUB_OUTPUT:-/dev/null}"

case "$fail_on" in
  error | warning | never) ;;
  *) echo "::error title=drizzle-migration-lint::fail-on must be error, warning or never, not '$fail_on'"; exit 2 ;;
esac

# The project's own pinned linter when it has one; else the one this action's ref ships.
if [ -x node_modules/.bin/drizzle-migration-lint ]; then
  lint=(node_modules/.bin/drizzle-migration-lint)
else
  if [ ! -f "$ACTION_PATH/dist/cli.cjs" ]; then
    # Runtime dependencies only (no devDependencies: no TypeScript, test tools or embedded Postgres
    # binaries), and esbuild on its own, at the version of the lockfile, to bundle dist/cli.cjs.
    tools="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/drizzle-migration-lint-build"
    (
      cd "$ACTION_PATH" &&
        npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error &&
        esbuild_version=$(node -p "require('./package-lock.json').packages['node_modules/esbuild'].version") &&
        npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error "esbuild@$esbuild_version" &&
        DML_ESBUILD="$tools/node_modules/esbuild" node scripts/bundle-cli.mjs --cli-only
    ) >&2 || exit 2
  fi
  lint=(node "$ACTION_PATH/dist/cli.cjs")
  # Docs links in annotations, SARIF and PR comments: this action's own docs pages at the ref the
  # workflow uses, i.e. the docs of the code that runs (else the package's own scheme applies).
  if [ -n "${ACTION_REPOSITORY:-}" ] && [ -n "${ACTION_REF:-}" ]; then
    export DRIZZLE_MIGRATION_LINT_DOCS_URL="${GITHUB_SERVER_URL:-https://github.com}/$ACTION_REPOSITORY/blob/$ACTION_REF/docs/"
  fi
fi

args=()
[ -n "$dir" ] && args+=("$dir")
[ -z "$since" ] && since="${PR_BASE_SHA:-}"
if [ -n "$since" ]; then
  # actions/checkout fetches one commit by default; the base is needed to know what is new.
  if ! git cat-file -e "$since^{commit}" 2>/dev/null; then
    git fetch --no-tags --depth=1 origin "$since" >&2 || { echo "::error title=drizzle-migration-lint::cannot fetch $since; use actions/checkout with fetch-depth: 0"; exit 2; }
  fi
  args+=(--since "$since")
fi
[ "$fail_on" = warning ] && args+=(--max-warnings 0)

report_args=(--format "$format")
[ -n "$output_file" ] && report_args+=(--output-file "$output_file")
"${lint[@]}" "${args[@]}" "${report_args[@]}"
code=$?

if [ "$sarif" = true ] && [ "$code" -lt 2 ]; then
  sarif_file="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/drizzle-migration-lint.sarif"
  "${lint[@]}" "${args[@]}" --format sarif --output-file "$sarif_file" > /dev/null
  [ $? -ge 2 ] && code=2
  echo "sarif-file=$sarif_file" >> "$outputs"
fi

echo "exit-code=$code" >> "$outputs"

# Optional: is the database where this branch expects it? `status` reads the migrations table
# (read-only) and fails on pending, skipped, edited or missing migrations.
if [ "${INPUT_STATUS:-false}" = true ]; then
  status_args=(status)
  [ -n "$dir" ] && status_args+=("$dir")
  [ -n "${INPUT_DATABASE_URL:-}" ] && export MIGRATION_LINT_DATABASE_URL="$INPUT_DATABASE_URL"
  "${lint[@]}" "${status_args[@]}"
  status_code=$?
  # The table above is for the log; annotations for what is not in sync.
  if [ "$status_code" -eq 1 ] && [ "$format" = github ]; then "${lint[@]}" "${status_args[@]}" --format github; fi
  echo "status-exit-code=$status_code" >> "$outputs"
  if [ "$status_code" -ge 2 ]; then code=2; elif [ "$status_code" -eq 1 ] && [ "$code" -eq 0 ]; then code=1; fi
fi

if [ "$code" -eq 1 ] && [ "$fail_on" = never ]; then exit 0; fi
exit "$code"
