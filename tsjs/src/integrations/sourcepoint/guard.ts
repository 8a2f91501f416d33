/**
 * The Sourcepoint script guard: a `<script src>` or `<link href>` on Sourcepoint's CDN that a script inserts at run
 * time (single-page apps load the CMP late; Sourcepoint's own loader adds chunks) is pointed at the first-party route
 * before the element is inserted, so before the browser fetches it.
 */

export const CDN_HOST = "cdn.privacy-mgmt.com";
export const PREFIX = "/integrations/sourcepoint/cdn";

/** The first-party URL for `value` when it is on Sourcepoint's CDN, else null. */
export function firstPartyUrl(value: string, base: Location): string | null {
  let url: URL;
  try {
    url = new URL(value, base.href);
  } catch {
    return null;
  }
  if (url.hostname.toLowerCase() !== CDN_HOST || (url.protocol !== "https:" && url.protocol !== "http:")) return null;
  return `${base.origin}${PREFIX}${url.pathname}${url.search}${url.hash}`;
}

function rewrite(node: unknown, win: Window): void {
  if (!node || typeof node !== "object") return;
  const element = node as Element;
  const tag = typeof element.tagName === "string" ? element.tagName.toLowerCase() : "";
  const attribute = tag === "script" ? "src" : tag === "link" ? "href" : null;
  if (!attribute) return;
  const value = element.getAttribute(attribute);
  const rewritten = value ? firstPartyUrl(value, win.location) : null;
  if (rewritten) element.setAttribute(attribute, rewritten);
}

const MARK = "__tsjsSourcepointGuard";

/** Wraps the DOM insertion methods once; returns whether it installed (false when already installed). */
export function installSourcepointGuard(win: Window): boolean {
  const w = win as unknown as Record<string, unknown> & { Node: typeof Node; Element: typeof Element };
  if (w[MARK]) return false;
  w[MARK] = true;
  const node = w.Node.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ["appendChild", "insertBefore", "replaceChild"]) {
    const original = node[name];
    if (typeof original !== "function") continue;
    node[name] = function (this: unknown, ...args: unknown[]) {
      rewrite(args[0], win);
      return original.apply(this, args);
    };
  }
  const element = w.Element.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ["append", "prepend", "before", "after", "replaceWith"]) {
    const original = element[name];
    if (typeof original !== "function") continue;
    element[name] = function (this: unknown, ...args: unknown[]) {
      for (const arg of args) rewrite(arg, win);
      return original.apply(this, args);
    };
  }
  return true;
}
