/** CI providers `br-guard init --ci` can write a workflow for. */
export const CI_PROVIDERS = ['github'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

export const GITHUB_WORKFLOW_PATH = '.github/workflows/br-guard.yml';

/**
 * The GitHub Actions workflow `init --ci github` writes: the whole suite on every push and pull
 * request. Full history (`fetch-depth: 0`), because drift and the pre-push record compare
 * commits; br-guard's caches (`.buildrunner/cache`) kept between runs, keyed by the lockfile
 * and the config, since both change what the caches hold. The SARIF goes to code scanning, the
 * markdown report to the job summary; the second `check` runs on warm caches, and its exit
 * code is the job's. `packageDir` is the package that holds br-guard in a monorepo ('' = root).
 */
export function githubWorkflow(packageDir: string): string {
  const at = (path: string): string => (packageDir ? `${packageDir}/${path}` : path);
  const configFiles = ['.br-guardrc*', 'br-guard.config.*', 'quality-standards.yaml', '.buildrunner/quality-standards.yaml', 'package.json']
    .map((file) => `'${at(file)}'`)
    .join(', ');
  const lines = [
    '# Written by `br-guard init --ci github`: the whole br-guard suite on every push and pull request.',
    'name: br-guard',
    '',
    'on:',
    '  push:',
    '  pull_request:',
    '',
    'permissions:',
    '  contents: read',
    '  # upload-sarif writes code scanning alerts',
    '  security-events: write',
    '',
    'jobs:',
    '  check:',
    '    runs-on: ubuntu-latest',
    ...(packageDir ? ['    defaults:', '      run:', `        working-directory: ${packageDir}`] : []),
    '    steps:',
    '      - uses: actions/checkout@v4',
    '        with:',
    '          # drift and the pre-push record compare commits: the whole history',
    '          fetch-depth: 0',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 20',
    '          cache: npm',
    ...(packageDir ? [`          cache-dependency-path: ${at('package-lock.json')}`] : []),
    '      - run: npm ci',
    '      - uses: actions/cache@v4',
    '        with:',
    `          path: ${at('.buildrunner/cache')}`,
    `          key: br-guard-\${{ runner.os }}-\${{ hashFiles('${at('package-lock.json')}') }}-\${{ hashFiles(${configFiles}) }}`,
    '          restore-keys: |',
    `            br-guard-\${{ runner.os }}-\${{ hashFiles('${at('package-lock.json')}') }}-`,
    '            br-guard-${{ runner.os }}-',
    '      # A commit made with --no-verify skipped the pre-commit: its checks run here, on each commit',
    '      # of the pull request (CI has no local commit records, so every commit is checked).',
    '      - name: br-guard check --range (the commits of this pull request)',
    "        if: github.event_name == 'pull_request'",
    '        run: npx br-guard check --range "${{ github.event.pull_request.base.sha }}..${{ github.event.pull_request.head.sha }}"',
    '      - name: br-guard check (SARIF)',
    '        run: npx br-guard check --sarif > br-guard.sarif',
    '        continue-on-error: true',
    '      - name: Upload to code scanning',
    '        if: always()',
    '        uses: github/codeql-action/upload-sarif@v3',
    '        with:',
    `          sarif_file: ${at('br-guard.sarif')}`,
    '          category: br-guard',
    '      - name: br-guard check (report)',
    '        if: always()',
    '        run: npx br-guard check --markdown >> "$GITHUB_STEP_SUMMARY"',
    '',
  ];
  return lines.join('\n');
}
