import type { ConsentSnapshot } from "../../consent/index";
import type { BidderSpec, Eid, Params, PrebidBidRequest, PrebidBidResponse, ServerRequest } from "./types";

/** The bidder code of the adapter that takes every server-side bidder to `/auction`. */
export const ADAPTER_CODE = "trustedServer";
/** Where the shim keeps each server-side bidder's own params on the trustedServer bid. */
export const BIDDER_PARAMS = "bidderParams";
/** The ad unit's zone (`mediaTypes.banner.name`), for the server's per-zone bid param overrides. */
export const ZONE = "zone";

const MAX_ATYPE = 2_147_483_647;

const isObject = (value: unknown): value is Params => !!value && typeof value === "object" && !Array.isArray(value);
const positive = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value > 0;

/** `[w,h]` pairs from Prebid's `sizes` (one pair or a list of pairs); anything else is dropped. */
export function bannerSizes(sizes: unknown): Array<[number, number]> {
  if (!Array.isArray(sizes)) return [];
  const list: unknown[] = sizes.length === 2 && positive(sizes[0]) && positive(sizes[1]) ? [sizes] : sizes;
  const out: Array<[number, number]> = [];
  for (const size of list) {
    if (Array.isArray(size) && size.length === 2 && positive(size[0]) && positive(size[1])) {
      out.push([size[0], size[1]]);
    }
  }
  return out;
}

function floorOf(request: PrebidBidRequest): number | undefined {
  if (typeof request.getFloor !== "function") return undefined;
  try {
    const floor = request.getFloor({ currency: "USD", mediaType: "banner", size: "*" });
    return typeof floor?.floor === "number" && Number.isFinite(floor.floor) && floor.floor >= 0 ? floor.floor : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `POST /auction` body for Prebid.js's bid requests to the trustedServer adapter: one ad unit per request, with
 * the server-side bidders and their params the shim folded onto it, the zone, the floor, and the page's EIDs.
 */
export function auctionBody(requests: PrebidBidRequest[], eids?: Eid[]): Params {
  const adUnits: Params[] = [];
  const seen = new Set<string>();
  for (const request of requests) {
    const code = request.adUnitCode;
    const sizes = bannerSizes(request.mediaTypes?.banner?.sizes ?? request.sizes);
    if (!code || seen.has(code) || sizes.length === 0) continue;
    seen.add(code);
    const params = request.params ?? {};
    const bidders = isObject(params[BIDDER_PARAMS]) ? (params[BIDDER_PARAMS] as Params) : {};
    const banner: Params = { sizes };
    const zone = params[ZONE] ?? request.mediaTypes?.banner?.name;
    if (typeof zone === "string" && zone.length > 0) banner.name = zone;
    const unit: Params = {
      code,
      mediaTypes: { banner },
      bids: Object.entries(bidders).map(([bidder, value]) => ({ bidder, params: isObject(value) ? value : {} })),
    };
    const floor = floorOf(request);
    if (floor !== undefined) unit.floor = floor;
    adUnits.push(unit);
  }
  const body: Params = { adUnits };
  if (eids && eids.length > 0) body.eids = eids;
  return body;
}

/** The page's EIDs from Prebid's User ID modules, cleaned to what `/auction` reads; undefined when there are none. */
export function eidsFrom(raw: unknown): Eid[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const eids: Eid[] = [];
  for (const eid of raw as Array<{ source?: unknown; uids?: unknown }>) {
    if (typeof eid?.source !== "string" || eid.source.length === 0 || !Array.isArray(eid.uids)) continue;
    const uids: Eid["uids"] = [];
    for (const uid of eid.uids as Array<{ id?: unknown; atype?: unknown; ext?: unknown }>) {
      if (typeof uid?.id !== "string" || uid.id.length === 0) continue;
      const clean: Eid["uids"][number] = { id: uid.id };
      if (typeof uid.atype === "number" && Number.isInteger(uid.atype) && uid.atype >= 0 && uid.atype <= MAX_ATYPE) clean.atype = uid.atype;
      if (isObject(uid.ext)) clean.ext = uid.ext;
      uids.push(clean);
    }
    if (uids.length > 0) eids.push({ source: eid.source, uids });
  }
  return eids.length > 0 ? eids : undefined;
}

/** The `ts-eids` cookie's largest value: the server reads it on later requests, and other cookies need room too. */
export const MAX_EIDS_COOKIE = 3072;

/**
 * The `ts-eids` cookie value for these EIDs: base64 of their JSON, as the server reads it, with UIDs and then sources
 * dropped from the end until it fits. Undefined when nothing fits or there is nothing to keep.
 */
export function eidsCookieValue(eids: Eid[] | undefined, max = MAX_EIDS_COOKIE): string | undefined {
  let kept = (eids ?? []).map((eid) => ({ source: eid.source, uids: [...eid.uids] }));
  while (kept.length > 0) {
    const bytes = new TextEncoder().encode(JSON.stringify(kept));
    let binary = "";
    bytes.forEach((b) => (binary += String.fromCharCode(b)));
    const value = btoa(binary);
    if (value.length <= max) return value;
    const last = kept[kept.length - 1]!;
    if (last.uids.length > 1) last.uids.pop();
    else kept = kept.slice(0, -1);
  }
  return undefined;
}

const str = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/**
 * `/auction`'s OpenRTB answer as Prebid.js bid responses: each bid goes back to the bid request of its ad unit
 * (`impid` is the ad unit code), under its seat as the bidder code. Bids without markup (a typed renderer that
 * Prebid.js cannot show) and bids for ad units this request did not ask for are left out.
 */
export function toPrebidBids(body: unknown, requests: PrebidBidRequest[]): PrebidBidResponse[] {
  if (!isObject(body) || !Array.isArray(body.seatbid)) return [];
  const byCode = new Map<string, PrebidBidRequest>();
  for (const request of requests) {
    if (request.adUnitCode && request.bidId && !byCode.has(request.adUnitCode)) byCode.set(request.adUnitCode, request);
  }
  const currency = str(body.cur) ?? "USD";
  const out: PrebidBidResponse[] = [];
  for (const seat of body.seatbid as Array<{ seat?: unknown; bid?: unknown }>) {
    if (!isObject(seat) || !Array.isArray(seat.bid)) continue;
    for (const bid of seat.bid as Params[]) {
      if (!isObject(bid)) continue;
      const request = byCode.get(str(bid.impid) ?? "");
      const cpm = num(bid.price);
      const width = num(bid.w);
      const height = num(bid.h);
      const ad = str(bid.adm);
      if (!request || cpm === undefined || cpm <= 0 || width === undefined || height === undefined || !ad) continue;
      const response: PrebidBidResponse = {
        requestId: request.bidId!,
        cpm,
        width,
        height,
        ad,
        ttl: 300,
        creativeId: str(bid.crid) ?? str(bid.id) ?? request.bidId!,
        netRevenue: true,
        currency,
        mediaType: "banner",
        meta: { advertiserDomains: Array.isArray(bid.adomain) ? bid.adomain.filter((d): d is string => typeof d === "string") : [] },
      };
      const seatName = str(seat.seat);
      if (seatName) {
        response.bidderCode = seatName;
        response.meta.networkName = seatName;
      }
      const burl = str(bid.burl);
      if (burl) response.burl = burl;
      out.push(response);
    }
  }
  return out;
}

/** The consent Prebid.js's consent modules put on the bidder request (`gdprConsent`, `gppConsent`), if any. */
export function consentFrom(bidderRequest: unknown): ConsentSnapshot | undefined {
  const request = bidderRequest as { gdprConsent?: { consentString?: unknown; gdprApplies?: unknown }; gppConsent?: { gppString?: unknown; applicableSections?: unknown } } | undefined;
  const snapshot: ConsentSnapshot = {};
  const tc = request?.gdprConsent?.consentString;
  if (typeof tc === "string" && tc.length > 0) snapshot.tcString = tc;
  if (typeof request?.gdprConsent?.gdprApplies === "boolean") snapshot.gdprApplies = request.gdprConsent.gdprApplies;
  const gpp = request?.gppConsent?.gppString;
  if (typeof gpp === "string" && gpp.length > 0) {
    snapshot.gppString = gpp;
    const sections = request?.gppConsent?.applicableSections;
    if (Array.isArray(sections)) snapshot.gppSid = sections.filter((n): n is number => typeof n === "number" && Number.isInteger(n) && n > 0);
  }
  return snapshot.tcString || snapshot.gppString ? snapshot : undefined;
}

/**
 * The trustedServer bidder: Prebid.js's requests for it become one `POST /auction`; its answer becomes the bids.
 * `/auction` reads consent from the IAB cookies, so consent that Prebid.js's consent modules gathered from the CMP is
 * written to them (through `persist`) before the request goes.
 */
export function trustedServerSpec(endpoint: string, eids: () => Eid[] | undefined, persist?: (consent: ConsentSnapshot) => void): BidderSpec {
  return {
    code: ADAPTER_CODE,
    supportedMediaTypes: ["banner"],
    isBidRequestValid: (bid) => bannerSizes(bid.mediaTypes?.banner?.sizes ?? bid.sizes).length > 0,
    buildRequests(bids, bidderRequest): ServerRequest {
      // The User ID module puts the auction's EIDs on the bidder request (ortb2.user.ext.eids) and on each bid; the
      // global getUserIdsAsEids() is the fallback for a Prebid.js that does neither.
      const ortb2 = (bidderRequest as { ortb2?: { user?: { ext?: { eids?: unknown } } } } | undefined)?.ortb2;
      const auctionEids = eidsFrom(ortb2?.user?.ext?.eids) ?? eidsFrom(bids[0]?.userIdAsEids) ?? eids();
      const consent = consentFrom(bidderRequest);
      if (consent && persist) persist(consent);
      return {
        method: "POST",
        url: endpoint,
        data: JSON.stringify(auctionBody(bids, auctionEids)),
        // Same origin: the consent and Edge Cookie cookies go with it.
        options: { contentType: "application/json", withCredentials: true },
        bidRequests: [...bids],
      };
    },
    interpretResponse: (response, request) => toPrebidBids(response?.body, request?.bidRequests ?? []),
  };
}
