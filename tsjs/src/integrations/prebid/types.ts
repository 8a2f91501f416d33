/** The client config the server writes into the page as `window.__tsjs_prebid` from `[integrations.prebid]`. */
export interface PrebidClientConfig {
  accountId?: string;
  timeout?: number;
  auctionEndpoint?: string;
  bidders?: string[];
  clientSideBidders?: string[];
  excludedGamAdUnitPathSuffixes?: string[];
  debug?: boolean;
}

/** What the external bundle says it holds (`window.__tsjs_prebid_bundle`). */
export interface PrebidBundleManifest {
  version?: string;
  adapters?: string[];
  userIdModules?: string[];
}

export type Params = Record<string, unknown>;

/** A bid entry of a Prebid.js ad unit. */
export interface PrebidBid {
  bidder?: string;
  params?: Params;
}

/** The part of a Prebid.js ad unit the shim reads and changes. */
export interface PrebidAdUnit {
  code?: string;
  mediaTypes?: { banner?: { sizes?: unknown; name?: unknown } };
  bids?: PrebidBid[];
}

/** The part of a Prebid.js bid request (one ad unit, one bidder) the adapter reads. */
export interface PrebidBidRequest {
  bidId?: string;
  adUnitCode?: string;
  params?: Params;
  mediaTypes?: { banner?: { sizes?: unknown; name?: unknown } };
  sizes?: unknown;
  userIdAsEids?: unknown;
  getFloor?: (request: { currency: string; mediaType: string; size: string }) => { floor?: unknown; currency?: unknown } | undefined;
}

/** A Prebid.js bid response as an adapter's `interpretResponse` returns it. */
export interface PrebidBidResponse {
  requestId: string;
  cpm: number;
  width: number;
  height: number;
  ad: string;
  ttl: number;
  creativeId: string;
  netRevenue: boolean;
  currency: string;
  mediaType: "banner";
  bidderCode?: string;
  burl?: string;
  meta: { advertiserDomains: string[]; networkName?: string };
}

/** A Prebid.js bid adapter spec (the `registerBidAdapter(undefined, code, spec)` form). */
export interface BidderSpec {
  code: string;
  supportedMediaTypes: string[];
  isBidRequestValid(bid: PrebidBidRequest): boolean;
  buildRequests(bids: PrebidBidRequest[], bidderRequest?: unknown): ServerRequest | ServerRequest[];
  interpretResponse(response: { body?: unknown }, request: ServerRequest): PrebidBidResponse[];
}

export interface ServerRequest {
  method: "POST";
  url: string;
  data: string;
  options: { contentType: string; withCredentials: boolean };
  bidRequests: PrebidBidRequest[];
}

export type Eid = { source: string; uids: Array<{ id: string; atype?: number; ext?: Params }> };

/** The part of the `pbjs` global the shim uses. */
export interface Pbjs {
  que?: Array<() => void>;
  cmd?: Array<() => void>;
  version?: string;
  adUnits?: PrebidAdUnit[];
  bidderSettings?: Record<string, Params>;
  registerBidAdapter?: (adaptor: undefined, code: string, spec: BidderSpec) => void;
  requestBids?: (request?: { adUnits?: PrebidAdUnit[]; [key: string]: unknown }) => unknown;
  setConfig?: (config: Params) => void;
  processQueue?: () => unknown;
  getUserIdsAsEids?: () => unknown;
  [key: string]: unknown;
}
