// serve.mjs - `slant serve` in a real browser (Debian's chromium through
// playwright-core), against a server run.sh started on a free loopback port:
//   node serve.mjs CHROMIUM URL OUTDIR ARTICLE SEED(1|0)
// The form page loads under the server's Content-Security-Policy header
// with its style applied; the article is pasted and checked; the report
// page's script runs (so the header's hashes are right), every finding is
// highlighted and listed, and clicking a highlight shows its explanation.
// For the seed article, the expected highlights are there: the
// anonymously sourced report and the conditional threats. A file chosen in
// the file picker is checked as its format. Pasted markup (<script>, an
// <img onerror>) runs nothing in any input format. No dialog opens, no
// console error, no request leaves the server. Screenshots land in OUTDIR
// (serve-seed.png: the annotated article; serve-seed-explained.png: a
// highlight's explanation).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [exe, url, out, articlePath, seedArg] = process.argv.slice(2);
const seed = seedArg === '1';
const article = readFileSync(articlePath, 'utf8');
let failed = 0;
const bad = msg => { console.log(`browser: serve: ${msg}`); failed++; };

const browser = await chromium.launch({
  executablePath: exe,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// a fresh page that records what must not happen
async function fresh() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const trouble = [];
  page.on('dialog', d => { trouble.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
  page.on('pageerror', e => trouble.push(`a script error: ${e.message}`));
  page.on('console', m => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url ?? ''))
      trouble.push(`console: ${m.text()}`);
  });
  page.on('request', r => {
    if (!r.url().startsWith(url)) trouble.push(`a request left the server: ${r.url()}`);
  });
  return { ctx, page, trouble };
}

// checks TEXT as FORMAT through the form; returns facts about the report
async function check(page, text, format) {
  await page.goto(url);
  await page.fill('#text', text);
  await page.selectOption('#format', format);
  await Promise.all([page.waitForNavigation(), page.click('#check')]);
  await page.waitForSelector('html[data-slant-ready="1"]', { timeout: 5000 })
    .catch(() => bad(`${format}: the report page's script did not run (CSP hash?)`));
  return page.evaluate(() => ({
    refs: new Set([...document.querySelectorAll('mark.m')].map(m => m.dataset.ref)).size,
    listed: document.querySelectorAll('li.finding').length,
    rules: [...document.querySelectorAll('li.finding dd code')].map(c => c.textContent),
    injected: document.documentElement.getAttribute('data-injected'),
    scripts: document.scripts.length,
    imgs: document.images.length,
    title: document.title,
    textarea: document.querySelector('#text')?.value ?? '',
  }));
}

try {
  // ---- the form, under the header's policy -------------------------------
  {
    const { ctx, page, trouble } = await fresh();
    const res = await page.goto(url);
    const csp = res.headers()['content-security-policy'] ?? '';
    if (!/default-src 'none'/.test(csp) || !/script-src 'sha256-/.test(csp))
      bad(`the form page's policy: ${csp}`);
    const bg = await page.$eval('form.check', f => getComputedStyle(f).backgroundColor);
    if (bg === 'rgba(0, 0, 0, 0)') bad('the form is unstyled: the style was refused (CSP hash?)');
    for (const sel of ['#text', '#file', '#format', '#check'])
      if (!(await page.$(sel))) bad(`the form has no ${sel}`);
    trouble.forEach(bad);
    await ctx.close();
  }

  // ---- the article: pasted, checked, highlighted, explained --------------
  {
    const { ctx, page, trouble } = await fresh();
    const f = await check(page, article, 'auto');
    if (f.refs === 0) bad('the article has no highlights');
    if (f.refs !== f.listed) bad(`${f.refs} findings highlighted, ${f.listed} listed`);
    if (f.textarea.replace(/\r\n/g, '\n') !== article.replace(/\r\n/g, '\n'))
      bad('the text is not back in the form for another check');
    if (seed) {
      for (const r of ['unnamed-source.anonymously-sourced', 'threat.conditional-retaliation'])
        if (!f.rules.includes(r)) bad(`the seed article lacks a ${r} finding`);
      const mark = page.locator('mark.m.cat-unnamed-source', { hasText: 'anonymously sourced' }).first();
      if (!(await mark.count())) bad('"anonymously sourced" is not highlighted');
      const threat = page.locator('mark.m.cat-threat').first();
      if (!(await threat.count())) bad('no threat is highlighted');
    }
    // the form, the summary and the start of the annotated article
    await page.screenshot({ path: `${out}/serve-seed.png`, fullPage: true,
                            clip: { x: 0, y: 0, width: 1280, height: 2200 } });
    // click the first highlight of the unnamed-source category (any, for a
    // corpus article): the pop-up shows that finding's explanation
    const target = seed
      ? page.locator('mark.m.cat-unnamed-source', { hasText: 'anonymously sourced' }).first()
      : page.locator('mark.m[tabindex]').first();
    const ref = await target.getAttribute('data-ref');
    await page.mouse.move(0, 0);
    await target.scrollIntoViewIfNeeded();
    await target.click();
    const pop = page.locator('#slant-pop');
    await pop.waitFor({ state: 'visible', timeout: 3000 })
      .catch(() => bad('clicking a highlight shows no explanation'));
    const explain = await page.$eval(`li[id="${ref}"] .explain`, e => e.textContent);
    const shown = (await pop.textContent()) ?? '';
    if (!explain || !shown.includes(explain)) bad('the pop-up lacks the finding\'s explanation');
    if (seed && !/anonymously sourced/i.test(shown)) bad('the pop-up is not about the clicked highlight');
    await page.screenshot({ path: `${out}/serve-seed-explained.png` });
    trouble.forEach(bad);
    console.log(`browser: serve: ${seed ? 'the seed article' : articlePath}: ${f.refs} findings highlighted and listed, the explanation shows on a click`);
    await ctx.close();
  }

  // ---- a file from the picker --------------------------------------------
  {
    const { ctx, page, trouble } = await fresh();
    await page.goto(url);
    await page.setInputFiles('#file', {
      name: 'talks.md', mimeType: 'text/markdown',
      buffer: Buffer.from('# Talks\n\nOfficials, speaking on condition of anonymity, said `talks` *failed*.\n'),
    });
    await Promise.all([page.waitForNavigation(), page.click('#check')]);
    const h2 = await page.$eval('section.doc h2', e => e.textContent).catch(() => '');
    if (h2 !== 'talks.md') bad(`an uploaded file is reported as "${h2}", not talks.md`);
    const marks = await page.locator('mark.m').count();
    if (!marks) bad('the uploaded file has no highlights');
    trouble.forEach(bad);
    await ctx.close();
  }

  // ---- pasted markup runs nothing, in every input format -----------------
  const inj = '<script>document.documentElement.setAttribute("data-injected","script")</script>\n' +
    '"><img src=x onerror="document.documentElement.setAttribute(\'data-injected\',\'img\')">\n' +
    '<style>body{display:none}</style>\n' +
    'Officials, speaking on condition of anonymity, said the talks had failed.\n';
  for (const format of ['text', 'markdown', 'html', 'auto']) {
    const { ctx, page, trouble } = await fresh();
    const f = await check(page, inj, format);
    if (f.injected) bad(`${format}: pasted markup ran: data-injected=${f.injected}`);
    if (f.scripts !== 1) bad(`${format}: ${f.scripts} script elements, expected the page's own`);
    if (f.imgs) bad(`${format}: ${f.imgs} img elements`);
    const hidden = await page.evaluate(() => getComputedStyle(document.body).display === 'none');
    if (hidden) bad(`${format}: pasted CSS hid the page`);
    if (f.refs === 0) bad(`${format}: the unnamed source is not highlighted`);
    if (!f.textarea.includes('<script>')) bad(`${format}: the pasted text is not back in the form as text`);
    trouble.forEach(m => bad(`${format}: ${m}`));
    await ctx.close();
  }
  console.log('browser: serve: pasted <script>, <img onerror> and <style> run nothing (text, markdown, html, auto)');
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
