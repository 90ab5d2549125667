/**
 * firefox-esr with the e2e build installed, driven by puppeteer-core 24 over WebDriver BiDi
 * (../shared/notes/browser-testing.md: geckodriver is not available here; BiDi installs the extension).
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { GECKO_ID } from '../../../manifest.config';
import { LAB_HOSTS } from '../../lab/server';
import { FIREFOX_E2E_DIST, ensureBuilt } from './browser';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const HAS_FIREFOX = existsSync(FIREFOX);

/** Launches Firefox with dist/firefox-e2e installed under a fixed moz-extension:// UUID (so pages have known URLs). */
export async function launchFirefoxWithExtension(uuid: string): Promise<Browser> {
  ensureBuilt(FIREFOX_E2E_DIST);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      // The lab's *.test names resolve to loopback (Chromium uses --host-resolver-rules instead).
      'network.dns.localDomains': LAB_HOSTS.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    },
  });
  await browser.installExtension(FIREFOX_E2E_DIST);
  return browser;
}
