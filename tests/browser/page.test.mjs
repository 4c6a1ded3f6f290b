// whosaid's web page as a reader uses it, in headless Chromium, against the server that
// run.sh starts over examples/articles and the hostile fixtures. Every page is also
// photographed at desktop and phone width into $WHOSAID_SCREENSHOTS.

import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.WHOSAID_URL;
const SHOTS = process.env.WHOSAID_SCREENSHOTS;
const ROOT = process.env.WHOSAID_FIXTURES ?? path.resolve('../..');
if (!BASE) throw new Error('WHOSAID_URL is not set: run tests/browser/run.sh');

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

let browser;
let profile;
let context;
let page;
let problems; // uncaught errors, console errors (a CSP refusal is one), dialogs

before(async () => {
  // A fresh profile, and no background traffic: the machine has no network but loopback.
  profile = await mkdtemp(path.join(tmpdir(), 'whosaid-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.WHOSAID_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: DESKTOP,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  browser = context;
});

after(async () => {
  await browser?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

beforeEach(async () => {
  problems = [];
  page = await context.newPage();
  await page.setViewportSize(DESKTOP);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // An answer of 400 or 404 that the page shows as a message is logged by Chromium too;
    // any other error (a refusal by the Content-Security-Policy, a failing script) counts.
    const text = message.text();
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 40[04]/.test(text)) {
      problems.push(`console error: ${text}`);
    }
  });
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
});

afterEach(async () => {
  // Nothing the data carried ran, and the page itself broke no rule of its own policy.
  const pwned = await page.evaluate(() => typeof window.__pwned).catch(() => 'unknown');
  await page.close();
  assert.equal(pwned, 'undefined', 'a script from the data ran');
  assert.deepEqual(problems, []);
});

/** Open `address` and wait until its view has finished drawing. */
async function open(address) {
  await page.goto(new URL(address, BASE).href);
  await settled();
}

async function settled() {
  await page.waitForSelector('main .view');
  await page.waitForFunction(() => !document.querySelector('main').hasAttribute('aria-busy'));
}

/** Desktop and phone screenshots of the current page; at phone width nothing may stick out sideways. */
async function photograph(name) {
  // A value the page forgot to turn into words would show as such.
  const stray = await page.locator('main').evaluate((main) => main.innerText.match(/\b(null|undefined|NaN)\b|\[object \w+\]/)?.[0] ?? null);
  assert.equal(stray, null, `${name}: the page shows a stray value`);
  if (!SHOTS) return;
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(150); // the timeline redraws on resize
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: the page is ${overflow}px wider than a phone`);
  await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

/** The API's JSON, fetched as the page would. */
function api(address) {
  return page.evaluate(async (url) => (await fetch(url)).json(), address);
}

async function cards() {
  return page.$$eval('ol.cards > li.card', (items) => items.map((card) => ({
    quote: card.querySelector('blockquote').textContent,
    speaker: card.querySelector('.speaker')?.textContent ?? null,
    kind: card.querySelector('.kind')?.textContent ?? null,
    day: card.querySelector('time')?.getAttribute('datetime') ?? null,
    outlet: card.querySelector('.outlet')?.textContent ?? null,
    article: card.querySelector('.quote-link').getAttribute('href'),
  })));
}

async function submitSearch(fields) {
  for (const [name, value] of Object.entries(fields)) {
    const control = page.locator(`#${name}`);
    if (await control.evaluate((el) => el.tagName === 'SELECT')) await control.selectOption(value);
    else await control.fill(value);
  }
  await page.getByRole('button', { name: 'Search' }).click();
  await settled();
}

test('search shows statement cards, and each filter narrows them', async () => {
  await open('/');
  const all = await cards();
  assert.ok(all.length >= 10, `only ${all.length} cards`);
  for (const card of all) {
    assert.ok(card.quote.trim().length > 0);
    assert.match(card.article, /^\/articles\/\d+\?statement=\d+$/);
  }
  await photograph('search');

  await submitSearch({ speaker: 'Vladimir Putin' });
  assert.match(page.url(), /speaker=Vladimir\+Putin/);
  const putin = await cards();
  assert.ok(putin.length > 0 && putin.length < all.length);
  assert.ok(putin.every((c) => c.speaker === 'Vladimir Putin'), JSON.stringify(putin));

  await submitSearch({ speaker: '', kind: 'indirect' });
  const indirect = await cards();
  assert.ok(indirect.length > 0);
  assert.ok(indirect.every((c) => c.kind === 'indirect'));

  await submitSearch({ kind: '', since: '2025-03-01', until: '2025-05-31' });
  const spring = await cards();
  assert.ok(spring.length > 0);
  assert.ok(spring.every((c) => c.day >= '2025-03-01' && c.day <= '2025-05-31'), JSON.stringify(spring));
  assert.ok(spring.length < all.length);

  const outlet = spring.find((c) => c.outlet)?.outlet;
  assert.ok(outlet, 'a card names its outlet');
  await submitSearch({ since: '', until: '', outlet });
  const fromOutlet = await cards();
  assert.ok(fromOutlet.length > 0 && fromOutlet.every((c) => c.outlet === outlet));

  await submitSearch({ outlet: '', order: 'newest' });
  const newest = (await cards()).map((c) => c.day);
  assert.deepEqual(newest, [...newest].sort().reverse());

  await submitSearch({ order: '', q: 'pragmatic' });
  const found = await cards();
  assert.ok(found.length > 0);
  assert.ok(found.every((c) => /pragmatic/i.test(c.quote)));
  assert.ok(await page.locator('ol.cards mark.match').count() > 0, 'the matched word is marked');

  // A malformed query says why, in the page.
  await submitSearch({ q: 'war AND (' });
  const error = page.getByRole('alert');
  assert.match(await error.textContent(), /\S{3,}/);
  assert.equal(await page.locator('ol.cards > li').count(), 0);
});

test('search pages through results, and a page of results survives a reload', async () => {
  await open('/?limit=3');
  const first = await cards();
  assert.equal(first.length, 3);
  await page.getByRole('link', { name: /Next/ }).click();
  await settled();
  assert.match(page.url(), /offset=3/);
  const second = await cards();
  assert.equal(second.length, 3);
  assert.ok(second.every((c) => !first.some((f) => f.quote === c.quote)), 'page 2 repeats page 1');
  await page.reload();
  await settled();
  assert.deepEqual(await cards(), second);
  await page.goBack();
  await settled();
  assert.deepEqual(await cards(), first);
});

test('a speaker page shows their statements per week as a timeline', async () => {
  await open('/?speaker=Helena+Strand');
  await page.locator('ol.cards .speaker', { hasText: 'Helena Strand' }).first().click();
  await page.waitForURL(/\/speakers\/Helena%20Strand$/);
  await settled();
  assert.equal(await page.locator('h1').textContent(), 'Helena Strand');

  const profile = await api('/api/speakers/Helena%20Strand');
  assert.ok(profile.weeks.length >= 2, 'the fixtures quote her in two different weeks');
  const bars = await page.$$eval('svg.timeline-chart rect.bar', (rects) => rects.map((r) => ({
    week: r.dataset.week, statements: Number(r.dataset.statements), height: Number(r.getAttribute('height')),
  })));
  // One bar per week from the first to the last, the weeks without statements empty.
  const first = Date.parse(profile.weeks[0].week);
  const last = Date.parse(profile.weeks.at(-1).week);
  assert.equal(bars.length, (last - first) / (7 * 86400000) + 1);
  for (const week of profile.weeks) {
    const bar = bars.find((b) => b.week === week.week);
    assert.equal(bar?.statements, week.statements, week.week);
    assert.ok(bar.height > 0);
  }
  assert.equal(bars.filter((b) => b.height > 0).length, profile.weeks.length);
  const tallest = Math.max(...bars.map((b) => b.height));
  const most = Math.max(...profile.weeks.map((w) => w.statements));
  assert.ok(bars.filter((b) => b.statements === most).every((b) => b.height === tallest));
  assert.ok(await page.locator('ol.cards > li.card').count() > 0, 'her most reported statements');
  await photograph('speaker');

  // A deep link works on reload.
  await page.reload();
  await settled();
  assert.equal(await page.locator('svg.timeline-chart rect.bar').count(), bars.length);
});

test('an article highlights each quotation in its speaker colour, cue and source on focus', async () => {
  await open('/?q=pragmatic&speaker=Vladimir+Putin');
  const [card] = await cards();
  const id = card.article.match(/\/articles\/(\d+)/)[1];
  const article = await api(`/api/articles/${id}`);
  await page.locator('.quote-link').first().click();
  await page.waitForURL(/\/articles\/\d+\?statement=\d+$/);
  await settled();
  // The click left the pointer over the text, where pointing at a highlight shows it too:
  // park it in the header so that only focus decides below.
  await page.mouse.move(5, 5);
  assert.equal(await page.locator('h1').textContent(), article.headline);

  const inBody = article.quotes.filter((q) => q.content_span);
  const marks = page.locator('.article-text mark.quote');
  assert.equal(await marks.count(), inBody.length);
  // The text shown is the body, word for word.
  assert.equal(await page.locator('.article-text').textContent(), article.body);

  const painted = await marks.evaluateAll((all) => all.map((m) => ({
    speaker: m.dataset.speaker, colour: getComputedStyle(m).backgroundColor, text: m.textContent,
    narration: [...m.querySelectorAll('.narration')].map((n) => ({
      text: n.textContent, colour: getComputedStyle(n).backgroundColor,
    })),
  })));
  const colourOf = new Map();
  for (const mark of painted) {
    if (!colourOf.has(mark.speaker)) colourOf.set(mark.speaker, mark.colour);
    assert.equal(mark.colour, colourOf.get(mark.speaker), `${mark.speaker} has two colours`);
  }
  assert.ok(colourOf.size >= 2, 'the article quotes several speakers');
  assert.equal(new Set(colourOf.values()).size, colourOf.size, 'two speakers share a colour');
  // Each highlight runs from the quotation's first word to its last; in an interrupted
  // one (“…,” Putin said. “…”) the narration between the parts is left unpainted, so what
  // is painted is the speaker's words, the statement's content.
  const bytes = new TextEncoder().encode(article.body);
  const slice = ([start, end]) => new TextDecoder().decode(bytes.slice(start, end));
  assert.deepEqual(painted.map((m) => m.text).sort(), inBody.map((q) => slice(q.content_span)).sort());
  const spoken = (m) => m.narration.reduce((text, n) => text.replace(n.text, ' … '), m.text);
  assert.deepEqual(painted.map(spoken).sort(), inBody.map((q) => q.content).sort());
  const narration = painted.flatMap((m) => m.narration);
  assert.ok(narration.some((n) => n.text === ' Putin said. '), JSON.stringify(narration));
  for (const n of narration) assert.equal(n.colour, 'rgb(255, 255, 255)', `${n.text} is painted`);

  // The card's statement has focus; its speaker, cue and source are shown beside the text.
  const focused = await page.evaluate(() => document.activeElement.dataset.statement);
  assert.equal(focused, card.article.split('statement=')[1]);
  const withCue = inBody.findIndex((q) => q.cue && q.source);
  await marks.nth(withCue).focus();
  const quote = inBody[withCue];
  const detail = page.locator('.quote-detail');
  assert.equal(await detail.locator('.detail-cue').textContent(), quote.cue);
  assert.equal(await detail.locator('.detail-source').textContent(), quote.source);
  assert.match(await detail.locator('.detail-speaker').textContent(), new RegExp(quote.speaker));
  const active = await page.$$eval('.article-text .active', (els) => els.map((e) => [e.className, e.textContent]));
  assert.ok(active.some(([cls, text]) => cls.includes('cue') && text === quote.cue), JSON.stringify(active));
  assert.ok(active.some(([cls, text]) => cls.includes('source') && text === quote.source), JSON.stringify(active));
  await photograph('article');
});

test('the analyze page reads a pasted article, as text or as HTML', async () => {
  await open('/analyze');
  const text = await readFile(path.join(ROOT, 'examples/articles/written-harbour-strike.txt'), 'utf8');
  await page.getByLabel('Article (plain text or HTML)').fill(text);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.waitForSelector('table.quotes');
  const rows = await page.$$eval('table.quotes tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const record = await page.evaluate(async (body) => (await fetch('/api/analyze', {
    method: 'POST', headers: { 'content-type': 'text/plain' }, body,
  })).json(), text.replace(/\r\n/g, '\n'));
  assert.equal(rows.length, record.quotes.length);
  assert.ok(rows.some(([speaker]) => speaker === 'Ida Brekke'), JSON.stringify(rows));
  assert.equal(await page.locator('.article-text mark.quote').count(), record.quotes.length);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'analysis-heading');
  await photograph('analyze');

  const html = await readFile(path.join(ROOT, 'examples/articles/written-council-vote.html'), 'utf8');
  await page.getByLabel('Article (plain text or HTML)').fill(html);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.waitForFunction(() => document.querySelector('#analysis-heading')?.textContent.includes('bridge'));
  const speakers = await page.$$eval('table.quotes tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
  assert.ok(speakers.includes('Helena Strand'), JSON.stringify(speakers));
  // The markup is read, not shown: the text is the article's body.
  assert.ok(!(await page.locator('.article-text').textContent()).includes('<p>'));

  await page.getByLabel('Article (plain text or HTML)').fill('   ');
  await page.getByRole('button', { name: 'Analyze' }).click();
  assert.match(await page.getByRole('alert').textContent(), /Paste an article/);
});

test('hostile text shows its markup as words and runs nothing', async () => {
  // The scraped text page: quotations holding <b> and <script> text.
  await open('/?q=angle+brackets');
  const [card] = await cards();
  assert.ok(card, 'the hostile quote is found');
  assert.match(card.quote, /<b>bold<\/b>/);
  assert.equal(await page.locator('ol.cards b, ol.cards script').count(), 0);
  await page.locator('.quote-link').first().click();
  await settled();
  await photograph('hostile-text');
  const body = await page.locator('.article-text').textContent();
  assert.ok(body.includes('<script>window.__pwned=true</script>'), body);
  assert.ok(body.includes("<script>alert('pwned')</script>"));
  assert.equal(await page.locator('main script, main b, main img').count(), 0);
  const quotes = await page.$$eval('.article-text mark.quote', (ms) => ms.map((m) => m.textContent));
  assert.ok(quotes.some((q) => q.includes('<b>bold</b>')), JSON.stringify(quotes));
  assert.ok(quotes.some((q) => q.includes("<script>alert('pwned')</script>")), JSON.stringify(quotes));

  // The HTML page: its own <script> and onerror were dropped by the reader; what its
  // readers saw as text (&lt;img …&gt;) is text here too, headline included.
  await open('/?q=comment+box');
  await page.locator('.quote-link').first().click();
  await settled();
  await photograph('hostile-html');
  assert.equal(await page.locator('h1').textContent(), 'Town web team finds <script> tags in reader comments');
  const page2 = await page.locator('.article-text').textContent();
  assert.ok(page2.includes('<img src=x onerror=window.__pwned=1>'), page2);
  assert.ok(page2.includes('<script>window.__pwned=true</script>'));
  assert.equal(await page.locator('main script, main img, main b').count(), 0);
  const marks = await page.$$eval('.article-text mark.quote', (ms) => ms.map((m) => m.textContent));
  assert.ok(marks.some((q) => q.includes('<img src=x onerror=alert(1)>')), JSON.stringify(marks));

  // Pasted, the same page with its live <script> and onerror runs nothing either.
  await open('/analyze');
  const html = await readFile(path.join(ROOT, 'tests/browser/fixtures/hostile-markup.html'), 'utf8');
  await page.getByLabel('Article (plain text or HTML)').fill(html);
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.waitForSelector('table.quotes');
  assert.ok((await page.locator('table.quotes').textContent()).includes('<script>window.__pwned=true</script>'));
  await page.waitForTimeout(300); // time for an image error handler, were one ever inserted
});

test('the keyboard reaches the search field and the results, and Enter opens a card', async () => {
  await open('/');
  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
  let presses = 0;
  while ((await focusedId()) !== 'q') {
    await page.keyboard.press('Tab');
    assert.ok(++presses < 15, 'Tab never reached the search field');
  }
  // Focus is visible: the browser draws an outline on it.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await page.keyboard.type('war');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\?q=war/);
  await settled();
  assert.equal(await focusedId(), 'q', 'focus stays in the field after a search');
  const expected = (await cards())[0];
  assert.ok(expected, 'the search finds something');
  presses = 0;
  while (!(await page.evaluate(() => document.activeElement?.classList.contains('quote-link')))) {
    await page.keyboard.press('Tab');
    assert.ok(++presses < 30, 'Tab never reached a result');
  }
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), expected.article);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname + url.search === expected.article);
  await settled();
  // The statement's highlight has focus, so its details show at once.
  assert.ok(await page.evaluate(() => document.activeElement.matches('mark.quote')));
  assert.notEqual(await page.locator('.quote-detail .detail-cue').count(), 0);
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.matches('mark.quote, a')), 'Tab moves on from the highlight');
});

test('other pages: the speakers list and an unknown address', async () => {
  await open('/speakers');
  const rows = await page.locator('table.speakers tbody tr').count();
  assert.ok(rows >= 5);
  await photograph('speakers');
  await open('/articles/99999');
  assert.match(await page.getByRole('alert').textContent(), /no article/);
  await open('/no/such/page');
  assert.equal(await page.locator('h1').textContent(), 'No such page');
});
