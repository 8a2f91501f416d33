import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildAuctionBody, parseAuctionResponse } from "../src/core/auction";
import { mergeConfig, defaultConfig } from "../src/core/config";
import { drainQueue } from "../src/core/queue";
import { AdUnitRegistry, validateAdUnit } from "../src/core/registry";
import type { AdUnit } from "../src/shared/types";
import { auctionAnswer, jsonResponse, loadUnified, resetPage } from "./helpers";

const banner = (code: string, w: number, h: number, extra: Partial<AdUnit> = {}): AdUnit => ({
  code,
  mediaTypes: { banner: { sizes: [[w, h]] } },
  ...extra,
});

beforeEach(resetPage);
afterEach(() => vi.unstubAllGlobals());

describe("queue", () => {
  it("runs commands queued before the bundle loaded, in order, then runs new ones at once", async () => {
    const order: string[] = [];
    window.tsjs = { que: [() => order.push("first"), () => order.push("second")] };

    const api = await loadUnified();
    expect(order).toEqual(["first", "second"]);
    expect(api.loaded).toBe(true);

    api.que.push(() => order.push("third"));
    expect(order).toEqual(["first", "second", "third"]);
  });

  it("keeps the page's own tsjs object, so a command holding on to it reaches the live API", async () => {
    const page: { que: Array<() => void>; requestAds?: unknown } = { que: [] };
    let seen: unknown;
    page.que.push(() => {
      seen = typeof page.requestAds;
    });
    window.tsjs = page as never;
    const api = await loadUnified();
    expect(seen).toBe("function");
    expect(api).toBe(page);
  });

  it("keeps running the queue after a command throws", () => {
    const ran: number[] = [];
    const errors: unknown[] = [];
    const queue = drainQueue([() => ran.push(1), () => { throw new Error("boom"); }, () => ran.push(3)], (e) => errors.push(e));
    expect(ran).toEqual([1, 3]);
    expect(errors).toHaveLength(1);
    queue.push(() => ran.push(4));
    expect(ran).toEqual([1, 3, 4]);
  });

  it("queued commands see the whole API, including setConfig and the GPT entry point", async () => {
    let seen: unknown[] = [];
    window.tsjs = { que: [() => { seen = [typeof window.tsjs?.setConfig, typeof window.tsjs?.scheduleInitialAdInit]; }] };
    await loadUnified();
    expect(seen).toEqual(["function", "function"]);
  });
});

describe("config", () => {
  it("takes known keys of the right type and ignores the rest", () => {
    const merged = mergeConfig(defaultConfig(), { auctionTimeoutMs: 900, debug: "yes" as unknown as boolean, unknown: 1 } as never);
    expect(merged.auctionTimeoutMs).toBe(900);
    expect(merged.debug).toBe(false);
    expect((merged as unknown as Record<string, unknown>).unknown).toBeUndefined();
  });
});

describe("ad unit registry", () => {
  it("adds, replaces by code and removes units", () => {
    const registry = new AdUnitRegistry();
    const refused: string[] = [];
    registry.add([banner("top", 728, 90), banner("side", 300, 250)], (r) => refused.push(r));
    registry.add(banner("top", 970, 250), (r) => refused.push(r));
    expect(registry.all().map((u) => u.code)).toEqual(["top", "side"]);
    expect(registry.get("top")?.mediaTypes.banner.sizes).toEqual([[970, 250]]);
    expect(registry.remove("side")).toBe(true);
    expect(registry.remove("side")).toBe(false);
    expect(refused).toEqual([]);
  });

  it("refuses units /auction would refuse, naming the problem", () => {
    expect(validateAdUnit({ code: "", mediaTypes: { banner: { sizes: [[1, 1]] } } })).toMatch(/code/);
    expect(validateAdUnit({ code: "x", mediaTypes: { banner: { sizes: [[300]] } } })).toMatch(/sizes/);
    expect(validateAdUnit({ code: "x", mediaTypes: { banner: { sizes: [] } } })).toMatch(/sizes/);
    expect(validateAdUnit(banner("ok", 300, 250))).toBeNull();
  });
});

describe("request body", () => {
  it("is the Prebid.js shape /auction parses", () => {
    const body = JSON.parse(
      buildAuctionBody(
        [banner("top", 728, 90, { bids: [{ bidder: "demo", params: { placement: 1 } }], divId: "ad-top", floor: 0.5 })],
        { section: "news" },
      ),
    );
    expect(body).toEqual({
      adUnits: [{ code: "top", mediaTypes: { banner: { sizes: [[728, 90]] } }, bids: [{ bidder: "demo", params: { placement: 1 } }], floor: 0.5 }],
      config: { section: "news" },
    });
  });

  it("maps the OpenRTB answer to one bid per slot with its hb_* values", () => {
    const { auctionId, bids } = parseAuctionResponse(auctionAnswer([{ slot: "top", seat: "demo_bidder", price: 1.25, w: 728, h: 90, adm: "<b>ad</b>" }]));
    expect(auctionId).toBe("auction-1");
    expect(bids.top).toEqual({ hb_pb: "1.25", hb_bidder: "demo_bidder", hb_adid: "top-bid", hb_auction_id: "auction-1", w: 728, h: 90, adm: "<b>ad</b>" });
  });

  it("skips bids with nothing to render and malformed answers", () => {
    expect(parseAuctionResponse(auctionAnswer([{ slot: "top", seat: "x", price: 1, w: 1, h: 1 }])).bids).toEqual({});
    expect(parseAuctionResponse("nonsense").bids).toEqual({});
    expect(parseAuctionResponse({ seatbid: [{ bid: [{ impid: "top", w: "1" }] }] }).bids).toEqual({});
  });
});

describe("requestAds", () => {
  it("posts the registered units to /auction and renders each winner into its slot", async () => {
    document.body.innerHTML = '<div id="ad-top"></div><div id="ad-side"></div>';
    const fetch = vi.fn(async () =>
      jsonResponse(auctionAnswer([
        { slot: "top", seat: "demo_bidder", price: 1.25, w: 728, h: 90, adm: "<div>top ad</div>" },
        { slot: "side", seat: "demo_bidder", price: 1.25, w: 300, h: 250, adm: "<div>side ad</div>" },
      ])),
    );
    vi.stubGlobal("fetch", fetch);
    const api = await loadUnified();
    api.addAdUnits([banner("top", 728, 90, { divId: "ad-top" }), banner("side", 300, 250, { divId: "ad-side" })]);

    const outcome = await api.requestAds();

    expect(outcome.skipped).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe("/auction");
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body)).adUnits.map((u: AdUnit) => u.code)).toEqual(["top", "side"]);
    const frame = document.querySelector("#ad-top iframe") as HTMLIFrameElement;
    expect(frame.getAttribute("width")).toBe("728");
    expect(frame.srcdoc).toContain("<div>top ad</div>");
    expect(document.querySelector("#ad-side iframe")).not.toBeNull();
  });

  it("falls back to the server's tsjs.adSlots when no unit was registered", async () => {
    const fetch = vi.fn(async () => jsonResponse({ id: "a", seatbid: [] }));
    vi.stubGlobal("fetch", fetch);
    window.tsjs = { adSlots: [{ id: "side", gam_unit_path: "/1/side", div_id: "ad-side", formats: [[300, 250]] }] };
    const api = await loadUnified();
    await api.requestAds();
    const body = JSON.parse(String((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].body));
    expect(body.adUnits).toEqual([{ code: "side", mediaTypes: { banner: { sizes: [[300, 250]] } }, bids: [] }]);
  });

  it("does not call /auction when the CMP says purpose 1 was refused under GDPR", async () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    (window as unknown as { __tcfapi: unknown }).__tcfapi = (_c: string, _v: number, cb: (d: unknown, ok: boolean) => void) =>
      cb({ gdprApplies: true, tcString: "CONSENT", purpose: { consents: { 1: false } } }, true);
    const api = await loadUnified();
    api.addAdUnits(banner("top", 728, 90));
    const outcome = await api.requestAds();
    expect(outcome.skipped).toBe("no_consent");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("writes the CMP's consent into the IAB cookies the server reads before asking", async () => {
    let cookieAtFetch = "";
    vi.stubGlobal("fetch", vi.fn(async () => {
      cookieAtFetch = document.cookie;
      return jsonResponse({ id: "a", seatbid: [] });
    }));
    (window as unknown as { __tcfapi: unknown }).__tcfapi = (_c: string, _v: number, cb: (d: unknown, ok: boolean) => void) =>
      cb({ gdprApplies: true, tcString: "CPtcString", purpose: { consents: { 1: true } } }, true);
    (window as unknown as { __gpp: unknown }).__gpp = (_c: string, cb: (d: unknown, ok: boolean) => void) =>
      cb({ gppString: "DBABMA~CP", applicableSections: [2, 7] }, true);
    const api = await loadUnified();
    api.addAdUnits(banner("top", 728, 90));
    await api.requestAds();
    expect(cookieAtFetch).toContain("euconsent-v2=CPtcString");
    expect(cookieAtFetch).toContain("__gpp=DBABMA~CP");
    expect(cookieAtFetch).toContain("__gpp_sid=2,7");
  });

  it("goes on without consent signals when the CMP never answers", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ id: "a", seatbid: [] })));
    (window as unknown as { __tcfapi: unknown }).__tcfapi = () => {};
    const api = await loadUnified();
    api.setConfig({ consentTimeoutMs: 10 });
    api.addAdUnits(banner("top", 728, 90));
    expect((await api.requestAds()).skipped).toBeNull();
  });

  it("reports an error status without rendering", async () => {
    document.body.innerHTML = '<div id="top">house ad</div>';
    vi.stubGlobal("fetch", vi.fn(async () => new Response("no", { status: 502 })));
    const api = await loadUnified();
    api.addAdUnits(banner("top", 728, 90));
    expect((await api.requestAds()).skipped).toBe("http_502");
    expect(document.getElementById("top")?.textContent).toBe("house ad");
  });
});
