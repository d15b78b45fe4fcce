// The HTML pages in a real browser at phone and desktop widths: headless Chromium (Debian's,
// driven by playwright-core) loads the pages of several built-in protocols, a comparison page
// in Spanish and a clinic load page, at 320, 390 and 1280 CSS pixels and checks that the page never scrolls
// sideways, that every text of the timeline shown is drawn at least 12 pixels tall, that
// axe-core finds no accessibility violation, and, on a plan's page, that the keyboard reaches
// the timeline's bars and, from one, its day.
//
// Environment: TTPLAN_BIN (the CLI), TTPLAN_SOURCE_DIR (for .deps/npm), optionally
// TTPLAN_CHROMIUM. Exits 77 (a skip for CTest) when chromium or an npm package is missing
// because scripts/deps.sh could not install it, saying which.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const SKIP = 77;
const source = process.env.TTPLAN_SOURCE_DIR;
const bin = process.env.TTPLAN_BIN;
if (!source || !bin) {
  console.error("TTPLAN_SOURCE_DIR and TTPLAN_BIN must be set");
  process.exit(1);
}

function which(name) {
  for (const dir of (process.env.PATH || "").split(":")) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

const chromium = process.env.TTPLAN_CHROMIUM || which("chromium");
if (!chromium) {
  console.log("SKIP: chromium is not installed (scripts/deps.sh test installs it)");
  process.exit(SKIP);
}

const modules = join(source, ".deps", "npm", "node_modules");
const unavailableFile = join(source, ".deps", "npm", "unavailable");
const missing = ["playwright-core", "axe-core"].filter((name) => !existsSync(join(modules, name, "package.json")));
if (missing.length > 0) {
  const unavailable = existsSync(unavailableFile) ? readFileSync(unavailableFile, "utf8") : "";
  if (missing.every((name) => unavailable.includes(name + "@"))) {
    console.log(`SKIP: npm could not install ${missing.join(" and ")} (see ${unavailableFile})`);
    process.exit(SKIP);
  }
  console.error(`${missing.join(" and ")} missing from ${modules}: run \`bash scripts/deps.sh test\``);
  process.exit(1);
}

const require = createRequire(join(modules, "noop.js"));
const { chromium: browserType } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

// The default protocol and the longest built-in one at every width; the default with
// ph_positive=true (targeted therapy, more tentative phases) at a phone's 390 pixels only, as
// each audit of a page of two years of month grids takes about ten seconds. The comparison page
// of the default protocol's branches, in Spanish, at every width: its timeline has a lane group
// per plan and no month grids to link to.
const work = mkdtempSync(join(tmpdir(), "ttplan-browser-"));
const plans = {
  default: { args: [], widths: [320, 390, 1280] },
  "longest (hyper-cvad)": { args: ["hyper-cvad"], widths: [320, 390, 1280] },
  "ph_positive=true": { args: ["--set", "ph_positive=true"], widths: [390] },
  "comparison of branches (es)": { command: "compare", args: ["--branches", "--lang", "es"], widths: [320, 390, 1280] },
};
const pages = {};
for (const [name, plan] of Object.entries(plans)) {
  const path = join(work, name.replace(/[^a-z]+/g, "-") + ".html");
  const command = plan.command ?? "plan";
  execFileSync(bin, [command, ...plan.args, "--start", "2027-01-04", "--format", "html", "-o", path]);
  pages[name] = { url: pathToFileURL(path).href, widths: plan.widths, links: command === "plan", timeline: true };
}
// The clinic load of a small cohort (ttplan load), with a capacity some days exceed: heat maps,
// no timeline.
{
  const cohort = join(work, "cohort.csv");
  writeFileSync(cohort, "id,start,ph_positive\np1,2027-01-04,true\np2,2027-01-11,\np3,2027-01-11,\n");
  const capacity = join(work, "capacity.json");
  writeFileSync(capacity, JSON.stringify({ intrathecal: { mon: 1, wed: 1 }, hospital_beds: 2 }));
  const path = join(work, "load.html");
  execFileSync(bin, ["load", cohort, "--capacity", capacity, "-o", path]);
  pages["clinic load"] = { url: pathToFileURL(path).href, widths: [320, 390, 1280], links: false, timeline: false };
}

const failures = [];
function check(ok, what) {
  if (!ok) failures.push(what);
}

const browser = await browserType.launch({
  executablePath: chromium,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking"],
});
try {
  for (const width of [320, 390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const [name, { url, widths, links, timeline }] of Object.entries(pages)) {
      if (!widths.includes(width)) continue;
      const where = `${name} at ${width}px`;
      const began = Date.now();
      const lap = {};
      await page.goto(url);
      const layout = await page.evaluate(() => {
        const shown = [...document.querySelectorAll("svg.timeline")].filter((svg) => svg.getClientRects().length > 0);
        const texts = [];
        for (const svg of shown) {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          for (const t of svg.querySelectorAll("text")) {
            if (t.getClientRects().length === 0) continue;
            texts.push({ text: t.textContent.slice(0, 40), px: parseFloat(getComputedStyle(t).fontSize) * scale });
          }
        }
        return {
          scrollWidth: document.scrollingElement.scrollWidth,
          innerWidth: window.innerWidth,
          shown: shown.map((svg) => svg.id),
          texts,
          hover: /hover/i.test(document.body.innerText),
        };
      });
      check(layout.scrollWidth <= layout.innerWidth,
            `${where}: the page scrolls sideways (${layout.scrollWidth} > ${layout.innerWidth})`);
      const expected = width < 1232 ? "timeline-svg-narrow" : "timeline-svg";
      if (timeline) {
        check(layout.shown.length === 1 && layout.shown[0] === expected,
              `${where}: shows timeline ${layout.shown.join(", ") || "none"}, expected ${expected}`);
        check(layout.texts.length >= 10, `${where}: only ${layout.texts.length} timeline texts are shown`);
      }
      const small = layout.texts.filter((t) => t.px < 12);
      check(small.length === 0, `${where}: timeline text under 12px: ${JSON.stringify(small.slice(0, 5))}`);
      const minimum = layout.texts.length ? Math.min(...layout.texts.map((t) => t.px)) : 0;
      check(!layout.hover, `${where}: the page asks to hover, which a touch screen cannot`);

      lap.layout = Date.now() - began;
      await page.addScriptTag({ content: axeSource });
      // Every rule over the whole page at 390 pixels. At 320 and 1280 the contrast rule, which
      // takes three quarters of an audit's time, reads all but the months after the second
      // (drawn with the same styles as the first two), so that the suite stays within its budget.
      const violations = await page.evaluate(async (whole) => {
        const tags = { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] };
        const found = [];
        const audit = async (context, options) => {
          const result = await window.axe.run(context, { ...options, resultTypes: ["violations"] });
          found.push(...result.violations);
        };
        if (whole) {
          await audit(document, { runOnly: tags });
        } else {
          await audit(document, { runOnly: tags, rules: { "color-contrast": { enabled: false } } });
          await audit({ exclude: [[".month ~ .month ~ .month"]] }, { runOnly: { type: "rule", values: ["color-contrast"] } });
        }
        return found.map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.length} nodes, e.g. ` +
                                v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(" | "));
      }, width === 390);
      check(violations.length === 0, `${where}: axe-core violations:\n  ${violations.join("\n  ")}`);

      lap.axe = Date.now() - began - lap.layout;
      // The keyboard alone: Tab from the top reaches a bar of the timeline shown, which names
      // its dates, and Enter on it goes to its first day, shown in the month grids.
      if (links) await page.goto(url);
      let focused = null;
      for (let i = 0; links && i < 30 && !focused; ++i) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => {
          const a = document.activeElement;
          if (!a || !a.closest("svg.timeline") || a.tagName.toLowerCase() !== "a") return null;
          return { href: a.getAttribute("href"), name: a.querySelector("title")?.textContent || "" };
        });
      }
      check(!links || focused !== null, `${where}: Tab never reaches a bar of the timeline`);
      if (focused) {
        check(/\d{4}/.test(focused.name), `${where}: the focused bar does not name its dates: ${focused.name}`);
        await page.keyboard.press("Enter");
        await page.waitForFunction((href) => location.hash === href, focused.href, { timeout: 5000 });
        const target = await page.evaluate(() => {
          const t = document.querySelector(":target");
          if (!t) return null;
          const r = t.getBoundingClientRect();
          return { tag: t.tagName.toLowerCase(), height: r.height, top: r.top, text: t.innerText.slice(0, 80) };
        });
        check(target !== null && target.tag === "td" && target.height > 0 && target.top > -2 &&
              target.top < 900, `${where}: Enter on ${focused.href} does not show its day: ${JSON.stringify(target)}`);
      }
      console.log(`${where}: scroll width ${layout.scrollWidth}/${layout.innerWidth}, ${layout.texts.length} ` +
                  `timeline texts, smallest ${minimum.toFixed(1)}px, ${violations.length} axe violations, ` +
                  `keyboard to ${focused ? focused.href : "nothing"} (${JSON.stringify(lap)}, ${Date.now() - began} ms)`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`${failures.length} failures:\n${failures.join("\n")}`);
  process.exit(1);
}
console.log("all checks passed");
