import { consentBlocksAuction, persistConsentCookies, readConsent } from "../consent/index";
import type { AdUnit, AuctionOutcome, BidMap, Renderer, SlotBid, SsatSlot, TsjsApi, TsjsConfig } from "../shared/types";
import { buildAuctionBody, parseAuctionResponse } from "./auction";
import { defaultConfig, mergeConfig } from "./config";
import { AdUnitRegistry } from "./registry";
import { renderMarkup } from "./render";

export const VERSION = "1.0.0";

type BidsListener = (bids: BidMap, source: string) => void;

function warn(win: Window, config: TsjsConfig, message: string, detail?: unknown): void {
  if (config.debug) {
    (win as unknown as { console?: Console }).console?.warn("[tsjs] " + message, detail ?? "");
  }
}

function domReady(doc: Document): Promise<void> {
  return doc.readyState === "loading"
    ? new Promise((resolve) => doc.addEventListener("DOMContentLoaded", () => resolve(), { once: true }))
    : Promise.resolve();
}

/** Server-declared slots (`tsjs.adSlots`) as ad units, for a page that asks for its auction from the browser. */
export function unitsFromSlots(slots: SsatSlot[] | undefined): AdUnit[] {
  return (Array.isArray(slots) ? slots : []).map((slot) => ({
    code: slot.id,
    divId: slot.div_id,
    mediaTypes: { banner: { sizes: slot.formats.map(([w, h]) => [w, h] as [number, number]) } },
    bids: [],
  }));
}

/** The creative guard's URL, with its content hash so the server may cache it as immutable. */
export function creativeScriptUrl(doc: Document, config: TsjsConfig): string | null {
  if (!config.creativeScript) {
    return null;
  }
  const hash = typeof __TSJS_CREATIVE_HASH__ === "string" ? __TSJS_CREATIVE_HASH__ : "";
  const path = hash ? `${config.creativeScript}?v=${hash}` : config.creativeScript;
  return new URL(path, doc.baseURI).href;
}

/**
 * Builds `window.tsjs` (keeping what the page or the server already put there: `que`, `adSlots`, `bids`) without
 * running the queue; the entry point drains it once every immediate module is installed.
 */
export function installCore(win: Window): TsjsApi {
  const existing = (win.tsjs ?? {}) as Partial<TsjsApi>;
  const registry = new AdUnitRegistry();
  const renderers = new Map<string, Renderer>();
  const listeners: BidsListener[] = [];
  let config = defaultConfig();

  const slotElement = (slotId: string): HTMLElement | null => {
    const unit = registry.get(slotId);
    const ssat = api.adSlots?.find((slot) => slot.id === slotId);
    const id = unit?.divId ?? ssat?.div_id ?? slotId;
    return win.document.getElementById(id);
  };

  const renderBid = (slotId: string, bid: SlotBid): boolean => {
    const element = slotElement(slotId);
    if (!element) {
      warn(win, config, `no element for slot ${slotId}`);
      return false;
    }
    let rendered = false;
    if (bid.renderer) {
      const renderer = renderers.get(bid.renderer.type);
      rendered = renderer ? renderer(element, bid) : false;
    } else if (bid.adm) {
      renderMarkup(element, bid, creativeScriptUrl(win.document, config));
      rendered = true;
    }
    if (rendered) {
      element.setAttribute("data-ts-rendered", bid.hb_bidder);
      if (bid.burl) {
        new Image().src = bid.burl;
      }
    }
    return rendered;
  };

  const emit = (bids: BidMap, source: string): void => {
    for (const listener of listeners) {
      try {
        listener(bids, source);
      } catch (error) {
        warn(win, config, "bids listener failed", error);
      }
    }
  };

  const requestAds = async (options?: { adUnits?: AdUnit[] }): Promise<AuctionOutcome> => {
    const registered = registry.all();
    const units = options?.adUnits ?? (registered.length > 0 ? registered : unitsFromSlots(api.adSlots));
    if (units.length === 0) {
      return { auctionId: null, bids: {}, skipped: "no_ad_units" };
    }
    const consent = await readConsent(win, config.consentTimeoutMs);
    if (consentBlocksAuction(consent)) {
      return { auctionId: null, bids: {}, skipped: "no_consent" };
    }
    persistConsentCookies(win.document, consent);
    const abort = typeof AbortController === "function" ? new AbortController() : null;
    const timer = abort ? setTimeout(() => abort.abort(), config.auctionTimeoutMs) : undefined;
    try {
      const response = await win.fetch(config.auctionPath, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: buildAuctionBody(units, config.context),
        signal: abort?.signal,
      });
      if (!response.ok) {
        return { auctionId: null, bids: {}, skipped: `http_${response.status}` };
      }
      const { auctionId, bids } = parseAuctionResponse(await response.json());
      // The bundle loads async and may have asked before the slots were parsed.
      await domReady(win.document);
      for (const [slotId, bid] of Object.entries(bids)) {
        renderBid(slotId, bid);
      }
      emit(bids, "auction");
      return { auctionId, bids, skipped: null };
    } catch (error) {
      warn(win, config, "auction failed", error);
      return { auctionId: null, bids: {}, skipped: "error" };
    } finally {
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    }
  };

  // The page's own object is kept and completed, so a reference a queued command captured stays the live API.
  const api = existing as TsjsApi;
  Object.assign(api, {
    que: Array.isArray(existing.que) ? existing.que : [],
    loaded: true,
    version: VERSION,
    setConfig: (update) => {
      config = mergeConfig(config, update);
    },
    getConfig: () => ({ ...config, context: { ...config.context } }),
    addAdUnits: (units) => registry.add(units, (reason) => warn(win, config, "ad unit refused: " + reason)),
    getAdUnits: () => registry.all(),
    removeAdUnit: (code) => registry.remove(code),
    requestAds,
    renderBid,
    registerRenderer: (type, renderer) => {
      renderers.set(type, renderer);
    },
    onBids: (listener) => {
      listeners.push(listener);
    },
  } satisfies Omit<TsjsApi, "adSlots" | "bids">);
  win.tsjs = api;
  return api;
}
