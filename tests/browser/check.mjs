// Opens a tolok HTML report in Debian's Chromium, as a reader would open it from a USB stick,
// and checks what a person cannot see by looking: that the page fetches nothing, runs nothing,
// logs no error, and shows user text as text. Then it takes a full-page screenshot for a
// person to look at.
//
//   node check.mjs <report.html> <screenshot.png> [--expect <file>]
//
// `--expect` names a file of strings, one a line, that must each appear literally in the
// page's visible text (tests/fixtures/hostile/visible.txt: the hostile strings).
// Prints one line per check and `N passed, 0 failed`; exits 1 when any check fails and 2
// when the browser cannot be started or the arguments are wrong.

import { readFileSync, existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

// Debian's package (scripts/browser-deps.sh installs it); Playwright's own download is never used.
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
// Without the background-networking flags Chromium phones home at start, and on a closed
// network those refused connections are noise; none of them is the report's doing.
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const VIEWPORT = { width: 1280, height: 900 };

function usage(message) {
  console.error(`check.mjs: ${message}`);
  console.error("usage: node check.mjs <report.html> <screenshot.png> [--expect <file>]");
  process.exit(2);
}

function parseArgs(argv) {
  const positional = [];
  let expectFile = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--expect") {
      expectFile = argv[++i] ?? usage("--expect needs a file");
    } else if (argv[i].startsWith("--")) {
      usage(`unknown option ${argv[i]}`);
    } else {
      positional.push(argv[i]);
    }
  }
  if (positional.length !== 2) usage("expected a report and a screenshot path");
  const [html, screenshot] = positional.map((p) => resolve(p));
  if (!existsSync(html)) usage(`no such file: ${html}`);
  let expected = [];
  if (expectFile !== null) {
    if (!existsSync(expectFile)) usage(`no such file: ${expectFile}`);
    expected = readFileSync(expectFile, "utf8")
      .split("\n")
      .map((line) => line.replace(/\r$/, ""))
      .filter((line) => line.length > 0);
  }
  return { html, screenshot, expected };
}

// A request the page may make: the report itself, or data it carries inline.
function isLocal(url) {
  return url.startsWith("file:") || url.startsWith("data:");
}

async function inspect(page) {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    const handlers = [];
    for (const el of all) {
      for (const attr of el.attributes) {
        if (attr.name.toLowerCase().startsWith("on")) {
          handlers.push(`<${el.localName} ${attr.name}="${attr.value}">`);
        }
      }
    }
    // Browsers ignore leading spaces and control characters in a URL, and the scheme's case.
    const scriptLinks = [...document.querySelectorAll("[href], [src], [action], [formaction]")]
      .flatMap((el) =>
        ["href", "src", "action", "formaction", "xlink:href"]
          .map((name) => el.getAttribute(name))
          .filter((v) => v !== null)
          .map((v) => v.replace(/^[\u0000-\u0020]+/, "").toLowerCase()),
      )
      .filter((v) => v.replace(/[\t\n\r]/g, "").startsWith("javascript:"));
    const csp = document.querySelector('meta[http-equiv="Content-Security-Policy" i]');
    const styles = [...document.querySelectorAll("style")];
    return {
      pwned: typeof window.__pwned === "undefined" ? "undefined" : String(window.__pwned),
      scripts: document.querySelectorAll("script").length,
      handlers,
      scriptLinks,
      csp: csp ? csp.getAttribute("content") : null,
      // A style sheet the policy refused has no rules, and the page would look unstyled.
      styleRules: styles.map((s) => (s.sheet ? s.sheet.cssRules.length : 0)),
      text: document.body ? document.body.innerText : "",
      headings: document.querySelectorAll("h1, h2").length,
    };
  });
}

async function main() {
  const { html, screenshot, expected } = parseArgs(process.argv.slice(2));
  const url = pathToFileURL(html).href;

  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      timeout: 60_000,
    });
  } catch (error) {
    console.error(`check.mjs: cannot start ${CHROMIUM} (run scripts/browser-deps.sh): ${error.message}`);
    process.exit(2);
  }

  const outside = new Set();
  const failedLocal = [];
  const consoleErrors = [];
  const pageErrors = [];
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    // Record every request that would leave the machine, and stop it before it does.
    await context.route("**/*", (route) => {
      const requestUrl = route.request().url();
      if (isLocal(requestUrl)) return route.continue();
      outside.add(requestUrl);
      return route.abort("blockedbyclient");
    });
    const page = await context.newPage();
    page.on("request", (request) => {
      if (!isLocal(request.url())) outside.add(request.url());
    });
    page.on("requestfailed", (request) => {
      if (isLocal(request.url())) failedLocal.push(`${request.url()}: ${request.failure()?.errorText}`);
    });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => pageErrors.push(error.message));

    const response = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    // Let anything the page might start after `load` (timers, lazy images) show itself.
    await page.waitForTimeout(500);
    const found = await inspect(page);
    await page.screenshot({ path: screenshot, fullPage: true });

    const missing = expected.filter((s) => !found.text.includes(s));
    const checks = [
      ["page loaded", response === null || response.ok(), `${url}`],
      ["no request leaves the machine", outside.size === 0, [...outside].join("\n  ")],
      ["no local request failed", failedLocal.length === 0, failedLocal.join("\n  ")],
      ["no console error", consoleErrors.length === 0, consoleErrors.join("\n  ")],
      ["no page error", pageErrors.length === 0, pageErrors.join("\n  ")],
      ["window.__pwned is undefined", found.pwned === "undefined", `window.__pwned = ${found.pwned}`],
      ["no <script> element", found.scripts === 0, `${found.scripts} <script> element(s)`],
      ["no on* attribute", found.handlers.length === 0, found.handlers.join("\n  ")],
      ["no javascript: link", found.scriptLinks.length === 0, found.scriptLinks.join("\n  ")],
      ["Content-Security-Policy meta present", found.csp !== null, "no <meta http-equiv=Content-Security-Policy>"],
      [
        "inline style applied",
        found.styleRules.length > 0 && found.styleRules.every((n) => n > 0),
        `rules per <style>: [${found.styleRules.join(", ")}]`,
      ],
      ["report has headings", found.headings > 0, "no <h1> or <h2>: the page rendered empty"],
    ];
    if (expected.length > 0) {
      checks.push([
        `${expected.length} expected string(s) visible as text`,
        missing.length === 0,
        `not in document.body.innerText:\n  ${missing.map((s) => JSON.stringify(s)).join("\n  ")}`,
      ]);
    }

    let passed = 0;
    let failed = 0;
    for (const [name, ok, detail] of checks) {
      if (ok) {
        passed++;
        console.log(`ok   ${name}`);
      } else {
        failed++;
        console.log(`FAIL ${name}\n  ${detail}`);
      }
    }
    console.log(`screenshot: ${screenshot}`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    await browser.close();
  }
}

await main();
