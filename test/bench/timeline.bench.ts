// Timeline benchmark: first paint and frames per second while panning, with 1M events, in headless
// chromium outside VS Code. The webview bundle runs in a static harness page (same strict CSP as in
// VS Code) whose acquireVsCodeApi() forwards messages to this process, which answers them with the
// real TimelineModel over synthetic tables: the page only ever receives bins and markers.
// Prints one JSON line. Run: npx tsx test/bench/timeline.bench.ts   (BENCH_TIMELINE_EVENTS=200000 for fewer)
import * as aq from 'arquero';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { TimelineModel } from '../../src/core/timeline';
import { parseTimelineViewMessage, type TimelineHostMessage } from '../../src/protocol/timeline';

// Loaded at run time, not bundled: neither works from a bundle.
const runtimeRequire = createRequire(__filename);
const { chromium } = runtimeRequire('playwright-core') as typeof import('playwright-core');
const esbuild = runtimeRequire('esbuild') as typeof import('esbuild');

const EVENTS = Number(process.env.BENCH_TIMELINE_EVENTS ?? 1_000_000);
const PAN_MS = 3000;
const DAY = 86_400_000;

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'exo-audit') return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

/** 1M events over 30 days: mail reads by 400 users and 20 apps (a few bulk bursts, some throttled), grants, consents and sign-ins. */
function syntheticTables(n: number) {
  const start = Date.UTC(2024, 2, 1);
  let seed = 7;
  const rand = () => {
    // mulberry32: 32-bit integer steps, so the sequence does not lose precision in doubles
    seed = (seed + 0x6d2b79f5) | 0;
    let z = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  const users = Array.from({ length: 400 }, (_, i) => `user${i}@contoso.com`);
  const apps = Array.from({ length: 20 }, (_, i) => `0000000${i % 10}-1111-2222-3333-${String(i).padStart(12, '0')}`);
  const markerOps = ['Add-MailboxPermission', 'Consent to application', 'New-ManagementRoleAssignment', 'Set-MailboxAuditBypassAssociation', 'SearchExported', 'UserLoggedIn', 'UserLoginFailed', 'New-InboxRule'];
  const time = new Float64Array(n);
  const cols: Record<string, unknown[]> = {
    Id: [], Operation: [], UserId: [], MailboxOwnerUPN: [], AppId: [], ClientAppId: [], TargetMailbox: [], Grantee: [], AccessRights: [],
    IsThrottled: [], ResultStatus: [], Parameters: [], ObjectId: [],
  };
  for (let i = 0; i < n; i++) {
    const marker = i % 40 === 0;
    const bulk = !marker && i % 97 < 3;
    const who = users[Math.floor(rand() * users.length)]!;
    const app = apps[Math.floor(rand() * apps.length)]!;
    time[i] = bulk ? start + (10 + (i % 7) * 3) * DAY + rand() * 3 * 3_600_000 : start + rand() * 30 * DAY;
    const op = marker ? markerOps[(i / 40) % markerOps.length]! : 'MailItemsAccessed';
    cols.Id!.push(`r${i}`);
    cols.Operation!.push(op);
    cols.UserId!.push(bulk ? app : who);
    cols.MailboxOwnerUPN!.push(marker ? '' : bulk ? users[i % 7]! : who);
    cols.AppId!.push(bulk || rand() < 0.2 ? app : '');
    cols.ClientAppId!.push('');
    cols.TargetMailbox!.push(op === 'Add-MailboxPermission' ? users[i % 50]! : '');
    cols.Grantee!.push(op === 'Add-MailboxPermission' ? who : op === 'Consent to application' ? app : '');
    cols.AccessRights!.push(op === 'Add-MailboxPermission' ? 'FullAccess' : '');
    cols.IsThrottled!.push(bulk && rand() < 0.05);
    cols.ResultStatus!.push(op === 'UserLoginFailed' ? 'Failed' : 'Succeeded');
    cols.Parameters!.push(null);
    cols.ObjectId!.push(op === 'Consent to application' ? app : '');
  }
  return { AuditLogs: aq.table({ Time: time, ...cols }) };
}

const HARNESS = `
const state = { value: undefined };
window.__marks = {};
window.__pending = 0;
window.addEventListener('message', (e) => {
  if (e.data && e.data.type === 'window') {
    window.__pending--;
    if (!window.__marks.firstWindow) window.__marks.firstWindow = performance.now();
  }
});
window.acquireVsCodeApi = () => ({
  postMessage: (m) => {
    if (m.type === 'ready') window.__marks.ready = performance.now();
    if (m.type === 'requestWindow') window.__pending++;
    window.__hostPost(JSON.stringify(m));
  },
  getState: () => state.value,
  setState: (s) => { state.value = s; },
});
`;

const THEME = `
:root { --vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-foreground: #cccccc; --vscode-editor-foreground: #d4d4d4;
  --vscode-editor-background: #1e1e1e; --vscode-descriptionForeground: #9d9d9d; --vscode-charts-red: #f14c4c; --vscode-charts-orange: #d18616;
  --vscode-charts-yellow: #cca700; --vscode-charts-green: #89d185; --vscode-charts-blue: #3794ff; --vscode-charts-purple: #b180d7;
  --vscode-focusBorder: #007fd4; --vscode-list-hoverBackground: #2a2d2e; --vscode-editor-selectionBackground: #264f78; }
`;

/**
 * Drags the canvas leftwards (forward in time) for `durationMs`, one pointermove per animation frame, and counts
 * frames. Plain JavaScript text: it runs in the page as it is.
 */
const PAN_SCRIPT = `async (durationMs) => {
  const canvas = document.getElementById('timeline-canvas');
  const r = canvas.getBoundingClientRect();
  const y = r.top + 100;
  let x = r.left + r.width - 50;
  const fire = (type) => canvas.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, button: 0, buttons: 1, bubbles: true, isPrimary: true, pointerType: 'mouse' }));
  fire('pointerdown');
  let frames = 0;
  let longest = 0;
  const t0 = performance.now();
  let last = t0;
  await new Promise((done) => {
    const tick = (now) => {
      frames++;
      longest = Math.max(longest, now - last);
      last = now;
      if (now - t0 >= durationMs) { done(); return; }
      x -= 9;
      if (x < r.left + r.width * 0.2) {
        // Out of room: let go and grab again at the right, so the view keeps moving forward in time.
        fire('pointerup');
        x = r.left + r.width - 50;
        fire('pointerdown');
      }
      fire('pointermove');
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  fire('pointerup');
  return { frames, ms: performance.now() - t0, longestFrameMs: longest };
}`;

function serve(files: Record<string, { type: string; body: string | Buffer }>): Promise<Server> {
  const server = createServer((req, res) => {
    const f = files[(req.url ?? '/').split('?')[0]!];
    if (!f) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': f.type });
    res.end(f.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main(): Promise<void> {
  const root = repoRoot();
  const out = mkdtempSync(path.join(os.tmpdir(), 'exo-timeline-bench-'));
  await esbuild.build({
    entryPoints: [path.join(root, 'media/timeline/main.ts')], outfile: path.join(out, 'timeline.js'), bundle: true, minify: true,
    platform: 'browser', target: 'es2022', format: 'esm', logLevel: 'warning',
  });

  let t = performance.now();
  const tables = syntheticTables(EVENTS);
  const generateMs = performance.now() - t;
  t = performance.now();
  const model = new TimelineModel(tables);
  model.index.lanes('actor');
  const indexMs = performance.now() - t;

  const nonce = randomBytes(16).toString('base64url');
  const csp = `default-src 'none'; style-src 'self'; script-src 'nonce-${nonce}'`;
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="/theme.css"><link rel="stylesheet" href="/timeline.css"></head>
<body class="vscode-dark"><div id="timeline-root"></div>
<script nonce="${nonce}" src="/harness.js"></script><script type="module" nonce="${nonce}" src="/timeline.js"></script></body></html>`;
  const server = await serve({
    '/index.html': { type: 'text/html', body: html },
    '/harness.js': { type: 'text/javascript', body: HARNESS },
    '/theme.css': { type: 'text/css', body: THEME },
    '/timeline.js': { type: 'text/javascript', body: readFileSync(path.join(out, 'timeline.js')) },
    '/timeline.css': { type: 'text/css', body: readFileSync(path.join(out, 'timeline.css')) },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems: string[] = [];
  const windowMs: number[] = [];
  let bins = 0;
  let markers = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.exposeFunction('__hostPost', (json: string) => {
      const message = parseTimelineViewMessage(JSON.parse(json));
      if (!message) { problems.push(`invalid message ${json.slice(0, 100)}`); return; }
      let reply: TimelineHostMessage | undefined;
      if (message.type === 'ready') reply = { type: 'init', summary: model.summary(), focus: null, focusArgs: null, theme: 'dark', notice: '' };
      if (message.type === 'requestWindow') {
        const t0 = performance.now();
        const window = model.window({
          requestId: message.requestId, from: message.from, to: message.to, buckets: message.buckets, groupBy: message.groupBy,
          laneOffset: message.lanes.offset, laneLimit: message.lanes.limit, focusOnly: message.focusOnly,
        });
        windowMs.push(performance.now() - t0);
        bins += window.density.reduce((s, d) => s + d.bins.length / 3, 0);
        markers += window.markers.length;
        reply = { type: 'window', window };
      }
      // As VS Code does, the message crosses as JSON text.
      if (reply) void page.evaluate((text) => window.postMessage(JSON.parse(text), '*'), JSON.stringify(reply));
    });
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/index.html`);
    await page.waitForFunction(() => performance.getEntriesByName('exo-timeline:first-frame').length > 0, undefined, { timeout: 120_000 });
    const firstPaintMs = await page.evaluate(() => performance.getEntriesByName('exo-timeline:first-frame')[0]!.startTime);
    const marks = await page.evaluate(() => (window as unknown as { __marks: Record<string, number> }).__marks);
    const artifacts = path.join(root, 'test-artifacts');
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'timeline-bench-first-paint.png') });

    // Zoom to about two days (four halvings of the month) where the data is, then pan through it.
    await page.focus('#timeline-canvas');
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    await page.waitForFunction(() => (window as unknown as { __pending: number }).__pending === 0, undefined, { timeout: 60_000 });
    const requestsBeforePan = windowMs.length;

    const pan = await page.evaluate(`(${PAN_SCRIPT})(${PAN_MS})`) as { frames: number; ms: number; longestFrameMs: number };

    await page.screenshot({ path: path.join(artifacts, 'timeline-bench-after-pan.png') });
    const mean = (a: number[]) => (a.length ? a.reduce((s, v) => s + v, 0) / a.length : 0);
    console.log(JSON.stringify({
      bench: 'timeline', events: EVENTS, densityEvents: model.index.density.n, markers: model.index.markers.n,
      generateMs: Math.round(generateMs), indexMs: Math.round(indexMs), firstPaintMs: Math.round(firstPaintMs),
      readyMs: Math.round(marks.ready ?? -1), firstWindowArrivedMs: Math.round(marks.firstWindow ?? -1),
      panFps: Number(((pan.frames * 1000) / pan.ms).toFixed(1)), panFrames: pan.frames, longestFrameMs: Math.round(pan.longestFrameMs),
      windowRequests: windowMs.length, windowRequestsWhilePanning: windowMs.length - requestsBeforePan, windowMsMean: Number(mean(windowMs).toFixed(1)), windowMsMax: Number(Math.max(0, ...windowMs).toFixed(1)),
      binsSent: bins, markersSent: markers, problems,
    }));
    if (problems.length) process.exitCode = 1;
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
