/**
 * The Osano consent mirror: what Osano reports through the IAB APIs (`__uspapi`, `__gpp`, `__tcfapi`) is written into
 * the first-party cookies the server's consent pipeline reads (`us_privacy`, `__gpp`, `__gpp_sid`, `euconsent-v2`), so
 * the next request carries it. `_ts_consent_src=osano` marks the cookies as the mirror's: cookies someone else wrote
 * (no marker, or another mirror's) are left alone, and a cookie the mirror wrote is cleared only when Osano, once
 * ready, reports that signal empty.
 */

export const OWNER_COOKIE = "_ts_consent_src";
export const OWNER = "osano";
export const CONSENT_COOKIES = ["us_privacy", "__gpp", "__gpp_sid", "euconsent-v2"] as const;
export type ConsentCookie = (typeof CONSENT_COOKIES)[number];

/** 13 months, the longest a TCF consent string may be kept. */
const MAX_AGE_SECONDS = 34_186_669;
/** How long to wait for Osano's APIs to appear, and how often to look. */
const API_WAIT_MS = 10_000;
const API_POLL_MS = 200;
/** Consent strings are base64url with `.` and `~` separators; section ids are digits with commas. */
const SAFE_VALUE = /^[A-Za-z0-9._~,-]{1,8192}$/;

type Callback = (data: unknown, success: boolean) => void;
interface CmpWindow {
  __uspapi?: (command: string, version: number, callback: Callback) => void;
  __gpp?: (command: string, callback: Callback, parameter?: unknown) => void;
  __tcfapi?: (command: string, version: number, callback: Callback, parameter?: unknown) => void;
}

export interface MirrorOptions {
  apiWaitMs?: number;
  apiPollMs?: number;
}

function readCookies(doc: Document): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of doc.cookie.split(";")) {
    const index = part.indexOf("=");
    if (index > 0) {
      const name = part.slice(0, index).trim();
      if (!cookies.has(name)) cookies.set(name, part.slice(index + 1).trim());
    }
  }
  return cookies;
}

export class ConsentMirror {
  constructor(private readonly win: Window) {}

  /** May the mirror write or clear consent cookies? Only when it owns them, or when nobody has written any. */
  owns(): boolean {
    const cookies = readCookies(this.win.document);
    const owner = cookies.get(OWNER_COOKIE);
    if (owner !== undefined) return owner === OWNER;
    return CONSENT_COOKIES.every((name) => !cookies.has(name));
  }

  /** Writes (or, for an empty value, clears) one consent cookie if the mirror may. Returns whether it did. */
  write(name: ConsentCookie, value: string | null, ready: boolean): boolean {
    if (!this.owns()) return false;
    const current = readCookies(this.win.document).get(name);
    if (value === null || value === "") {
      // A ready-but-empty signal clears the mirror's cookie; during start-up (not ready) nothing is deleted.
      if (!ready || current === undefined) return false;
      this.set(name, "", 0);
      return true;
    }
    if (!SAFE_VALUE.test(value) || current === value) return false;
    this.set(name, value, MAX_AGE_SECONDS);
    this.set(OWNER_COOKIE, OWNER, MAX_AGE_SECONDS);
    return true;
  }

  private set(name: string, value: string, maxAge: number): void {
    const secure = this.win.location.protocol === "https:" ? "; Secure" : "";
    this.win.document.cookie = `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Lax${secure}`;
  }
}

function listenUsp(win: CmpWindow, mirror: ConsentMirror): void {
  win.__uspapi?.("getUSPData", 1, (data, success) => {
    const usp = (data as { uspString?: unknown } | null)?.uspString;
    if (success) mirror.write("us_privacy", typeof usp === "string" ? usp : null, true);
  });
}

function listenGpp(win: CmpWindow, mirror: ConsentMirror, changed: () => void): void {
  const apply = (ping: unknown) => {
    const data = ping as { gppString?: unknown; applicableSections?: unknown; signalStatus?: unknown } | null;
    if (!data || typeof data !== "object") return;
    const ready = data.signalStatus === "ready";
    if (!ready) return;
    const gpp = typeof data.gppString === "string" ? data.gppString : null;
    const sections = Array.isArray(data.applicableSections)
      ? data.applicableSections.filter((id): id is number => Number.isInteger(id) && id > 0)
      : [];
    mirror.write("__gpp", gpp, ready);
    mirror.write("__gpp_sid", sections.length > 0 ? sections.join(",") : null, ready);
    changed();
  };
  win.__gpp?.("addEventListener", (event, success) => {
    if (!success || !event || typeof event !== "object") return;
    const e = event as { pingData?: unknown };
    apply(e.pingData ?? event);
  });
  win.__gpp?.("ping", (data, success) => {
    if (success) apply(data);
  });
}

function listenTcf(win: CmpWindow, mirror: ConsentMirror, changed: () => void): void {
  win.__tcfapi?.("addEventListener", 2, (data, success) => {
    const tc = data as { eventStatus?: unknown; tcString?: unknown; gdprApplies?: unknown } | null;
    if (!success || !tc || typeof tc !== "object") return;
    const ready = tc.eventStatus === "tcloaded" || tc.eventStatus === "useractioncomplete";
    if (!ready) return;
    mirror.write("euconsent-v2", typeof tc.tcString === "string" ? tc.tcString : null, ready);
    changed();
  });
}

/**
 * Installs the mirror: each IAB API is subscribed to as soon as it exists (Osano's script may load after this one),
 * looked for until `apiWaitMs` has passed. Returns a function that stops looking.
 */
export function installOsanoMirror(win: Window, options: MirrorOptions = {}): () => void {
  const cmp = win as unknown as CmpWindow;
  const mirror = new ConsentMirror(win);
  const pending = new Set<"usp" | "gpp" | "tcf">(["usp", "gpp", "tcf"]);
  // USP has no change event: it is read again whenever another signal reports a change.
  const refreshUsp = () => {
    if (!pending.has("usp") && typeof cmp.__uspapi === "function") {
      try {
        listenUsp(cmp, mirror);
      } catch {
        // as below
      }
    }
  };
  const attach = () => {
    const run = (key: "usp" | "gpp" | "tcf", available: boolean, listen: () => void) => {
      if (!pending.has(key) || !available) return;
      pending.delete(key);
      try {
        listen();
      } catch {
        // A CMP API that throws must not break the page; the other signals still mirror.
      }
    };
    run("usp", typeof cmp.__uspapi === "function", () => listenUsp(cmp, mirror));
    run("tcf", typeof cmp.__tcfapi === "function", () => listenTcf(cmp, mirror, refreshUsp));
    run("gpp", typeof cmp.__gpp === "function", () => listenGpp(cmp, mirror, refreshUsp));
    return pending.size === 0;
  };
  if (attach()) return () => undefined;
  const poll = options.apiPollMs ?? API_POLL_MS;
  const deadline = Date.now() + (options.apiWaitMs ?? API_WAIT_MS);
  const timer = win.setInterval(() => {
    if (attach() || Date.now() >= deadline) win.clearInterval(timer);
  }, poll);
  return () => win.clearInterval(timer);
}
