/** `npm run screenshots`: the README's screenshots, re-taken in Chromium at 1440×900 through the web host. */
import { defineConfig } from '@playwright/test';
import e2e from '../e2e/playwright.config';

export default defineConfig({
  ...e2e,
  testDir: '.',
  testMatch: /readme\.shots\.ts$/,
  timeout: 300_000,
  reporter: [['list']],
  outputDir: '../../test-results/screenshots',
  projects: [{ ...e2e.projects![0]!, use: { ...e2e.projects![0]!.use, viewport: { width: 1440, height: 900 } } }],
});
