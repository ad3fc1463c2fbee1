// `npm test`: every check in order — typecheck, lint, unit, integration, browser (e2e) — each
// as a child process with its own output, carrying on after a failure. Counts come from the
// Vitest and Playwright JSON reports; typecheck and lint count as one check each. Ends with a
// summary table and, as the very last line, `N passed, N failed`. Exits non-zero when anything
// failed or could not run. SKIP_E2E=1 leaves out the browser suite (and says so).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUTPUT_DIR = path.join(ROOT, 'tests', '.output');

type Kind = 'check' | 'vitest' | 'playwright';
type Suite = { name: string; script: string; kind: Kind; report?: string; skip?: string };
type Outcome = { name: string; passed: number; failed: number; skipped: number; seconds: number; note: string; ran: boolean };

const report = (name: string) => path.join(OUTPUT_DIR, `${name}.json`);
const skipE2e = process.env.SKIP_E2E === '1' || process.env.SKIP_E2E === 'true';

const SUITES: Suite[] = [
  { name: 'typecheck', script: 'typecheck', kind: 'check' },
  { name: 'lint', script: 'lint', kind: 'check' },
  { name: 'unit', script: 'test:unit', kind: 'vitest', report: report('unit') },
  { name: 'integration', script: 'test:integration', kind: 'vitest', report: report('integration') },
  // playwright.config.ts writes its JSON report to tests/.output/e2e.json.
  { name: 'e2e', script: 'test:e2e', kind: 'playwright', report: report('e2e'), skip: skipE2e ? 'skipped: SKIP_E2E=1' : undefined },
];

let current: ReturnType<typeof spawn> | undefined;
let interrupted: NodeJS.Signals | undefined;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = signal;
    // Ctrl-C reaches the whole process group already; a SIGTERM (a CI timeout) only reaches us.
    if (signal === 'SIGTERM') current?.kill(signal);
  });
}

function run(suite: Suite): Promise<number> {
  const extra = suite.kind === 'vitest' ? ['--', '--reporter=default', '--reporter=json', `--outputFile=${suite.report}`] : [];
  return new Promise((resolve) => {
    current = spawn('npm', ['run', '--silent', suite.script, ...extra], { cwd: ROOT, stdio: 'inherit' });
    current.on('error', (error) => {
      console.error(`Could not start ${suite.name}: ${error.message}`);
      resolve(127);
    });
    current.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function readJson<T>(file: string | undefined): T | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { status: string; assertionResults?: { status: string }[] }[];
};
type PlaywrightReport = { stats?: { expected: number; unexpected: number; skipped: number; flaky: number }; errors?: unknown[] };

/** Passed/failed/skipped from the suite's report; a non-zero exit with no failed test counts as one failure. */
function count(suite: Suite, code: number): Omit<Outcome, 'name' | 'seconds' | 'ran'> {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let note = '';
  if (suite.kind === 'check') {
    return code === 0 ? { passed: 1, failed: 0, skipped: 0, note } : { passed: 0, failed: 1, skipped: 0, note: `exit code ${code}` };
  }
  if (suite.kind === 'vitest') {
    const r = readJson<VitestReport>(suite.report);
    if (r) {
      passed = r.numPassedTests;
      // A file that fails to load or whose hooks fail has no failed test of its own: count the file.
      const brokenFiles = (r.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed')).length;
      failed = r.numFailedTests + brokenFiles;
      skipped = r.numPendingTests + r.numTodoTests;
      if (brokenFiles) note = `${brokenFiles} file(s) failed outside tests`;
    } else note = 'no report';
  } else {
    const r = readJson<PlaywrightReport>(suite.report);
    if (r?.stats) {
      passed = r.stats.expected + r.stats.flaky;
      failed = r.stats.unexpected;
      skipped = r.stats.skipped;
      if (r.errors?.length) note = `${r.errors.length} error(s) outside tests`;
    } else note = 'no report';
  }
  if (code !== 0 && failed === 0) {
    failed = 1;
    note = [note, `exit code ${code}`].filter(Boolean).join('; ');
  }
  return { passed, failed, skipped, note };
}

const outcomes: Outcome[] = [];
for (const suite of SUITES) {
  if (suite.skip || interrupted) {
    const note = suite.skip ?? `not run: interrupted (${interrupted})`;
    outcomes.push({ name: suite.name, passed: 0, failed: 0, skipped: 0, seconds: 0, note, ran: false });
    continue;
  }
  console.log(`\n━━━ ${suite.name} ━━━ npm run ${suite.script}\n`);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  if (suite.report) rmSync(suite.report, { force: true });
  const started = Date.now();
  const code = await run(suite);
  const seconds = (Date.now() - started) / 1000;
  outcomes.push({ name: suite.name, seconds, ran: true, ...count(suite, code) });
}

const total = (key: 'passed' | 'failed' | 'skipped') => outcomes.reduce((sum, o) => sum + o[key], 0);
const notRun = outcomes.filter((o) => !o.ran && !SUITES.find((s) => s.name === o.name)?.skip);

const rows = [
  ['Suite', 'Passed', 'Failed', 'Skipped', 'Seconds', 'Note'],
  ...outcomes.map((o) =>
    o.ran
      ? [o.name, String(o.passed), String(o.failed), String(o.skipped), o.seconds.toFixed(1), o.note]
      : [o.name, '-', '-', '-', '-', o.note],
  ),
  ['total', String(total('passed')), String(total('failed')), String(total('skipped')), outcomes.reduce((s, o) => s + o.seconds, 0).toFixed(1), ''],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r: string[]) =>
  r
    .map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
    .join('  ')
    .trimEnd();

console.log('\n━━━ summary ━━━\n');
rows.forEach((r, i) => {
  console.log(line(r));
  if (i === 0 || i === rows.length - 2) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
});
if (skipE2e) console.log('\nThe browser suite (e2e) was skipped: SKIP_E2E=1.');
if (notRun.length) console.log(`\nNot run: ${notRun.map((o) => o.name).join(', ')}.`);
console.log('');
console.log(`${total('passed')} passed, ${total('failed')} failed`);

process.exitCode = interrupted ? 130 : total('failed') > 0 || notRun.length > 0 ? 1 : 0;
