/** The attribute where the server copies each signed click URL it wrote into a creative's link. */
export const CLICK_COPY_ATTRIBUTE = "data-tsclick";
export const CLICK_PATH = "/first-party/click";
export const REBUILD_PATH = "/first-party/proxy-rebuild";

function parse(href: string, base: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

const SIGNING_PARAMETERS = new Set(["tsurl", "tsexp", "tstoken"]);

/** The landing URL a signed click URL leads to: `tsurl` plus the target's own query parameters beside it. */
function landingOf(click: URL): URL | null {
  const target = click.searchParams.get("tsurl");
  const landing = target ? parse(target, click.href) : null;
  if (landing) {
    click.searchParams.forEach((value, key) => {
      if (!SIGNING_PARAMETERS.has(key)) {
        landing.searchParams.append(key, value);
      }
    });
  }
  return landing;
}

/**
 * Where a click on a link must go. The server signed the link (`href` and `data-tsclick` agree); a creative script
 * may since have changed `href`. A change that only adds, changes or removes query parameters of the same landing
 * page goes through `/first-party/proxy-rebuild` (which re-signs it); any other change is undone.
 * Returns null when the link was not signed by the server (nothing to guard).
 */
export function guardedHref(href: string, signed: string | null, base: string): string | null {
  if (!signed) {
    return null;
  }
  const signedUrl = parse(signed, base);
  const current = parse(href, base);
  if (!signedUrl || signedUrl.pathname !== CLICK_PATH) {
    return null;
  }
  if (!current || current.href === signedUrl.href) {
    return signed;
  }
  const landing = landingOf(signedUrl);
  // A change made on the first-party click URL itself keeps its signed parameters; compare the rest.
  const mutatedTarget = current.origin === signedUrl.origin && current.pathname === CLICK_PATH ? landingOf(current) : current;
  if (!landing || !mutatedTarget || mutatedTarget.origin !== landing.origin || mutatedTarget.pathname !== landing.pathname) {
    return signed;
  }
  const add: Record<string, string> = {};
  const del: string[] = [];
  mutatedTarget.searchParams.forEach((value, key) => {
    if (landing.searchParams.get(key) !== value) {
      add[key] = value;
    }
  });
  landing.searchParams.forEach((_, key) => {
    if (!mutatedTarget.searchParams.has(key) && !del.includes(key)) {
      del.push(key);
    }
  });
  if (Object.keys(add).length === 0 && del.length === 0) {
    return signed;
  }
  const rebuild = new URL(REBUILD_PATH, signedUrl.origin);
  rebuild.searchParams.set("tsclick", signedUrl.pathname + signedUrl.search);
  if (Object.keys(add).length > 0) rebuild.searchParams.set("add", JSON.stringify(add));
  if (del.length > 0) rebuild.searchParams.set("del", JSON.stringify(del));
  return rebuild.href;
}

/**
 * Listens for clicks (capture phase, before the creative's own handlers can swap the URL at the last moment) and
 * points each signed link at its first-party click URL before the browser follows it.
 */
export function installClickGuard(doc: Document): void {
  const fix = (event: Event): void => {
    const start = event.target as Element | null;
    const link = start && typeof start.closest === "function" ? start.closest("a[href], area[href]") : null;
    if (!link) {
      return;
    }
    const href = link.getAttribute("href") ?? "";
    const next = guardedHref(href, link.getAttribute(CLICK_COPY_ATTRIBUTE), doc.baseURI);
    if (next && next !== href) {
      link.setAttribute("href", next);
    }
  };
  doc.addEventListener("click", fix, true);
  doc.addEventListener("auxclick", fix, true);
}
