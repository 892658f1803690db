// The browser tests' world: the web app built (or found fresh), the real API on a random port
// over a fresh test database loaded with the demo seed (src/cli/seed-demo.ts), and Debian's
// Chromium driven by playwright-core (no browser download: DESIGN.md "Known traps").
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../src/cli/seed-demo.js';
import { buildApp, type App } from '../src/server/app.js';
import { captureLog, testConfig } from '../src/server/test-support.js';
import { todayAt } from '../src/server/today.js';
import { createTestDatabase, type TestDatabase } from '../src/store/test-db.js';
import { buildWebIfStale, WEB_DIST } from '../web/build-if-stale.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export { DEMO_PASSWORD };

export interface E2e {
  url: string;
  browser: Browser;
  app: App;
  /** A fresh browser context (own cookies) and page at the given viewport. */
  newPage: (viewport?: { width: number; height: number }) => Promise<Page>;
  screenshot: (page: Page, name: string) => Promise<string>;
  /** A fresh page at the viewport, signed in as `email` and arrived on the screen matching `home`. */
  signedIn: (email: string, home: RegExp, viewport?: { width: number; height: number }) => Promise<Page>;
  close: () => Promise<void>;
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function startE2e(): Promise<E2e> {
  await buildWebIfStale();
  const database: TestDatabase = await createTestDatabase();
  const now = new Date();
  await seedDemo(database, now, todayAt(now));
  const app = await buildApp({
    database,
    config: testConfig({ logLevel: 'warn' }),
    clock: () => new Date(),
    logStream: captureLog().stream,
    webRoot: WEB_DIST,
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright-core gives every launch a fresh temporary profile (user data dir).
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const newPage = async (viewport = DESKTOP): Promise<Page> => {
    const context = await browser.newContext({ viewport, baseURL: url });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  };
  return {
    url,
    browser,
    app,
    newPage,
    screenshot: async (page, name) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    signedIn: async (email, home, viewport = DESKTOP) => {
      const page = await newPage(viewport);
      await signIn(page, email);
      await page.waitForURL(home);
      return page;
    },
    close: async () => {
      await browser.close();
      await app.close();
      await database.cleanup();
    },
  };
}

/** Sign in through the form, as a person would. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * The world for one test file: started before its first test (the web build and the seed take a
 * while, hence the long timeout) and closed after its last. Call once at the top of the file.
 */
export function useE2e(): E2e {
  let world: E2e | undefined;
  beforeAll(async () => {
    world = await startE2e();
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });
  const started = (): E2e => {
    if (!world) {
      throw new Error('The e2e world is not started: call useE2e() at the top of the test file.');
    }
    return world;
  };
  return {
    get url() {
      return started().url;
    },
    get browser() {
      return started().browser;
    },
    get app() {
      return started().app;
    },
    newPage: (viewport) => started().newPage(viewport),
    screenshot: (page, name) => started().screenshot(page, name),
    signedIn: (email, home, viewport) => started().signedIn(email, home, viewport),
    close: () => started().close(),
  };
}
