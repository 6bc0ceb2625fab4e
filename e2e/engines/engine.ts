/**
 * What the engine journey needs from a browser, behind one small interface: Firefox through
 * puppeteer-core over WebDriver BiDi (firefox.ts), WebKitGTK through selenium-webdriver over
 * classic WebDriver (webkit.ts). The journey (journey.ts) finds elements by role and accessible
 * name with the page script below, marks the one found, and hands its CSS selector to the
 * driver, whose clicks and keys are the engine's own input events.
 */
export interface Engine {
  readonly name: string;
  goto(url: string): Promise<void>;
  url(): Promise<string>;
  /** The browser's own Back (history traversal by the driver, not history.back() in the page). */
  back(): Promise<void>;
  /** Runs a function body in the page (`arguments` holds `args`) and returns its JSON-able result. */
  run<T>(body: string, ...args: unknown[]): Promise<T>;
  /** A real click in the middle of the element (scrolled into view first). */
  click(css: string): Promise<void>;
  /** Focuses the field and types `text` key by key. */
  type(css: string, text: string): Promise<void>;
  /** Types `text` key by key into whatever has the focus. */
  typeFocused(text: string): Promise<void>;
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

/** One step down the accessibility tree: an element of `role` whose accessible name matches. */
export interface RoleStep {
  role: keyof typeof ROLE_SELECTORS;
  name?: string;
  /** Match the name exactly (the default) or as a case-insensitive part of it. */
  exact?: boolean;
}

export const ROLE_SELECTORS = {
  button: 'button, [role="button"], input[type="submit"], input[type="button"]',
  link: 'a[href], [role="link"]',
  textbox:
    'input:not([type]), input[type="text"], input[type="password"], input[type="email"], input[type="search"], textarea, [role="textbox"], [contenteditable="true"]',
  region: 'section[aria-label], section[aria-labelledby], [role="region"]',
  main: 'main, [role="main"]',
  form: 'form[aria-label], form[aria-labelledby], [role="form"]',
  dialog: 'dialog, [role="dialog"]',
  toolbar: '[role="toolbar"]',
  tree: '[role="tree"]',
  treeitem: '[role="treeitem"]',
  list: 'ul[aria-label], ol[aria-label], [role="list"]',
  heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
} as const;

/**
 * The page side, as plain JavaScript source: a function passed to the drivers would be
 * serialized from the test's transpiled code, helpers and all. A simplified accessible name:
 * aria-label, aria-labelledby, the field's label, else the text content (a child's aria-label
 * counts for its text, aria-hidden children do not).
 */
const PAGE_LIBRARY = String.raw`
const ROLES = ${JSON.stringify(ROLE_SELECTORS)};
function shown(el) {
  if (!el.getClientRects().length) return false;
  const style = el.ownerDocument.defaultView.getComputedStyle(el);
  return style.visibility === 'visible' && style.display !== 'none';
}
function squash(text) { return (text || '').replace(/\s+/g, ' ').trim(); }
function contentName(el) {
  let out = '';
  for (const node of el.childNodes) {
    if (node.nodeType === 3) out += node.nodeValue;
    else if (node.nodeType === 1 && node.getAttribute('aria-hidden') !== 'true') {
      const label = node.getAttribute('aria-label');
      out += ' ' + (label !== null ? label : contentName(node)) + ' ';
    }
  }
  return squash(out);
}
function nameOf(el) {
  const label = el.getAttribute('aria-label');
  if (label) return squash(label);
  const by = el.getAttribute('aria-labelledby');
  if (by) return squash(by.split(/\s+/).map((id) => { const t = document.getElementById(id); return t ? t.textContent : ''; }).join(' '));
  if (el.labels && el.labels.length) return squash(el.labels[0].textContent);
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) return squash(el.getAttribute('title') || el.getAttribute('placeholder'));
  return contentName(el) || squash(el.getAttribute('title'));
}
function matches(el, step) {
  const explicit = el.getAttribute('role');
  if (explicit && explicit !== step.role) return false;
  if (!shown(el)) return false;
  if (step.name === undefined) return true;
  const name = nameOf(el);
  return step.exact === false ? name.toLowerCase().includes(step.name.toLowerCase()) : name === step.name;
}
function find(path) {
  let scopes = [document];
  for (const step of path) {
    const found = [];
    for (const scope of scopes) for (const el of scope.querySelectorAll(ROLES[step.role])) if (matches(el, step)) found.push(el);
    if (!found.length) return null;
    scopes = found;
  }
  return scopes[0];
}
let marks = 0;
function mark(el) {
  const id = String(Date.now()) + '-' + String(++marks);
  el.setAttribute('data-engine-target', id);
  return '[data-engine-target="' + id + '"]';
}
`;

/** A page script: PAGE_LIBRARY, then `body` (which may use find, mark, nameOf, shown, squash). */
export function pageScript(body: string): string {
  return `${PAGE_LIBRARY}\n${body}`;
}

/** A readable form of a role path, for error messages: toolbar "Open message actions" > button "Reply". */
export function describePath(path: RoleStep[]): string {
  return path.map((s) => (s.name === undefined ? s.role : `${s.role} "${s.name}"${s.exact === false ? ' (part)' : ''}`)).join(' > ');
}
