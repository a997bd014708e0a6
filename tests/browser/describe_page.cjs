// Opens describe pages in headless Chromium (over the DevTools protocol, through playwright-core)
// with the network blocked and checks what a person would: the page loads without console errors,
// no request leaves the file, there is one node per resource of the template and one per state of
// its state machines, clicking a node shows its details, no two labels overlap, and the printed
// version renders. Saves light and dark screenshots.
//
//   node describe_page.cjs --modules DIR --chromium PATH --shots DIR NAME=PAGE.html=TEMPLATE.json...
'use strict';
const fs = require('fs');
const path = require('path');

function parseArgs(argv) {
  const opts = {pages: []};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--modules') opts.modules = argv[++i];
    else if (argv[i] === '--chromium') opts.chromium = argv[++i];
    else if (argv[i] === '--shots') opts.shots = argv[++i];
    else {
      const [name, page, template] = argv[i].split('=');
      opts.pages.push({name, page, template});
    }
  }
  return opts;
}

// States of an ASL definition, nested branches and item processors included.
function countStates(definition) {
  let count = 0;
  const todo = [definition];
  while (todo.length) {
    const scope = todo.pop();
    for (const state of Object.values(scope.States || {})) {
      count++;
      for (const b of state.Branches || []) todo.push(b);
      if (state.ItemProcessor) todo.push(state.ItemProcessor);
      if (state.Iterator) todo.push(state.Iterator);
    }
  }
  return count;
}

function expectations(templateFile) {
  const t = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
  const resources = Object.keys(t.Resources);
  let states = 0;
  for (const r of Object.values(t.Resources)) {
    if (r.Type !== 'AWS::StepFunctions::StateMachine') continue;
    let d = r.Properties.DefinitionString;
    if (d && d['Fn::Sub']) d = Array.isArray(d['Fn::Sub']) ? d['Fn::Sub'][0] : d['Fn::Sub'];
    states += countStates(typeof d === 'string' ? JSON.parse(d) : r.Properties.Definition);
  }
  return {resources, states};
}

const failures = [];
function check(ok, message) {
  if (!ok) failures.push(message);
  return ok;
}

async function examine(browser, spec, shots) {
  const want = expectations(spec.template);
  const context = await browser.newContext({viewport: {width: 1400, height: 900}, offline: true});
  const outside = [];
  // Every request that is not the file itself is blocked and remembered.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === 'file://' + spec.page) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    if (r.url() !== 'file://' + spec.page) outside.push(r.url());
  });
  await page.goto('file://' + spec.page, {waitUntil: 'load'});

  const resourceNodes = await page.locator('svg#g-res g.node.res').count();
  check(resourceNodes === want.resources.length,
        `${spec.name}: ${resourceNodes} resource nodes, the template has ${want.resources.length} resources`);
  const titles = await page.locator('svg#g-res g.node.res > title').allTextContents();
  for (const id of want.resources) {
    check(titles.some((t) => t.startsWith(id + ' (')), `${spec.name}: no node for resource ${id}`);
  }
  const stateNodes = await page.locator('svg.graph g.node.state').count();
  check(stateNodes === want.states, `${spec.name}: ${stateNodes} state nodes, the definitions have ${want.states} states`);

  // Clicking a resource node shows its properties; clicking a state shows its definition.
  const firstId = want.resources[0];
  await page.locator('svg#g-res g.node.res').first().click();
  const detail = page.locator('#resources .detail.shown');
  check(await detail.count() === 1, `${spec.name}: clicking a resource shows no detail`);
  if (await detail.count() === 1) {
    check((await detail.locator('h3').textContent()).trim() === firstId,
          `${spec.name}: the detail shown is not ${firstId}'s`);
    check(await detail.locator('pre.json').isVisible(), `${spec.name}: the detail shows no properties`);
  }
  if (want.states > 0) {
    const state = page.locator('svg.graph g.node.state').first();
    const name = (await state.locator('title').textContent()).replace(/ \(.*$/, '');
    await state.click();
    const shown = page.locator('#machines .detail.shown');
    check(await shown.count() === 1 && (await shown.locator('h3').textContent()).trim() === name,
          `${spec.name}: clicking state '${name}' does not show its definition`);
  }

  // No two labels overlap, and every node's text stays inside its box (SVG user units).
  const overlaps = await page.evaluate(() => {
    const found = [];
    for (const svg of document.querySelectorAll('svg.graph')) {
      const boxes = [];
      for (const text of svg.querySelectorAll('text')) {
        const b = text.getBBox();
        if (b.width === 0) continue;
        boxes.push({b, text: text.textContent, node: text.closest('.node')});
        const node = text.closest('.node');
        const cluster = text.closest('.cluster');
        if (cluster) {
          const r = cluster.querySelector('rect').getBBox();
          if (b.x < r.x - 0.5 || b.x + b.width > r.x + r.width + 0.5)
            found.push(`${svg.id}: cluster label '${text.textContent}' sticks out of its box`);
        }
        if (node) {
          const r = node.querySelector('rect.box').getBBox();
          if (b.x < r.x - 0.5 || b.x + b.width > r.x + r.width + 0.5)
            found.push(`${svg.id}: '${text.textContent}' sticks out of its box`);
        }
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].b, c = boxes[j].b;
          if (a.x + 1 < c.x + c.width && c.x + 1 < a.x + a.width && a.y + 1 < c.y + c.height && c.y + 1 < a.y + a.height)
            found.push(`${svg.id}: '${boxes[i].text}' overlaps '${boxes[j].text}'`);
        }
      }
    }
    return found;
  });
  for (const o of overlaps.slice(0, 20)) check(false, `${spec.name}: ${o}`);

  // Screenshots: the top of the page (the resource graph) and the first state machine, light and dark.
  // The sticky navigation bar would cover part of an element scrolled into view.
  await page.evaluate(() => { document.querySelector('nav').style.position = 'static'; });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({colorScheme: scheme});
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({path: path.join(shots, `${spec.name}-${scheme}.png`)});
    const machine = page.locator('article.machine').first();
    if (await machine.count()) await machine.screenshot({path: path.join(shots, `${spec.name}-machine-${scheme}.png`)});
  }
  await page.emulateMedia({colorScheme: 'light', media: 'print'});
  const pdf = await page.pdf({format: 'A4', printBackground: false});
  check(pdf.length > 1000, `${spec.name}: printing gives no PDF`);
  fs.writeFileSync(path.join(shots, `${spec.name}.pdf`), pdf);

  for (const p of problems) check(false, `${spec.name}: ${p}`);
  for (const u of outside) check(false, `${spec.name}: a request left the file: ${u}`);
  console.log(`${spec.name}: ${resourceNodes} resources, ${stateNodes} states, ${overlaps.length} overlaps, ` +
              `${problems.length} console problems, ${outside.length} outside requests`);
  await context.close();
}

(async () => {
  const opts = parseArgs(process.argv.slice(2));
  const {chromium} = require(path.join(opts.modules, 'playwright-core'));
  fs.mkdirSync(opts.shots, {recursive: true});
  // playwright gives every launch a fresh temporary profile (its own --user-data-dir).
  const browser = await chromium.launch({
    executablePath: opts.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run'],
  });
  try {
    for (const spec of opts.pages) await examine(browser, spec, opts.shots);
  } finally {
    await browser.close();
  }
  if (failures.length) {
    for (const f of failures) console.error('FAIL: ' + f);
    process.exit(1);
  }
  console.log('ok');
})().catch((e) => {
  console.error('FAIL: ' + (e && e.stack || e));
  process.exit(1);
});
