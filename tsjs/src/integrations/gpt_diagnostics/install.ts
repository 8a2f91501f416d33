import { Panel } from "./panel";
import { DiagnosticsStore, type GptSlotLike, type SnapshotV1 } from "./store";

export interface GptDiagnosticsApi {
  snapshot(): SnapshotV1;
  export(): void;
  subscribe(listener: (snapshot: SnapshotV1) => void): () => void;
  hide(): void;
  show(): void;
}

interface PubAds {
  addEventListener(type: string, listener: (event: Record<string, unknown>) => void): unknown;
  refresh?: (...args: unknown[]) => unknown;
  getSlots?: () => GptSlotLike[];
}

interface GoogletagLike {
  cmd: Array<() => void> | { push(command: () => void): unknown };
  pubads?: () => PubAds;
}

const EVENTS = ["slotRequested", "slotResponseReceived", "slotRenderEnded", "slotOnload", "impressionViewable", "slotVisibilityChanged"];
const REFRESH_MARK = "__tsjsDiagnosticsRefresh";

/**
 * Installs the GPT console: listeners on GPT's documented PubAdsService events (queued on `googletag.cmd`, so GPT is
 * never created or polled for), one wrapper around `pubads().refresh` that only records and delegates, the panel
 * once the document is complete and two frames have passed, and the read-only `tsjs.gptDiagnostics` API.
 */
export function installGptDiagnostics(win: Window): GptDiagnosticsApi {
  const tsjs = ((win as unknown as { tsjs?: Record<string, unknown> }).tsjs ??= {});
  if (tsjs.gptDiagnostics) return tsjs.gptDiagnostics as GptDiagnosticsApi;
  const store = new DiagnosticsStore(() => win.performance.now());
  const listeners = new Set<(snapshot: SnapshotV1) => void>();
  let dismissed = false;
  let notifyQueued = false;

  const snapshot = () => store.snapshot(win.document, win.location);
  const exportJson = () => {
    // A local download of the allowlisted snapshot: nothing is sent anywhere.
    const blob = new Blob([JSON.stringify(snapshot(), null, 2)], { type: "application/json" });
    const link = win.document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `gpt-diagnostics-${Date.now()}.json`;
    link.click();
    win.setTimeout(() => URL.revokeObjectURL(link.href), 0);
  };
  const panel = new Panel(win.document, () => api.hide(), exportJson);
  const notify = () => {
    if (notifyQueued) return;
    notifyQueued = true;
    win.queueMicrotask(() => {
      notifyQueued = false;
      const current = snapshot();
      if (!dismissed && panel.mounted) panel.render(current);
      for (const listener of listeners) {
        try {
          listener(current);
        } catch {
          // An operator's listener must not stop capture.
        }
      }
    });
  };

  const api: GptDiagnosticsApi = {
    snapshot,
    export: exportJson,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    hide() {
      dismissed = true;
      panel.unmount();
    },
    show() {
      dismissed = false;
      if (panel.mount()) panel.render(snapshot());
    },
  };
  Object.defineProperty(tsjs, "gptDiagnostics", { value: Object.freeze(api), enumerable: true });

  const capture = (tag: GoogletagLike) => {
    const pubads = tag.pubads?.();
    if (!pubads || typeof pubads.addEventListener !== "function") return;
    for (const type of EVENTS) {
      pubads.addEventListener(type, (event) => {
        const slot = event.slot as GptSlotLike | undefined;
        if (!slot) return;
        if (type === "slotRequested") store.requested(slot);
        else if (type === "slotResponseReceived") store.responseReceived(slot);
        else if (type === "slotRenderEnded") store.renderEnded(slot, event);
        else if (type === "slotOnload") store.loaded(slot);
        else if (type === "impressionViewable") store.viewable(slot);
        else store.visibility(slot, event.inViewPercentage);
        notify();
      });
    }
    const marked = pubads as unknown as Record<string, unknown>;
    const original = pubads.refresh;
    if (typeof original === "function" && !marked[REFRESH_MARK]) {
      marked[REFRESH_MARK] = true;
      pubads.refresh = function (this: unknown, ...args: unknown[]) {
        const slots = Array.isArray(args[0]) ? (args[0] as GptSlotLike[]) : safeSlots(pubads);
        store.refreshObserved(slots);
        return original.apply(this, args);
      };
    }
  };
  const w = win as unknown as { googletag?: GoogletagLike };
  const tag = (w.googletag ??= { cmd: [] });
  tag.cmd ??= [];
  tag.cmd.push(() => capture(tag));

  const mountWhenReady = () =>
    win.requestAnimationFrame(() => win.requestAnimationFrame(() => {
      if (!dismissed && panel.mount()) panel.render(snapshot());
    }));
  if (win.document.readyState === "complete") mountWhenReady();
  else win.addEventListener("load", mountWhenReady, { once: true });
  return api;
}

function safeSlots(pubads: PubAds): GptSlotLike[] {
  try {
    return pubads.getSlots?.() ?? [];
  } catch {
    return [];
  }
}
