// Inertness checks for e2e/xss.spec.ts. The payloads call window.__xss(id) or alert(): a page
// armed here counts both, records CSP violations caused by injected code, and inspects the DOM
// for anything a payload could have turned into code (event-handler attributes, script URLs,
// frames, injected scripts). HTML that is not a live app page (an email, or a page's DOM
// replayed without its Content-Security-Policy) is loaded into a sandbox page with the same hooks.
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

export interface Hits {
  list: string[];
}

/** Installs the hooks on every page of the context; returns the list that collects executions. */
export async function armContext(context: BrowserContext): Promise<Hits> {
  const hits: Hits = { list: [] };
  await context.exposeBinding("__xssHit", (_source, what: string) => void hits.list.push(what));
  await context.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __xssHit: (s: string) => void };
    w.__xss = (id: unknown) => w.__xssHit(`__xss(${String(id)})`);
    // A payload blocked by the CSP still tried: a violation whose sample names the payload counts.
    document.addEventListener("securitypolicyviolation", (e) => {
      if (/__xss|alert|atob/.test(e.sample)) w.__xssHit(`csp:${e.violatedDirective}:${e.sample}`);
    });
  });
  context.on("page", (p) => armDialogs(p, hits));
  for (const p of context.pages()) armDialogs(p, hits);
  return hits;
}

function armDialogs(page: Page, hits: Hits) {
  page.on("dialog", (d) => {
    hits.list.push(`dialog:${d.message()}`);
    void d.dismiss();
  });
}

/** What in the DOM could run a payload: none of it may come from user text. */
export function dangerousDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const scriptUrl = /^\s*(javascript|vbscript|data):/i;
    // React's placeholder on forms whose action is a server action (never a payload).
    const reactFormAction = "javascript:throw new Error('React form unexpectedly submitted.')";
    for (const el of Array.from(document.querySelectorAll("*"))) {
      const tag = el.tagName.toLowerCase();
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) found.push(`<${tag} ${name}="${attr.value.slice(0, 40)}">`);
        if (
          ["href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"].includes(name) &&
          (scriptUrl.test(attr.value) || name === "srcdoc") &&
          attr.value !== reactFormAction
        )
          found.push(`<${tag} ${name}="${attr.value.slice(0, 40)}">`);
      }
      if (["iframe", "object", "embed", "base", "frame"].includes(tag)) found.push(`<${tag}>`);
      if (tag === "meta" && /refresh/i.test(el.getAttribute("http-equiv") ?? ""))
        found.push("<meta refresh>");
      if (
        tag === "script" &&
        /__xss|alert\(/.test(el.textContent ?? "") &&
        !/self\.__next_f/.test(el.textContent ?? "")
      )
        found.push("<script> with a payload");
    }
    return found;
  });
}

/** Loads HTML (an email, or a page's serialized DOM) into a page without any CSP, with the hooks armed. */
export async function replayInSandbox(
  browser: Browser,
  html: string,
): Promise<{ hits: string[]; dom: string[] }> {
  const context = await browser.newContext();
  const hits = await armContext(context);
  const page = await context.newPage();
  // Nothing is fetched: payload URLs and the app's own scripts fail fast instead of hanging.
  await page.route("**/*", (route) => route.abort());
  await page.setContent(html, { waitUntil: "load" });
  // Focus and pointer events a reader would cause (autofocus/onfocus, onmouseover payloads).
  await page.mouse.move(10, 10);
  await page.mouse.move(400, 300);
  await page.keyboard.press("Tab");
  const dom = await dangerousDom(page);
  await context.close();
  return { hits: hits.list, dom };
}

/** Opens a URL on an armed page: it answers below 400, runs no payload and has no dangerous DOM. */
export async function expectInertPage(page: Page, hits: Hits, url: string, browser: Browser) {
  const response = await page.goto(url);
  expect(response?.status(), `${url} status`).toBeLessThan(400);
  await page.waitForLoadState("load");
  await page.mouse.move(5, 5);
  await page.mouse.move(600, 400);
  expect({ url, hits: hits.list }).toEqual({ url, hits: [] });
  expect({ url, dom: await dangerousDom(page) }).toEqual({ url, dom: [] });
  // The same DOM without the page's CSP: escaping alone must make it inert.
  const replay = await replayInSandbox(browser, await page.content());
  expect({ url, replay }).toEqual({ url, replay: { hits: [], dom: [] } });
}
