import type { BidMap, SlotBid, SsatSlot, TsjsApi } from "../shared/types";
import { googletagOf, type GptSlot } from "./googletag";

const BID_KEYS = ["hb_pb", "hb_bidder", "hb_adid", "hb_auction_id"] as const;

/** The `hb_*` key-values a winning bid puts on its GAM slot. */
export function targetingFor(bid: SlotBid): Record<string, string> {
  const targeting: Record<string, string> = { hb_size: `${bid.w}x${bid.h}` };
  for (const key of BID_KEYS) {
    if (typeof bid[key] === "string" && bid[key].length > 0) {
      targeting[key] = bid[key];
    }
  }
  if (bid.hb_cache_host) targeting.hb_cache_host = bid.hb_cache_host;
  if (bid.hb_cache_path) targeting.hb_cache_path = bid.hb_cache_path;
  return targeting;
}

function isSlot(value: unknown): value is SsatSlot {
  const slot = value as SsatSlot;
  return !!slot && typeof slot.id === "string" && typeof slot.gam_unit_path === "string" && typeof slot.div_id === "string" && Array.isArray(slot.formats);
}

/**
 * The GPT module: GAM slots from `tsjs.adSlots`, the winners' `hb_*` targeting and one refresh; the entry point of
 * the server-side bids script (`tsjs.scheduleInitialAdInit`); and, for single-page apps, a new auction through
 * `/_ts/page-bids` on every history navigation.
 */
export function installGpt(win: Window, api: TsjsApi): void {
  const defined = new Map<string, GptSlot>();
  let lastPath = win.location.pathname;
  let pageBidsAvailable = true;

  const run = (command: () => void): void => {
    const tag = googletagOf(win);
    tag.cmd.push(command);
  };

  const defineSlots = (slots: SsatSlot[]): void => {
    run(() => {
      const tag = googletagOf(win);
      if (typeof tag.defineSlot !== "function" || typeof tag.pubads !== "function") {
        return;
      }
      for (const slot of slots) {
        if (defined.has(slot.id)) {
          continue;
        }
        const gptSlot = tag.defineSlot(slot.gam_unit_path, slot.formats, slot.div_id);
        if (!gptSlot) {
          continue;
        }
        gptSlot.addService(tag.pubads());
        for (const [key, value] of Object.entries(slot.targeting ?? {})) {
          gptSlot.setTargeting(key, value);
        }
        defined.set(slot.id, gptSlot);
      }
      tag.enableServices?.();
    });
  };

  const applyBids = (bids: BidMap): void => {
    run(() => {
      const tag = googletagOf(win);
      if (typeof tag.pubads !== "function") {
        return;
      }
      const refresh: GptSlot[] = [];
      for (const [slotId, gptSlot] of defined) {
        for (const key of [...BID_KEYS, "hb_size", "hb_cache_host", "hb_cache_path"]) {
          gptSlot.clearTargeting?.(key);
        }
        const bid = bids[slotId];
        if (bid) {
          for (const [key, value] of Object.entries(targetingFor(bid))) {
            gptSlot.setTargeting(key, value);
          }
        }
        refresh.push(gptSlot);
      }
      if (refresh.length > 0) {
        tag.pubads().refresh(refresh);
      }
    });
  };

  const slotsOnPage = (): SsatSlot[] => (Array.isArray(api.adSlots) ? api.adSlots.filter(isSlot) : []);

  const adInit = (bids: BidMap | null | undefined): void => {
    const map = bids && typeof bids === "object" ? bids : {};
    defineSlots(slotsOnPage());
    for (const [slotId, bid] of Object.entries(map)) {
      api.renderBid(slotId, bid);
    }
    applyBids(map);
  };

  const whenReady = (action: () => void): void => {
    if (win.document.readyState === "loading") {
      win.document.addEventListener("DOMContentLoaded", action, { once: true });
    } else {
      action();
    }
  };

  api.scheduleInitialAdInit = (bids: BidMap) => {
    api.bids = bids;
    whenReady(() => adInit(bids));
  };

  // Bids from a browser-side auction get the same slots and targeting.
  api.onBids((bids) => {
    defineSlots(slotsOnPage());
    applyBids(bids);
  });

  const pageBids = async (path: string): Promise<void> => {
    const config = api.getConfig();
    if (!config.spa || !pageBidsAvailable) {
      return;
    }
    let answer: { slots?: unknown; bids?: unknown };
    try {
      const response = await win.fetch(`${config.pageBidsPath}?path=${encodeURIComponent(path)}`, {
        credentials: "same-origin",
        headers: { "X-TSJS-Page-Bids": "1" },
      });
      if (response.status === 404) {
        pageBidsAvailable = false;
        return;
      }
      if (!response.ok) {
        return;
      }
      answer = (await response.json()) as { slots?: unknown; bids?: unknown };
    } catch {
      return;
    }
    const tag = googletagOf(win);
    const old = [...defined.values()];
    defined.clear();
    if (old.length > 0) {
      run(() => tag.destroySlots?.(old));
    }
    api.adSlots = Array.isArray(answer.slots) ? answer.slots.filter(isSlot) : [];
    const bids = answer.bids && typeof answer.bids === "object" ? (answer.bids as BidMap) : {};
    api.bids = bids;
    adInit(bids);
  };

  const onNavigation = (): void => {
    const path = win.location.pathname;
    if (path === lastPath) {
      return;
    }
    lastPath = path;
    void pageBids(path);
  };

  // One history hook per window, whichever copy of the bundle installed it; it calls the latest module.
  const holder = win as unknown as { __tsjsNavigation?: () => void };
  const hooked = typeof holder.__tsjsNavigation === "function";
  holder.__tsjsNavigation = onNavigation;
  if (!hooked) {
    const history = win.history;
    const pushState = history.pushState;
    history.pushState = function (this: History, ...args: Parameters<History["pushState"]>) {
      const result = pushState.apply(this, args);
      holder.__tsjsNavigation?.();
      return result;
    };
    win.addEventListener("popstate", () => holder.__tsjsNavigation?.());
  }

  // The bids script may have run before this module loaded.
  if (api.bids && typeof api.bids === "object") {
    const early = api.bids;
    whenReady(() => adInit(early));
  }
}
