/** A server-side ad slot, as the SSAT head script assigns them to `tsjs.adSlots`. */
export interface SsatSlot {
  id: string;
  gam_unit_path: string;
  div_id: string;
  formats: Array<[number, number]>;
  targeting?: Record<string, string | string[]>;
}

/** One winning bid per slot id, as the SSAT bids script and `/_ts/page-bids` deliver them. */
export interface SlotBid {
  hb_pb: string;
  hb_bidder: string;
  hb_adid: string;
  hb_auction_id: string;
  w: number;
  h: number;
  nurl?: string;
  burl?: string;
  adm?: string;
  renderer?: RendererDescriptor;
  hb_cache_host?: string;
  hb_cache_path?: string;
}

export type BidMap = Record<string, SlotBid>;

/** A typed renderer descriptor (today only APS), rendered instead of markup. */
export interface RendererDescriptor {
  type: string;
  [key: string]: unknown;
}

/** A Prebid.js-style ad unit, the shape `POST /auction` takes. */
export interface AdUnit {
  code: string;
  mediaTypes: { banner: { sizes: Array<[number, number]> } };
  bids?: Array<{ bidder: string; params?: Record<string, unknown> }>;
  /** Where the creative goes; defaults to the element whose id is `code`. */
  divId?: string;
  floor?: number;
}

export interface TsjsConfig {
  auctionPath: string;
  pageBidsPath: string;
  creativeScript: string;
  consentTimeoutMs: number;
  auctionTimeoutMs: number;
  /** Re-run the server-side auction on history navigation (single-page apps). */
  spa: boolean;
  debug: boolean;
  /** Context keys sent as the body's `config` (the server keeps only those it allows). */
  context: Record<string, unknown>;
}

export type QueuedCommand = () => void;

export interface CommandQueue {
  push(...commands: QueuedCommand[]): number;
}

/** Renders a typed descriptor into a slot element; returns false when it refuses. */
export type Renderer = (slot: HTMLElement, bid: SlotBid) => boolean;

export interface AuctionOutcome {
  auctionId: string | null;
  bids: BidMap;
  /** Why no auction ran (`no_consent`, `no_ad_units`, `http_<status>`, `error`), or null when one did. */
  skipped: string | null;
}

/** The page-global API, `window.tsjs`. */
export interface TsjsApi {
  que: CommandQueue | QueuedCommand[];
  loaded?: boolean;
  version?: string;
  adSlots?: SsatSlot[];
  bids?: BidMap;
  setConfig(config: Partial<TsjsConfig>): void;
  getConfig(): TsjsConfig;
  addAdUnits(units: AdUnit | AdUnit[]): void;
  getAdUnits(): AdUnit[];
  removeAdUnit(code: string): boolean;
  requestAds(options?: { adUnits?: AdUnit[] }): Promise<AuctionOutcome>;
  renderBid(slotId: string, bid: SlotBid): boolean;
  registerRenderer(type: string, renderer: Renderer): void;
  onBids(listener: (bids: BidMap, source: string) => void): void;
  scheduleInitialAdInit?(bids: BidMap): void;
}

declare global {
  interface Window {
    tsjs?: Partial<TsjsApi> & { que?: CommandQueue | QueuedCommand[] };
  }
  /** The creative bundle's content hash, fixed at build time so its URL can be cached as immutable. */
  const __TSJS_CREATIVE_HASH__: string;
}
