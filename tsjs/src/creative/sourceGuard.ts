const SOURCE_ATTRIBUTES: Record<string, string> = { IMG: "src", IFRAME: "src", SCRIPT: "src", SOURCE: "src", VIDEO: "src", AUDIO: "src", EMBED: "src" };

/** True for an absolute http(s) URL on another host than the page's: what the server would have proxied. */
export function needsProxy(value: string, base: string): boolean {
  try {
    const url = new URL(value, base);
    const page = new URL(base);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host !== page.host;
  } catch {
    return false;
  }
}

export type Signer = (url: string) => Promise<string | null>;

/** Signs through `GET /first-party/sign?url=` (answers `{"href"}`); null when refused or unreachable. */
export function signerFor(win: Window, signPath = "/first-party/sign"): Signer {
  return async (url) => {
    try {
      const response = await win.fetch(`${signPath}?url=${encodeURIComponent(url)}`, { credentials: "same-origin" });
      if (!response.ok) return null;
      const body = (await response.json()) as { href?: unknown };
      return typeof body.href === "string" ? body.href : null;
    } catch {
      return null;
    }
  };
}

/**
 * The dynamic-source guard: elements a creative inserts at run time with a third-party URL get it replaced by a
 * signed first-party one, as the server does for the markup it saw. Signing from an opaque-origin frame is refused by
 * CORS, so this is off unless the creative's page opts in (`window.tsCreativeConfig.renderGuard`).
 */
export function installSourceGuard(doc: Document, sign: Signer): MutationObserver | null {
  const view = doc.defaultView;
  if (!view || typeof view.MutationObserver !== "function") {
    return null;
  }
  const seen = new WeakSet<Element>();
  const check = (element: Element): void => {
    const attribute = SOURCE_ATTRIBUTES[element.tagName];
    const value = attribute ? element.getAttribute(attribute) : null;
    if (!attribute || !value || seen.has(element) || !needsProxy(value, doc.baseURI)) {
      return;
    }
    seen.add(element);
    void sign(new URL(value, doc.baseURI).href).then((signed) => {
      if (signed && element.getAttribute(attribute) === value) {
        element.setAttribute(attribute, signed);
      }
    });
  };
  const observer = new view.MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes" && record.target instanceof view.Element) {
        seen.delete(record.target);
        check(record.target);
      }
      record.addedNodes.forEach((node) => {
        if (node instanceof view.Element) {
          check(node);
          node.querySelectorAll("img, iframe, script, source, video, audio, embed").forEach(check);
        }
      });
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["src"] });
  return observer;
}
