// Browser tests (tests/e2e) against the real app: the webServer below starts a throwaway
// PostgreSQL and `prisma/start.ts` on it (tests/support/e2e-server.ts). Chromium comes from
// Debian here (no browser downloads); CHROMIUM_PATH overrides, and without /usr/bin/chromium
// Playwright's own browser is used (`npx playwright install chromium` where there is internet).
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
// localhost, not 127.0.0.1: next-auth builds its callback URLs on localhost.
const baseURL = `http://localhost:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/.output/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'tests/.output/e2e.json' }]],
  use: {
    baseURL,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'npx tsx tests/support/e2e-server.ts',
    url: baseURL,
    env: { PORT: String(port) },
    // The first run builds the app and seeds the demo school: minutes on two cores.
    timeout: 10 * 60_000,
    // Never test against whatever else listens on the port: the database must be the throwaway one.
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
  },
});
