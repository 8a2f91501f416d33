/** Where GPT's first-party routes are, from the head bootstrap's `window.tsjs.gpt`. */
export interface GptProxyConfig {
  proxyPrefix: string;
  scriptPath: string;
  host: string;
}

export const DEFAULT_CONFIG: GptProxyConfig = {
  proxyPrefix: "/integrations/gpt",
  scriptPath: "/integrations/gpt/script",
  host: "securepubads.g.doubleclick.net",
};

/** The bootstrap's config when it is usable (first-party paths, a host name), else the defaults. */
export function configFrom(value: unknown): GptProxyConfig {
  const candidate = value as Partial<GptProxyConfig> | undefined;
  const path = (v: unknown): v is string => typeof v === "string" && v.startsWith("/") && !v.startsWith("//");
  if (candidate && path(candidate.proxyPrefix) && path(candidate.scriptPath) && typeof candidate.host === "string" && candidate.host.length > 0) {
    return { proxyPrefix: candidate.proxyPrefix.replace(/\/+$/, ""), scriptPath: candidate.scriptPath, host: candidate.host.toLowerCase() };
  }
  return DEFAULT_CONFIG;
}

/**
 * The first-party URL for a GPT URL, as the server's tag rewriter maps it: `/tag/js/gpt.js` to the script route,
 * other `/tag/*` and `/pagead/*` under the proxy prefix, on the page's own origin (so `http:` in development).
 * Anything else (another host, another path on GPT's host, a URL that does not parse) is null: left alone.
 */
export function firstPartyUrl(value: string, page: Location | URL, config: GptProxyConfig): string | null {
  if (typeof value !== "string" || value.length === 0) return null;
  let url: URL;
  try {
    url = new URL(value, page.href);
  } catch {
    return null;
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.hostname.toLowerCase() !== config.host || url.port !== "") return null;
  const origin = `${page.protocol}//${page.host}`;
  if (url.pathname === "/tag/js/gpt.js") return origin + config.scriptPath + url.search + url.hash;
  if (url.pathname.startsWith("/tag/") || url.pathname.startsWith("/pagead/")) return origin + config.proxyPrefix + url.pathname + url.search + url.hash;
  return null;
}

const URL_IN_HTML = /(["'=\s])((?:https?:)?\/\/[^"'\s>]+)/gi;

/** `document.write` markup with every GPT URL in it made first-party. */
export function rewriteMarkup(html: string, page: Location | URL, config: GptProxyConfig): string {
  if (typeof html !== "string" || !html.toLowerCase().includes(config.host)) return html;
  return html.replace(URL_IN_HTML, (whole, lead: string, url: string) => {
    const mapped = firstPartyUrl(url.replace(/&amp;/g, "&"), page, config);
    return mapped ? lead + mapped.replace(/&/g, "&amp;") : whole;
  });
}

type GuardedWindow = Window & typeof globalThis & { __tsjsGptGuard?: GptProxyConfig };

/**
 * The script guard: GPT loads its cascade (`pubads_impl.js` and the rest) by writing or inserting `<script>` and
 * `<link rel=preload>` elements that name its own host. Every way it does that is covered before the request can
 * leave: `document.write`/`writeln` markup, the `src`/`href` property setters, `setAttribute`, and elements inserted
 * with `appendChild`/`insertBefore`/`append`/`prepend` whose URL was set some other way. Installs once per window.
 */
export function installScriptGuard(win: Window & typeof globalThis, config: GptProxyConfig): boolean {
  const guarded = win as GuardedWindow;
  if (guarded.__tsjsGptGuard) return false;
  guarded.__tsjsGptGuard = config;
  const map = (value: unknown): string | null => (typeof value === "string" ? firstPartyUrl(value, win.location, config) : null);
  const scriptProto = win.HTMLScriptElement?.prototype;
  const linkProto = win.HTMLLinkElement?.prototype;

  const guardProperty = (proto: object | undefined, name: "src" | "href"): void => {
    const descriptor = proto ? Object.getOwnPropertyDescriptor(proto, name) : undefined;
    if (!proto || !descriptor?.set || !descriptor.get || !descriptor.configurable) return;
    const set = descriptor.set;
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: descriptor.enumerable ?? true,
      get: descriptor.get,
      set(this: Element, value: unknown) {
        set.call(this, map(value) ?? value);
      },
    });
  };
  guardProperty(scriptProto, "src");
  guardProperty(linkProto, "href");

  const isGuarded = (element: unknown, name: string): boolean => {
    const lower = name.toLowerCase();
    return (!!scriptProto && element instanceof win.HTMLScriptElement && lower === "src")
      || (!!linkProto && element instanceof win.HTMLLinkElement && lower === "href");
  };
  const elementProto = win.Element.prototype;
  const setAttribute = elementProto.setAttribute;
  elementProto.setAttribute = function (this: Element, name: string, value: string) {
    return setAttribute.call(this, name, isGuarded(this, name) ? map(value) ?? value : value);
  };

  // Elements built elsewhere (another frame, a template, setAttributeNS) are checked as they go in.
  const check = (node: Node | string): void => {
    if (node instanceof win.HTMLScriptElement) {
      const mapped = map(node.getAttribute("src"));
      if (mapped) setAttribute.call(node, "src", mapped);
    } else if (node instanceof win.HTMLLinkElement) {
      const mapped = map(node.getAttribute("href"));
      if (mapped) setAttribute.call(node, "href", mapped);
    } else if (node instanceof win.DocumentFragment || node instanceof win.Element) {
      (node as ParentNode).querySelectorAll?.("script[src], link[href]").forEach(check);
    }
  };
  const nodeProto = win.Node.prototype;
  const appendChild = nodeProto.appendChild;
  const insertBefore = nodeProto.insertBefore;
  nodeProto.appendChild = function <T extends Node>(this: Node, node: T): T {
    check(node);
    return appendChild.call(this, node) as T;
  };
  nodeProto.insertBefore = function <T extends Node>(this: Node, node: T, child: Node | null): T {
    check(node);
    return insertBefore.call(this, node, child) as T;
  };
  for (const proto of [elementProto, win.Document.prototype, win.DocumentFragment.prototype] as Array<{ append?: (...nodes: Array<Node | string>) => void; prepend?: (...nodes: Array<Node | string>) => void }>) {
    for (const name of ["append", "prepend"] as const) {
      const original = proto[name];
      if (typeof original !== "function") continue;
      proto[name] = function (this: unknown, ...nodes: Array<Node | string>) {
        nodes.forEach(check);
        return original.apply(this, nodes);
      };
    }
  }

  const doc = win.document;
  for (const name of ["write", "writeln"] as const) {
    const original = doc[name];
    if (typeof original !== "function") continue;
    doc[name] = function (this: Document, ...markup: string[]) {
      return original.apply(this, markup.map((html) => rewriteMarkup(html, win.location, config)));
    } as Document["write"];
  }
  return true;
}
