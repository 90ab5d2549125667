#!/usr/bin/env node
// `npm start`: build the extension, start the lab site (http, https, edge cache), and open a browser with
// Cache Lens loaded and DevTools open on the lab.
//
//   npm start                          Chromium/Chrome (CHROME_PATH to choose the binary)
//   npm start -- --browser firefox     Firefox through web-ext run (FIREFOX_PATH to choose the binary)
//   npm start -- --no-build            skip `npm run build`
//   npm start -- --lab-only            only the lab, no browser
//   npm start -- --block-third-party-cookies   keep Chromium's default (third-party cookies blocked)
// Ports: LAB_HTTP_PORT (8080), LAB_HTTPS_PORT (8443), LAB_EDGE_PORT (8081). Extra Chromium flags: CHROME_ARGS.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, dflt) => {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return dflt;
  return args[i].includes('=') ? args[i].split('=').slice(1).join('=') : args[i + 1];
};

if (flag('--help') || flag('-h')) {
  console.log(`Usage: npm start [-- --browser chromium|firefox] [--no-build] [--lab-only] [--block-third-party-cookies]
Environment: CHROME_PATH, FIREFOX_PATH, CHROME_ARGS, LAB_HTTP_PORT, LAB_HTTPS_PORT, LAB_EDGE_PORT, LAB_EDGE=varnish|nginx|node`);
  process.exit(0);
}

const browserChoice = String(option('--browser', 'chromium')).toLowerCase();
const firefox = browserChoice === 'firefox' || browserChoice === 'firefox-esr';
const say = (s = '') => console.log(s);
const warn = (s) => console.error(`\n!! ${s}\n`);

// ---------------------------------------------------------------- 1. build
const distDir = join(root, 'dist', firefox ? 'firefox' : 'chrome');
if (!flag('--no-build') && !flag('--lab-only')) {
  say('» npm run build');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) {
    warn(
      existsSync(join(distDir, 'manifest.json'))
        ? `npm run build failed; using the previous build in ${distDir}.`
        : `npm run build failed and there is no earlier build in ${distDir}. The lab will start, but the browser cannot load Cache Lens.`,
    );
  }
}
const haveExtension = existsSync(join(distDir, 'manifest.json'));
if (!haveExtension && !flag('--lab-only')) {
  warn(`No extension build in ${distDir} (run \`npm run build\`). Continuing with the lab only.`);
}

// ---------------------------------------------------------------- 2. lab
register();
const { startLab, describeLab, DEFAULT_PORTS, HOST_RESOLVER_RULES, LAB_HOSTS } = await import('../tests/lab/server.ts');
const envPort = (name, dflt) => (process.env[name] ? Number(process.env[name]) : dflt);
let lab;
try {
  lab = await startLab({
    httpPort: envPort('LAB_HTTP_PORT', DEFAULT_PORTS.http),
    httpsPort: envPort('LAB_HTTPS_PORT', DEFAULT_PORTS.https),
    edgePort: envPort('LAB_EDGE_PORT', DEFAULT_PORTS.edge),
  });
} catch (err) {
  warn(
    `The lab could not start: ${err.message}\nIs another \`npm start\` running? Choose other ports with LAB_HTTP_PORT, LAB_HTTPS_PORT, LAB_EDGE_PORT.`,
  );
  process.exit(1);
}
say('');
say(describeLab(lab));

// ---------------------------------------------------------------- 3. browser
const startUrl = `${lab.httpOrigin}/`;
const profileDir = mkdtempSync(join(tmpdir(), 'cache-lens-profile-'));
let browser = null;
let stopping = false;

function findOnPath(names) {
  for (const name of names) {
    for (const dir of (process.env.PATH ?? '').split(':')) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return null;
}

function findChrome() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : null;
  // Debian's /usr/bin/chromium is a wrapper that adds flags of its own; the real binary is here.
  for (const p of [
    '/usr/lib/chromium/chromium',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ]) {
    if (existsSync(p)) return p;
  }
  return findOnPath(['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome']);
}

function findFirefox() {
  if (process.env.FIREFOX_PATH) return process.env.FIREFOX_PATH;
  for (const p of ['/usr/bin/firefox-esr', '/Applications/Firefox.app/Contents/MacOS/firefox']) if (existsSync(p)) return p;
  return findOnPath(['firefox-esr', 'firefox']);
}

/** Without a display, run the browser in a virtual one (xvfb-run) when that exists. */
function displayWrapper() {
  if (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return { ok: true, wrap: [] };
  const xvfb = findOnPath(['xvfb-run']);
  if (xvfb) return { ok: true, wrap: [xvfb, '-a', '-s', '-screen 0 1600x1000x24'], virtual: true };
  return { ok: false };
}

function launch(cmd, cmdArgs) {
  const display = displayWrapper();
  if (!display.ok) {
    warn(
      'There is no display ($DISPLAY is unset) and xvfb-run is not installed, so no browser window can open.\n' +
        `The lab keeps running: open ${startUrl} in a browser of your own with Cache Lens loaded (see the README).`,
    );
    return null;
  }
  if (display.virtual) {
    warn(
      'There is no display ($DISPLAY is unset): the browser runs inside a virtual X display (xvfb-run) where you cannot see it.\n' +
        'Run `npm start` from a desktop session to see the browser. The lab stays usable from this machine meanwhile.',
    );
  }
  const [bin, ...pre] = display.wrap.length ? display.wrap : [cmd];
  const finalArgs = display.wrap.length ? [...pre, cmd, ...cmdArgs] : cmdArgs;
  const verbose = !!process.env.START_VERBOSE;
  // Own process group, so Ctrl-C handling here can stop the browser and all its helpers together.
  const child = spawn(bin, finalArgs, {
    cwd: root,
    detached: true,
    stdio: ['ignore', verbose ? 'inherit' : 'ignore', verbose ? 'inherit' : 'pipe'],
  });
  let errTail = '';
  child.stderr?.on('data', (b) => (errTail = (errTail + b.toString()).slice(-2000)));
  child.on('exit', (code, signal) => {
    if (stopping) return;
    if (code) warn(`The browser exited with code ${code}.${errTail ? `\nIts last output:\n${errTail}` : ''}`);
    else say(`\nThe browser closed${signal ? ` (${signal})` : ''}. Stopping the lab.`);
    shutdown(code ?? 0);
  });
  return child;
}

/**
 * A fresh Chromium profile blocks third-party cookies (checked with Chromium 156), so a SameSite=None cookie would
 * never reach a cross-site frame and the SameSite lesson would show nothing. The profile pref
 * profile.cookie_controls_mode = 0 allows them; `--block-third-party-cookies` keeps the browser's default.
 */
function prepareChromeProfile() {
  if (flag('--block-third-party-cookies')) return;
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
}

function chromeArgs() {
  prepareChromeProfile();
  const a = [
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--auto-open-devtools-for-tabs',
    `--host-resolver-rules=${HOST_RESOLVER_RULES}`,
    // The lab's certificate is self-signed, made at start.
    '--ignore-certificate-errors',
    // Branded Google Chrome 137+ ignores --load-extension (Chromium builds do not); this feature switch
    // turned it back on in the releases right after. Otherwise load dist/chrome by hand (README).
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
  ];
  if (haveExtension) a.push(`--load-extension=${distDir}`, `--disable-extensions-except=${distDir}`);
  // Chromium refuses to run as root without this.
  if (process.getuid?.() === 0) a.push('--no-sandbox');
  if (process.env.CHROME_ARGS) a.push(...process.env.CHROME_ARGS.split(/\s+/).filter(Boolean));
  a.push(startUrl);
  return a;
}

function firefoxArgs(ffBin) {
  const local = join(root, 'node_modules', '.bin', 'web-ext');
  const [cmd, pre] = existsSync(local) ? [local, []] : ['npx', ['web-ext']];
  return [
    cmd,
    [
      ...pre,
      'run',
      '--source-dir',
      distDir,
      '--firefox',
      ffBin,
      '--start-url',
      startUrl,
      '--no-reload',
      // Firefox has no host-resolver flag; this pref sends the lab's names to the loopback address.
      '--pref',
      `network.dns.localDomains=${LAB_HOSTS.join(',')}`,
      '--pref',
      'devtools.toolbox.selectedTool=netmonitor',
      '--arg=--devtools',
    ],
  ];
}

if (!flag('--lab-only') && haveExtension) {
  if (firefox) {
    const ff = findFirefox();
    if (!ff) warn('Firefox was not found. Install firefox-esr or set FIREFOX_PATH. The lab keeps running.');
    else {
      const [cmd, a] = firefoxArgs(ff);
      say(`\n» ${cmd} ${a.join(' ')}`);
      browser = launch(cmd, a);
    }
  } else {
    const chrome = findChrome();
    if (!chrome) warn('No Chromium or Chrome found. Install chromium or set CHROME_PATH. The lab keeps running.');
    else {
      const a = chromeArgs();
      say(`\n» ${chrome} ${a.join(' ')}`);
      browser = launch(chrome, a);
    }
  }
}

// ---------------------------------------------------------------- 4. what to click
const e = lab.edgeOrigin;
const h = lab.httpOrigin;
say(`
What to do
  1. ${browser ? 'In the browser that opened, DevTools is already open' : `Open ${startUrl} in a browser with Cache Lens loaded, open DevTools`}: choose the
     "Cache Lens" tab (it may hide behind the » button at the right of the DevTools tab bar).${
       firefox
         ? `
     Firefox: the lab's https pages show a certificate warning first (self-signed); choose Advanced → Accept the risk.
     If the panel says it has no access to lab.test, click its "grant access" button.`
         : ''
     }
     ${firefox ? '' : `This fresh Chromium profile allows third-party cookies so SameSite=None can be seen (--block-third-party-cookies to keep the default).\n  `}2. Click "max-age" on the lab index, then reload (F5): max-age.css now comes from the cache, "fresh 5 min".
  3. Click "no-cache + ETag", reload: the 304 and its revalidation story.
  4. Cookies: "Secure over http" shows a rejected cookie; "SameSite … cross-site page" shows cookies not sent.
  5. Edge cache: ${e}/edge/cached , reload it: Cache-Status turns to "hit" and Age grows (edge: ${lab.edgeKind}).
  6. CDNs: ${h}/cdn/cloudflare shows "Cloudflare HIT · FRA" and a DYNAMIC /api/ response.
Ctrl-C stops the browser, the lab and the edge cache.`);

// ---------------------------------------------------------------- 5. shutdown
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  if (browser && browser.exitCode === null && browser.signalCode === null) {
    try {
      process.kill(-browser.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) => {
      const t = setTimeout(() => {
        try {
          process.kill(-browser.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        r();
      }, 4000);
      browser.once('exit', () => (clearTimeout(t), r()));
    });
  }
  await lab.close().catch((err) => warn(`closing the lab: ${err.message}`));
  rmSync(profileDir, { recursive: true, force: true });
  say('Stopped.');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));
