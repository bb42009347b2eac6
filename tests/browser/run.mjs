// Real-browser test of the sitrep dashboard: Debian's Chromium driven by playwright-core, against
// a real `sitrep serve` on a real database. No mocks, no network beyond loopback.
//
//   node tests/browser/run.mjs <path/to/sitrep> <path/to/sitrep.db>
//
// Builds nothing: the caller passes the binary and a database built with `sitrep ingest`
// (crates/cli/tests/browser.rs does both). Screenshots go to target/browser-artifacts/.
// Exit code 0 when every check holds; prints `N passed, N failed` last.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const [bin, db] = process.argv.slice(2);
if (!bin || !db) {
  console.error('usage: node tests/browser/run.mjs <sitrep binary> <database>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const artifacts = resolve(process.env.SITREP_BROWSER_ARTIFACTS || join(here, '../../target/browser-artifacts'));
mkdirSync(artifacts, { recursive: true });
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

// Starts the server on a free port and waits for the address it prints.
function startServer() {
  return new Promise((res, rej) => {
    const child = spawn(bin, ['serve', '--db', db, '--bind', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const timer = setTimeout(() => rej(new Error(`server did not start in 30 s: ${err}`)), 30000);
    const onData = (buf) => {
      err += buf.toString();
      const m = err.match(/http:\/\/(127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        res({ child, base: `http://${m[1]}` });
      }
    };
    child.stderr.on('data', onData);
    child.stdout.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); rej(new Error(`server exited (${code}): ${err}`)); });
  });
}

const { child: server, base } = await startServer();
console.log(`server at ${base}`);
const profile = mkdtempSync(join(tmpdir(), 'sitrep-chromium-'));
let context;
const offsite = [];
const pageErrors = [];
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 1000 },
  });
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(20000);
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) offsite.push(r.url()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) pageErrors.push(`${r.status()} ${r.url()}`); });

  // The API itself answers JSON.
  const health = await (await page.request.get(`${base}/health`)).json();
  check('GET /health', health.status === 'ok');
  const first = await page.request.get(`${base}/api/events?limit=500`);
  const page1 = await first.json();
  check('GET /api/events answers {events, next_cursor}', first.ok() && Array.isArray(page1.events), `${page1.events?.length} events`);
  const bad = await page.request.get(`${base}/api/events?limit=100000`);
  check('a bad filter is a 400 with a JSON error', bad.status() === 400 && typeof (await bad.json()).error === 'string');

  // 1. The dashboard loads and the map draws a point per located event.
  await page.goto(`${base}/?lang=en`);
  await page.waitForSelector('body[data-ready="1"]');
  const countries = await page.locator('#countries path').count();
  check('map draws country shapes', countries > 150, `${countries} shapes`);
  const located = page1.events.filter((e) => e.lat != null && e.lon != null).length;
  const drawn = Number(await page.locator('#points').getAttribute('data-count'));
  const circles = await page.locator('#points circle').count();
  check('map draws points', drawn > 0 && circles === drawn, `${circles} circles, data-count ${drawn}`);
  check('one point per located event', drawn === located, `${located} located events`);
  const rows0 = await page.locator('#events tbody tr').count();
  check('table lists the events', rows0 === page1.events.length && rows0 > 0, `${rows0} rows`);
  const bars = await page.locator('#timeline rect.bar').count();
  check('timeline draws bars', bars > 0, `${bars} days`);
  await page.screenshot({ path: join(artifacts, 'dashboard.png'), fullPage: true });

  // 2. A filter changes the table. Prefer a type some but not all events have; else a country;
  // else a min_sources no event reaches.
  const types = page1.events.map((e) => e.event_type);
  const countriesOf = page1.events.map((e) => e.country).filter(Boolean);
  const pick = (xs) => [...new Set(xs)].find((x) => xs.filter((y) => y === x).length < xs.length);
  const type = pick(types);
  const country = pick(countriesOf);
  const rowsBefore = await page.locator('#events tbody tr').allTextContents();
  let expected;
  let how;
  if (type) {
    how = `type=${type}`;
    expected = types.filter((x) => x === type).length;
    await page.selectOption('#f-type', type);
  } else if (country) {
    how = `country=${country}`;
    expected = countriesOf.filter((x) => x === country).length;
    await page.selectOption('#f-country', country);
  } else {
    const max = Math.max(...page1.events.map((e) => e.n_sources || 1));
    how = `min_sources=${max + 1}`;
    expected = 0;
    await page.fill('#f-min-sources', String(max + 1));
    await page.press('#f-min-sources', 'Enter');
  }
  await page.waitForFunction((n) => !document.body.dataset.loading && document.querySelectorAll('#events tbody tr').length === n, expected);
  const rowsAfter = await page.locator('#events tbody tr').allTextContents();
  check(`filter ${how} changes the table's rows`, rowsAfter.length === expected && rowsAfter.join('|') !== rowsBefore.join('|'), `${rowsBefore.length} -> ${rowsAfter.length}`);
  check('the URL keeps the filter', page.url().includes(how.split('=')[0]));
  const pointsAfter = Number(await page.locator('#points').getAttribute('data-count'));
  check('the map follows the filter', pointsAfter <= expected, `${pointsAfter} points`);
  await page.screenshot({ path: join(artifacts, 'filtered.png'), fullPage: true });
  await page.click('#f-reset');
  await page.waitForFunction((n) => !document.body.dataset.loading && document.querySelectorAll('#events tbody tr').length === n, rows0);
  check('reset brings every row back', (await page.locator('#events tbody tr').count()) === rows0);

  // 3. Clicking a point shows the event's sources with the evidence marked in the article.
  // The biggest point is drawn first; click the one of an event with evidence spans.
  const ids = await page.locator('#points circle').evaluateAll((cs) => cs.map((c) => c.dataset.id));
  let clicked = null;
  for (const id of ids) {
    const d = await (await page.request.get(`${base}/api/events/${id}`)).json();
    if ((d.reports || []).some((r) => (r.evidence || []).length)) { clicked = id; break; }
  }
  check('some drawn event has evidence', clicked != null);
  if (clicked != null) {
    await page.locator(`#points circle[data-id="${clicked}"]`).dispatchEvent('click');
    await page.waitForSelector('#detail .article mark');
    const marks = await page.locator('#detail .article mark').allTextContents();
    check('clicking a point shows highlighted evidence', marks.length > 0 && marks.every((m) => m.length > 0), `${marks.length} marks: ${marks.slice(0, 4).map((m) => JSON.stringify(m)).join(', ')}`);
    const selectedRow = await page.locator(`#events tbody tr.selected[data-id="${clicked}"]`).count();
    check('the clicked event is selected in the table', selectedRow === 1);
    // Each mark's words are the evidence text the API gives for that event.
    const d = await (await page.request.get(`${base}/api/events/${clicked}`)).json();
    const evTexts = new Set(d.reports.flatMap((r) => r.evidence.map((e) => e.text)));
    const joined = [...evTexts].join('\u0000');
    check('marks are the evidence words', marks.every((m) => joined.includes(m)));
    await page.screenshot({ path: join(artifacts, 'evidence.png'), fullPage: true });
  }

  // 4. Clicking a table row does the same.
  const row = page.locator('#events tbody tr').nth(rows0 > 1 ? 1 : 0);
  const rowId = await row.getAttribute('data-id');
  await row.click();
  await page.waitForFunction((id) => document.querySelector(`#events tbody tr.selected[data-id="${id}"]`) && document.querySelector('#detail .source, #detail .facts'), rowId);
  check('clicking a row shows the event', (await page.locator('#detail .facts').count()) === 1);

  // 5. French labels.
  await page.click('#lang-fr');
  const label = await page.locator('label span[data-i18n="country"]').textContent();
  check('French interface labels', label === 'Pays' && (await page.locator('html').getAttribute('lang')) === 'fr', label);
  await page.screenshot({ path: join(artifacts, 'dashboard-fr.png'), fullPage: true });

  check('no request left this server', offsite.length === 0, offsite.slice(0, 3).join(', '));
  check('no script error', pageErrors.length === 0, pageErrors.slice(0, 3).join(' | '));
} catch (e) {
  check('browser run', false, e.stack || String(e));
} finally {
  if (context) await context.close().catch(() => {});
  server.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
}
console.log(`screenshots: ${existsSync(artifacts) ? artifacts : '(none)'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
