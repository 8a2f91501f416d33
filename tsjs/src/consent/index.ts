/** What the page's CMP says, read through the IAB APIs (`__tcfapi`, `__gpp`). */
export interface ConsentSnapshot {
  gdprApplies?: boolean;
  tcString?: string;
  /** TCF purpose 1 (store and access information on a device), when the CMP reported purposes. */
  purposeOneConsent?: boolean;
  gppString?: string;
  gppSid?: number[];
}

type TcfCallback = (data: unknown, success: boolean) => void;
type TcfApi = (command: string, version: number, callback: TcfCallback) => void;
type GppApi = (command: string, callback: (data: unknown, success: boolean) => void) => void;

interface ConsentWindow {
  __tcfapi?: TcfApi;
  __gpp?: GppApi;
}

function withTimeout<T>(start: (resolve: (value: T) => void) => void, timeoutMs: number, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    let done = false;
    const finish = (value: T) => {
      if (!done) {
        done = true;
        resolve(value);
      }
    };
    const timer = setTimeout(() => finish(fallback), timeoutMs);
    try {
      start((value) => {
        clearTimeout(timer);
        finish(value);
      });
    } catch {
      clearTimeout(timer);
      finish(fallback);
    }
  });
}

function readTcf(api: TcfApi, timeoutMs: number): Promise<Partial<ConsentSnapshot>> {
  return withTimeout<Partial<ConsentSnapshot>>((resolve) => {
    api("getTCData", 2, (data, success) => {
      if (!success || !data || typeof data !== "object") {
        resolve({});
        return;
      }
      const tc = data as { gdprApplies?: unknown; tcString?: unknown; purpose?: { consents?: Record<string, unknown> } };
      const result: Partial<ConsentSnapshot> = {};
      if (typeof tc.gdprApplies === "boolean") {
        result.gdprApplies = tc.gdprApplies;
      }
      if (typeof tc.tcString === "string" && tc.tcString.length > 0) {
        result.tcString = tc.tcString;
      }
      const consents = tc.purpose?.consents;
      if (consents && typeof consents === "object") {
        result.purposeOneConsent = consents["1"] === true;
      }
      resolve(result);
    });
  }, timeoutMs, {});
}

function readGpp(api: GppApi, timeoutMs: number): Promise<Partial<ConsentSnapshot>> {
  return withTimeout<Partial<ConsentSnapshot>>((resolve) => {
    api("ping", (data, success) => {
      if (!success || !data || typeof data !== "object") {
        resolve({});
        return;
      }
      const ping = data as { gppString?: unknown; applicableSections?: unknown };
      const result: Partial<ConsentSnapshot> = {};
      if (typeof ping.gppString === "string" && ping.gppString.length > 0) {
        result.gppString = ping.gppString;
      }
      if (Array.isArray(ping.applicableSections)) {
        result.gppSid = ping.applicableSections.filter((n): n is number => Number.isInteger(n) && n >= 0);
      }
      resolve(result);
    });
  }, timeoutMs, {});
}

/** Asks the CMPs present on the page; each answers within `timeoutMs` or counts as absent. */
export async function readConsent(win: Window, timeoutMs: number): Promise<ConsentSnapshot> {
  const cmp = win as unknown as ConsentWindow;
  const [tcf, gpp] = await Promise.all([
    typeof cmp.__tcfapi === "function" ? readTcf(cmp.__tcfapi, timeoutMs) : Promise.resolve({}),
    typeof cmp.__gpp === "function" ? readGpp(cmp.__gpp, timeoutMs) : Promise.resolve({}),
  ]);
  return { ...tcf, ...gpp };
}

/** True when the CMP said GDPR applies and purpose 1 was refused: the browser does not even ask for an auction. */
export function consentBlocksAuction(consent: ConsentSnapshot): boolean {
  return consent.gdprApplies === true && consent.purposeOneConsent === false;
}

function setCookie(doc: Document, name: string, value: string): void {
  const current = doc.cookie.split("; ").find((c) => c.startsWith(name + "="));
  const encoded = /^[A-Za-z0-9._~,-]+$/.test(value) ? value : encodeURIComponent(value);
  if (current === `${name}=${encoded}`) {
    return;
  }
  const secure = doc.location?.protocol === "https:" ? "; Secure" : "";
  doc.cookie = `${name}=${encoded}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}

/**
 * The server reads consent from the IAB cookies; a CMP that only answers through its API gets them written here, so
 * `/auction` sees the same consent the page does.
 */
export function persistConsentCookies(doc: Document, consent: ConsentSnapshot): void {
  if (consent.tcString) {
    setCookie(doc, "euconsent-v2", consent.tcString);
  }
  if (consent.gppString) {
    setCookie(doc, "__gpp", consent.gppString);
    if (consent.gppSid && consent.gppSid.length > 0) {
      setCookie(doc, "__gpp_sid", consent.gppSid.join(","));
    }
  }
}
