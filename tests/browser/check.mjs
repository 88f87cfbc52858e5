// check.mjs - drives Debian's chromium through playwright-core (which
// downloads no browser) over the reports run.sh wrote:
//   node check.mjs CHROMIUM OUTDIR NAME:FINDINGS...
// For each report: the page's script ran, no dialog opened and no injected
// marker appeared; hovering a highlight shows a pop-up with the rule's
// explanation and advice; every finding is highlighted. For the corpus
// report, sorting the index by a column reorders it. The print stylesheet
// keeps highlights visible without colour. Screenshots land in OUTDIR.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const [exe, out, ...cases] = process.argv.slice(2);
let failed = 0;
const bad = (name, msg) => { console.log(`browser: ${name}: ${msg}`); failed++; };

const browser = await chromium.launch({
  executablePath: exe,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const c of cases) {
    const [name, n] = c.split(':');
    const want = Number(n);
    // a fresh context: its own profile, nothing shared between reports
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const dialogs = [];
    page.on('dialog', d => { dialogs.push(d.message()); d.dismiss(); });
    const requests = [];
    page.on('request', r => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    const url = pathToFileURL(`${out}/${name}.html`).href;
    await page.goto(url);
    await page.waitForSelector('html[data-slant-ready="1"]', { timeout: 5000 })
      .catch(() => bad(name, 'the page script did not run'));
    const facts = await page.evaluate(() => ({
      refs: new Set([...document.querySelectorAll('mark.m')].map(m => m.dataset.ref)).size,
      title: document.title,
      injected: document.documentElement.getAttribute('data-injected'),
      scripts: document.scripts.length,
      imgs: document.images.length,
      hidden: getComputedStyle(document.body).display === 'none',
    }));
    if (facts.refs !== want) bad(name, `${facts.refs} findings highlighted, expected ${want}`);
    if (facts.injected) bad(name, `injected code ran: data-injected=${facts.injected}`);
    if (/INJECTED|RULE/.test(facts.title)) bad(name, `the title was changed: ${facts.title}`);
    if (facts.scripts !== 1) bad(name, `${facts.scripts} script elements, expected 1`);
    if (facts.imgs !== 0) bad(name, `${facts.imgs} img elements, expected none`);
    if (facts.hidden) bad(name, 'injected CSS hid the page');
    await page.screenshot({ path: `${out}/${name}-page.png` });

    if (want > 0) {
      // hover the first highlight of the last finding: its details appear
      const ref = await page.evaluate(() => {
        const m = [...document.querySelectorAll('mark.m[tabindex]')];
        return m[m.length - 1].dataset.ref;
      });
      const mark = page.locator(`mark.m[data-ref="${ref}"][tabindex]`);
      await mark.scrollIntoViewIfNeeded();
      await mark.hover();
      const pop = page.locator('#slant-pop');
      await pop.waitFor({ state: 'visible', timeout: 3000 })
        .catch(() => bad(name, 'hovering a highlight shows no pop-up'));
      const expect = await page.evaluate(r => {
        const li = document.getElementById(r);
        return { explain: li.querySelector('.explain')?.textContent ?? '',
                 advice: li.querySelector('.advice')?.textContent ?? '' };
      }, ref);
      const text = await pop.textContent();
      if (!text.includes(expect.explain)) bad(name, 'the pop-up lacks the explanation');
      if (!text.includes(expect.advice)) bad(name, 'the pop-up lacks the advice');
      await page.screenshot({ path: `${out}/${name}-hover.png` });
      await page.keyboard.press('Escape');
      if (await pop.isVisible()) bad(name, 'Escape does not close the pop-up');
    }

    if (name === 'corpus') {
      const col = async i => page.$$eval('table.docs tbody tr', (rows, k) =>
        rows.map(r => Number(r.cells[k].dataset.v)), i);
      await page.click('table.docs thead th:nth-child(2) button');
      const up = await col(1);
      await page.click('table.docs thead th:nth-child(2) button');
      const down = await col(1);
      const sorted = (a, s) => a.every((v, i) => i === 0 || s * (v - a[i - 1]) >= 0);
      if (up.length < 2) bad(name, `the index lists ${up.length} documents`);
      if (!sorted(up, 1) || !sorted(down, -1)) bad(name, `sorting by index failed: ${up} / ${down}`);
    }

    // printed in black and white: no backgrounds, underlines stay
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => {
      const m = document.querySelector('mark.m');
      if (!m) return null;
      const s = getComputedStyle(m);
      return { bg: s.backgroundColor, border: s.borderBottomStyle, colour: s.borderBottomColor };
    });
    if (print && (print.bg !== 'rgba(0, 0, 0, 0)' || print.border === 'none' ||
                  print.colour !== 'rgb(0, 0, 0)'))
      bad(name, `printed highlights are not black underlines: ${JSON.stringify(print)}`);
    if (name === 'seed') {
      await page.screenshot({ path: `${out}/${name}-print.png` });
      await page.pdf({ path: `${out}/${name}.pdf` }).catch(() => {});
    }
    if (dialogs.length) bad(name, `a dialog opened: ${dialogs.join(', ')}`);
    if (requests.length) bad(name, `the page fetched: ${requests.join(', ')}`);
    console.log(`browser: ${name}: checked in playwright (hover, print${name === 'corpus' ? ', sort' : ''})`);
    await ctx.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
