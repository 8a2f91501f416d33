import { persistConsentCookies } from "../../consent/index";
import { ADAPTER_CODE, BIDDER_PARAMS, ZONE, eidsCookieValue, eidsFrom, trustedServerSpec } from "./adapter";
import type { Params, Pbjs, PrebidAdUnit, PrebidBundleManifest, PrebidClientConfig } from "./types";

type PrebidWindow = Window & typeof globalThis & {
  pbjs?: Pbjs;
  __tsjs_prebid?: PrebidClientConfig;
  __tsjs_prebid_bundle?: PrebidBundleManifest;
  __tsjsPrebidShimInstalled?: boolean;
};

const isObject = (value: unknown): value is Params => !!value && typeof value === "object" && !Array.isArray(value);

/**
 * Routes an ad unit's bidders: every bidder that is not client-side leaves the unit and its params are folded onto
 * one trustedServer bid (so its demand goes through `/auction`); client-side bidders stay and run in the browser
 * with their own Prebid.js adapters. Calling it again on the same unit keeps the params it folded the first time.
 */
export function routeAdUnit(unit: PrebidAdUnit, clientSide: ReadonlySet<string>): void {
  const bids = Array.isArray(unit.bids) ? unit.bids : [];
  const folded: Params = {};
  let existing: { bidder?: string; params?: Params } | undefined;
  for (const bid of bids) {
    if (!bid || typeof bid.bidder !== "string") continue;
    if (bid.bidder === ADAPTER_CODE) {
      existing = bid;
    } else if (!clientSide.has(bid.bidder)) {
      folded[bid.bidder] = isObject(bid.params) ? bid.params : {};
    }
  }
  const previous = isObject(existing?.params?.[BIDDER_PARAMS]) ? (existing!.params![BIDDER_PARAMS] as Params) : {};
  const params: Params = { ...(existing?.params ?? {}), [BIDDER_PARAMS]: { ...previous, ...folded } };
  const zone = unit.mediaTypes?.banner?.name;
  if (typeof zone === "string" && zone.length > 0) params[ZONE] = zone;
  const kept = bids.filter((bid) => bid && typeof bid.bidder === "string" && bid.bidder !== ADAPTER_CODE && clientSide.has(bid.bidder));
  unit.bids = [{ bidder: ADAPTER_CODE, params }, ...kept];
}

/**
 * Keeps the `ts-eids` cookie in step with the page's User ID modules after each auction, so the server has the IDs
 * on later requests that carry none (its own page auctions, `/auction` calls without a body `eids`); without IDs the
 * cookie is removed, so none outlive the modules' own storage.
 */
function syncEidsCookie(win: PrebidWindow, pbjs: Pbjs): void {
  let value: string | undefined;
  try {
    value = eidsCookieValue(eidsFrom(typeof pbjs.getUserIdsAsEids === "function" ? pbjs.getUserIdsAsEids() : undefined));
  } catch {
    value = undefined;
  }
  const secure = win.location.protocol === "https:" ? "; Secure" : "";
  win.document.cookie = value
    ? `ts-eids=${value}; Path=/; Max-Age=86400; SameSite=Lax${secure}`
    : `ts-eids=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
}

function report(win: PrebidWindow, message: string): void {
  win.console?.error?.(`[tsjs-prebid] ${message}`);
}

/**
 * Installs the trustedServer adapter on the page's Prebid.js (the external bundle, loaded just before this module)
 * and then lets Prebid.js run the publisher's queued commands, so every `requestBids` already goes through
 * `/auction`. Returns false when there is nothing to install on (the bundle did not load) or it already ran.
 */
export function installPrebidShim(win: PrebidWindow): boolean {
  if (win.__tsjsPrebidShimInstalled) return false;
  const pbjs = (win.pbjs = win.pbjs ?? { que: [], cmd: [] });
  if (typeof pbjs.registerBidAdapter !== "function" || typeof pbjs.requestBids !== "function") {
    report(win, "window.pbjs has no Prebid.js API: the external Prebid bundle did not load; its ads are not requested");
    return false;
  }
  win.__tsjsPrebidShimInstalled = true;
  const config: PrebidClientConfig = isObject(win.__tsjs_prebid) ? win.__tsjs_prebid : {};
  const clientSide = new Set((Array.isArray(config.clientSideBidders) ? config.clientSideBidders : []).filter((b) => typeof b === "string"));
  const endpoint = typeof config.auctionEndpoint === "string" && config.auctionEndpoint.startsWith("/") ? config.auctionEndpoint : "/auction";

  pbjs.registerBidAdapter(undefined, ADAPTER_CODE, trustedServerSpec(endpoint, () => {
    try {
      return eidsFrom(typeof pbjs.getUserIdsAsEids === "function" ? pbjs.getUserIdsAsEids() : undefined);
    } catch {
      return undefined;
    }
  }, (consent) => persistConsentCookies(win.document, consent)));

  const requestBids = pbjs.requestBids.bind(pbjs);
  pbjs.requestBids = function (request?: { adUnits?: PrebidAdUnit[]; [key: string]: unknown }) {
    const options = request ?? {};
    const units = Array.isArray(options.adUnits) ? options.adUnits : Array.isArray(pbjs.adUnits) ? pbjs.adUnits : [];
    for (const unit of units) {
      if (unit && typeof unit === "object") routeAdUnit(unit, clientSide);
    }
    // Set on every call: publisher code may replace bidderSettings. The answer's seats are the real bidders.
    const settings = isObject(pbjs.bidderSettings) ? pbjs.bidderSettings : {};
    pbjs.bidderSettings = { ...settings, [ADAPTER_CODE]: { ...(settings[ADAPTER_CODE] ?? {}), allowAlternateBidderCodes: true, allowedAlternateBidderCodes: ["*"] } };
    const bidsBack = options.bidsBackHandler;
    options.bidsBackHandler = function (this: unknown, ...args: unknown[]) {
      syncEidsCookie(win, pbjs);
      if (typeof bidsBack === "function") return (bidsBack as (...a: unknown[]) => unknown).apply(this, args);
      return undefined;
    };
    return requestBids(options);
  };

  if (typeof config.timeout === "number" && config.timeout > 0) {
    pbjs.setConfig?.({ bidderTimeout: config.timeout });
  }

  const bundled = isObject(win.__tsjs_prebid_bundle) && Array.isArray(win.__tsjs_prebid_bundle.adapters) ? win.__tsjs_prebid_bundle.adapters : undefined;
  for (const bidder of clientSide) {
    if (bundled && !bundled.includes(bidder)) {
      report(win, `client-side bidder "${bidder}" has no adapter in the external Prebid bundle; it gets no bids`);
    }
  }

  // A Prebid.js built from npm runs the page's pbjs.que only when told to: now that the adapter is in place.
  void pbjs.processQueue?.();
  return true;
}
