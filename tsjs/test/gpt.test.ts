import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { targetingFor } from "../src/gpt/index";
import type { BidMap } from "../src/shared/types";
import { fakeGoogletag, jsonResponse, loadUnified, resetPage } from "./helpers";

const slots = [
  { id: "top", gam_unit_path: "/1234/top", div_id: "ad-top", formats: [[728, 90]] as Array<[number, number]>, targeting: { pos: "atf" } },
  { id: "side", gam_unit_path: "/1234/side", div_id: "ad-side", formats: [[300, 250]] as Array<[number, number]> },
];
const bids: BidMap = {
  top: { hb_pb: "1.20", hb_bidder: "demo_bidder", hb_adid: "ad-1", hb_auction_id: "auc", w: 728, h: 90, adm: "<div>top</div>" },
};

beforeEach(() => {
  resetPage();
  document.body.innerHTML = '<div id="ad-top"></div><div id="ad-side"></div>';
});
afterEach(() => vi.unstubAllGlobals());

describe("hb_* targeting", () => {
  it("carries the price bucket, bidder, ad id, auction id and size", () => {
    expect(targetingFor(bids.top!)).toEqual({ hb_pb: "1.20", hb_bidder: "demo_bidder", hb_adid: "ad-1", hb_auction_id: "auc", hb_size: "728x90" });
  });
});

describe("scheduleInitialAdInit", () => {
  it("bids assigned before the bundle loaded are consumed when it loads", async () => {
    const gpt = fakeGoogletag();
    (window as unknown as { googletag: unknown }).googletag = gpt.tag;
    window.tsjs = { adSlots: slots, bids };

    await loadUnified();
    gpt.runQueue();

    expect(gpt.slots.map((s) => [s.path, s.div])).toEqual([["/1234/top", "ad-top"], ["/1234/side", "ad-side"]]);
    expect(gpt.slots[0]!.targeting).toMatchObject({ pos: "atf", hb_pb: "1.20", hb_bidder: "demo_bidder" });
    expect(gpt.slots[1]!.targeting.hb_pb).toBeUndefined();
    expect(gpt.refreshed).toEqual([["ad-top", "ad-side"]]);
    expect(document.querySelector("#ad-top iframe")).not.toBeNull();
    expect(document.querySelector("#ad-side iframe")).toBeNull();
  });

  it("bids delivered after the bundle loaded go through tsjs.scheduleInitialAdInit, GPT loading last", async () => {
    window.tsjs = { adSlots: slots };
    const api = await loadUnified();
    // The server's bids script, as written before </body>.
    const t = window.tsjs as { scheduleInitialAdInit?: (b: BidMap) => void; bids?: BidMap };
    if (typeof t.scheduleInitialAdInit === "function") t.scheduleInitialAdInit(bids);
    else t.bids = bids;
    expect(api.bids).toBe(bids);
    expect(document.querySelector("#ad-top iframe")).not.toBeNull();

    const gpt = fakeGoogletag();
    const queued = (window as unknown as { googletag: { cmd: Array<() => void> } }).googletag.cmd;
    gpt.tag.cmd = queued;
    (window as unknown as { googletag: unknown }).googletag = gpt.tag;
    gpt.runQueue();
    expect(gpt.slots[0]!.targeting.hb_pb).toBe("1.20");
    expect(gpt.refreshed).toHaveLength(1);
  });

  it("an auction from the browser sets the same targeting", async () => {
    const gpt = fakeGoogletag();
    gpt.runQueue();
    (window as unknown as { googletag: unknown }).googletag = gpt.tag;
    vi.stubGlobal("fetch", vi.fn(async () =>
      jsonResponse({ id: "auc-2", seatbid: [{ seat: "demo_bidder", bid: [{ id: "b", impid: "side", price: 1.25, w: 300, h: 250, adm: "<i>x</i>", ext: { trusted_server: { hb_pb: "1.25" } } }] }] }),
    ));
    window.tsjs = { adSlots: slots };
    const api = await loadUnified();
    await api.requestAds();
    expect(gpt.slots.find((s) => s.div === "ad-side")!.targeting).toMatchObject({ hb_pb: "1.25", hb_auction_id: "auc-2" });
  });
});

describe("single-page navigation", () => {
  it("asks /_ts/page-bids for the new path with the tsjs header and fills the new slots", async () => {
    const gpt = fakeGoogletag();
    gpt.runQueue();
    (window as unknown as { googletag: unknown }).googletag = gpt.tag;
    const fetch = vi.fn(async () => jsonResponse({ slots: [slots[1]], bids: { side: { ...bids.top!, w: 300, h: 250, adm: "<p>side</p>" } } }));
    vi.stubGlobal("fetch", fetch);
    window.tsjs = { adSlots: [slots[0]!] };
    await loadUnified();

    history.pushState({}, "", "/articles/next?x=1");
    await vi.waitFor(() => expect(document.querySelector("#ad-side iframe")).not.toBeNull());

    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/_ts/page-bids?path=%2Farticles%2Fnext");
    expect((init.headers as Record<string, string>)["X-TSJS-Page-Bids"]).toBe("1");
    expect(gpt.slots[gpt.slots.length - 1]!.targeting.hb_pb).toBe("1.20");

    // Same path again: no new auction.
    history.pushState({}, "", "/articles/next?x=2");
    expect(fetch).toHaveBeenCalledTimes(1);
    history.pushState({}, "", "/");
  });

  it("stops asking once the server says page bids are not configured", async () => {
    const fetch = vi.fn(async () => new Response("", { status: 404 }));
    vi.stubGlobal("fetch", fetch);
    await loadUnified();
    history.pushState({}, "", "/a");
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    history.pushState({}, "", "/b");
    await new Promise((r) => setTimeout(r, 10));
    expect(fetch).toHaveBeenCalledTimes(1);
    history.pushState({}, "", "/");
  });
});
