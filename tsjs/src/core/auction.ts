import type { AdUnit, BidMap, RendererDescriptor, SlotBid } from "../shared/types";

/** The Prebid.js-style body `POST /auction` takes: ad units, allowed context keys, and EIDs when the page has them. */
export function buildAuctionBody(units: AdUnit[], context: Record<string, unknown>, eids?: unknown[]): string {
  const body: Record<string, unknown> = {
    adUnits: units.map((unit) => {
      const out: Record<string, unknown> = {
        code: unit.code,
        mediaTypes: { banner: { sizes: unit.mediaTypes.banner.sizes.map(([w, h]) => [w, h]) } },
        bids: (unit.bids ?? []).map((bid) => (bid.params ? { bidder: bid.bidder, params: bid.params } : { bidder: bid.bidder })),
      };
      if (typeof unit.floor === "number") {
        out.floor = unit.floor;
      }
      return out;
    }),
  };
  if (context && Object.keys(context).length > 0) {
    body.config = context;
  }
  if (eids && eids.length > 0) {
    body.eids = eids;
  }
  return JSON.stringify(body);
}

interface OpenRtbBid {
  id?: unknown;
  impid?: unknown;
  price?: unknown;
  adm?: unknown;
  adid?: unknown;
  nurl?: unknown;
  burl?: unknown;
  w?: unknown;
  h?: unknown;
  ext?: { trusted_server?: { hb_pb?: unknown; renderer?: unknown } };
}

const str = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/**
 * The OpenRTB answer of `/auction` as the same per-slot bid map the server-side path delivers, so rendering and GPT
 * targeting have one input. A bid without something to render (markup or a typed renderer) is skipped.
 */
export function parseAuctionResponse(json: unknown): { auctionId: string | null; bids: BidMap } {
  const bids: BidMap = {};
  if (!json || typeof json !== "object") {
    return { auctionId: null, bids };
  }
  const response = json as { id?: unknown; seatbid?: unknown };
  const auctionId = str(response.id) ?? null;
  if (!Array.isArray(response.seatbid)) {
    return { auctionId, bids };
  }
  for (const seat of response.seatbid as Array<{ seat?: unknown; bid?: unknown }>) {
    if (!seat || !Array.isArray(seat.bid)) {
      continue;
    }
    for (const bid of seat.bid as OpenRtbBid[]) {
      const slot = str(bid?.impid);
      const w = num(bid?.w);
      const h = num(bid?.h);
      const price = num(bid?.price);
      if (!slot || w === undefined || h === undefined || price === undefined || bids[slot]) {
        continue;
      }
      const trusted = bid.ext?.trusted_server;
      const renderer = trusted?.renderer;
      const adm = str(bid.adm);
      const hasRenderer = !!renderer && typeof renderer === "object" && typeof (renderer as RendererDescriptor).type === "string";
      if (!adm && !hasRenderer) {
        continue;
      }
      const entry: SlotBid = {
        hb_pb: str(trusted?.hb_pb) ?? price.toFixed(2),
        hb_bidder: str(seat.seat) ?? "unknown",
        hb_adid: (str(bid.adid) ?? str(bid.id) ?? slot).slice(0, 40),
        hb_auction_id: auctionId ?? "",
        w,
        h,
      };
      if (adm) entry.adm = adm;
      if (hasRenderer) entry.renderer = renderer as RendererDescriptor;
      const nurl = str(bid.nurl);
      const burl = str(bid.burl);
      if (nurl) entry.nurl = nurl;
      if (burl) entry.burl = burl;
      bids[slot] = entry;
    }
  }
  return { auctionId, bids };
}
