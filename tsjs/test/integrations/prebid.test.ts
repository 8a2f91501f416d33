import { afterEach, describe, expect, it, vi } from "vitest";
import { auctionBody, consentFrom, eidsCookieValue, eidsFrom, toPrebidBids, trustedServerSpec } from "../../src/integrations/prebid/adapter";
import { installPrebidShim, routeAdUnit } from "../../src/integrations/prebid/shim";
import type { BidderSpec, Pbjs, PrebidAdUnit, PrebidBidRequest } from "../../src/integrations/prebid/types";

type TestWindow = Parameters<typeof installPrebidShim>[0];
const win = window as TestWindow;

/** A stand-in for the parts of Prebid.js the shim touches, recording what it was given. */
function fakePbjs() {
  const registered: Array<{ code: string; spec: BidderSpec }> = [];
  const requested: Array<{ adUnits?: PrebidAdUnit[] }> = [];
  const config: Record<string, unknown>[] = [];
  const pbjs: Pbjs = {
    que: [],
    adUnits: [],
    registerBidAdapter: (_adaptor, code, spec) => void registered.push({ code, spec }),
    requestBids: (request) => void requested.push(request ?? {}),
    setConfig: (value) => void config.push(value),
    processQueue() {
      for (const command of pbjs.que ?? []) command();
    },
  };
  return { pbjs, registered, requested, config };
}

afterEach(() => {
  delete win.pbjs;
  delete win.__tsjs_prebid;
  delete win.__tsjs_prebid_bundle;
  delete win.__tsjsPrebidShimInstalled;
});

const request = (code: string, bidId: string, params: Record<string, unknown>, sizes: unknown = [[300, 250]]): PrebidBidRequest => ({
  adUnitCode: code,
  bidId,
  params,
  mediaTypes: { banner: { sizes } },
});

describe("routeAdUnit", () => {
  it("folds server-side bidders onto one trustedServer bid and keeps client-side bidders", () => {
    const unit: PrebidAdUnit = {
      code: "ad-top",
      mediaTypes: { banner: { sizes: [[728, 90]], name: "header" } },
      bids: [
        { bidder: "kargo", params: { placementId: "k1" } },
        { bidder: "rubicon", params: { accountId: 7 } },
        { bidder: "appnexus", params: { placementId: 13144370 } },
      ],
    };
    routeAdUnit(unit, new Set(["rubicon"]));
    expect(unit.bids).toEqual([
      { bidder: "trustedServer", params: { bidderParams: { kargo: { placementId: "k1" }, appnexus: { placementId: 13144370 } }, zone: "header" } },
      { bidder: "rubicon", params: { accountId: 7 } },
    ]);
  });

  it("keeps the folded params when the same unit is requested again", () => {
    const unit: PrebidAdUnit = { code: "a", bids: [{ bidder: "kargo", params: { placementId: "k1" } }] };
    routeAdUnit(unit, new Set());
    routeAdUnit(unit, new Set());
    expect(unit.bids).toEqual([{ bidder: "trustedServer", params: { bidderParams: { kargo: { placementId: "k1" } } } }]);
  });
});

describe("the /auction body", () => {
  it("has one ad unit per request with its sizes, zone, server-side bidders, floor and the EIDs", () => {
    const top = request("ad-top", "b1", { bidderParams: { kargo: { placementId: "k1" } }, zone: "header" }, [728, 90]);
    top.getFloor = () => ({ floor: 0.5, currency: "USD" });
    const body = auctionBody([top, request("ad-side", "b2", {}), request("ad-side", "b3", {})], [{ source: "pubcid.org", uids: [{ id: "x", atype: 1 }] }]);
    expect(body).toEqual({
      adUnits: [
        { code: "ad-top", mediaTypes: { banner: { sizes: [[728, 90]], name: "header" } }, bids: [{ bidder: "kargo", params: { placementId: "k1" } }], floor: 0.5 },
        { code: "ad-side", mediaTypes: { banner: { sizes: [[300, 250]] } }, bids: [] },
      ],
      eids: [{ source: "pubcid.org", uids: [{ id: "x", atype: 1 }] }],
    });
  });

  it("leaves out requests without a code or a usable size, and EIDs when there are none", () => {
    expect(auctionBody([request("", "b1", {}), request("x", "b2", {}, [[0, 250]])], [])).toEqual({ adUnits: [] });
  });

  it("keeps only well-formed EIDs from getUserIdsAsEids()", () => {
    expect(
      eidsFrom([
        { source: "pubcid.org", uids: [{ id: "abc", atype: 1, ext: { stype: "ppuid" } }, { id: "" }, { id: 5 }] },
        { source: "", uids: [{ id: "x" }] },
        { source: "id5-sync.com", uids: [{ id: "id5", atype: -1 }] },
        { source: "empty.example", uids: [] },
        null,
      ]),
    ).toEqual([
      { source: "pubcid.org", uids: [{ id: "abc", atype: 1, ext: { stype: "ppuid" } }] },
      { source: "id5-sync.com", uids: [{ id: "id5" }] },
    ]);
    expect(eidsFrom([])).toBeUndefined();
    expect(eidsFrom("nope")).toBeUndefined();
  });
});

describe("the answer as Prebid bids", () => {
  const requests = [request("ad-top", "b1", {}), request("ad-side", "b2", {})];

  it("maps each winner to its ad unit's bid request under its seat", () => {
    const answer = {
      id: "auc",
      cur: "USD",
      seatbid: [
        { seat: "demo_bidder", bid: [{ id: "w1", impid: "ad-top", price: 1.25, w: 728, h: 90, adm: "<div>top</div>", crid: "cr-1", adomain: ["adv.example"], burl: "https://b.example/bill" }] },
        { seat: "other", bid: [{ id: "w2", impid: "ad-side", price: 0.8, w: 300, h: 250, adm: "<div>side</div>" }] },
      ],
    };
    expect(toPrebidBids(answer, requests)).toEqual([
      { requestId: "b1", cpm: 1.25, width: 728, height: 90, ad: "<div>top</div>", ttl: 300, creativeId: "cr-1", netRevenue: true, currency: "USD", mediaType: "banner", bidderCode: "demo_bidder", burl: "https://b.example/bill", meta: { advertiserDomains: ["adv.example"], networkName: "demo_bidder" } },
      { requestId: "b2", cpm: 0.8, width: 300, height: 250, ad: "<div>side</div>", ttl: 300, creativeId: "w2", netRevenue: true, currency: "USD", mediaType: "banner", bidderCode: "other", meta: { advertiserDomains: [], networkName: "other" } },
    ]);
  });

  it("skips bids it cannot use: no markup, no price, an unknown ad unit, a bad answer", () => {
    const answer = {
      seatbid: [
        { seat: "aps", bid: [{ impid: "ad-top", price: 2, w: 728, h: 90, ext: { trusted_server: { renderer: { type: "aps" } } } }] },
        { seat: "x", bid: [{ impid: "ad-side", price: 0, w: 300, h: 250, adm: "<p>" }, { impid: "elsewhere", price: 1, w: 1, h: 1, adm: "<p>" }, null] },
        { seat: "y", bid: "nope" },
      ],
    };
    expect(toPrebidBids(answer, requests)).toEqual([]);
    expect(toPrebidBids({ seatbid: [] }, requests)).toEqual([]);
    expect(toPrebidBids(null, requests)).toEqual([]);
    expect(toPrebidBids("<html>", requests)).toEqual([]);
  });

  it("the adapter posts JSON with cookies to the endpoint and reads the answer back for the same requests", () => {
    const spec = trustedServerSpec("/auction", () => undefined);
    const built = spec.buildRequests(requests) as { method: string; url: string; data: string; options: unknown };
    expect(built.method).toBe("POST");
    expect(built.url).toBe("/auction");
    expect(built.options).toEqual({ contentType: "application/json", withCredentials: true });
    expect(JSON.parse(built.data).adUnits.map((u: { code: string }) => u.code)).toEqual(["ad-top", "ad-side"]);
    const bids = spec.interpretResponse({ body: { seatbid: [{ seat: "s", bid: [{ impid: "ad-side", price: 1, w: 300, h: 250, adm: "<b>" }] }] } }, built as never);
    expect(bids.map((b) => b.requestId)).toEqual(["b2"]);
    expect(spec.isBidRequestValid(request("a", "b", {}, []))).toBe(false);
  });
});

describe("the ts-eids cookie", () => {
  const decode = (value: string) => JSON.parse(atob(value));

  it("is base64 JSON of the EIDs, as the server reads it", () => {
    const eids = [{ source: "pubcid.org", uids: [{ id: "abc", atype: 1 }] }];
    expect(decode(eidsCookieValue(eids)!)).toEqual(eids);
    expect(eidsCookieValue([])).toBeUndefined();
    expect(eidsCookieValue(undefined)).toBeUndefined();
  });

  it("drops UIDs, then sources, from the end until it fits", () => {
    const eids = [
      { source: "a.example", uids: [{ id: "x".repeat(40) }] },
      { source: "b.example", uids: [{ id: "y".repeat(40) }, { id: "z".repeat(40) }] },
    ];
    const oneUidEach = eidsCookieValue(eids, 250)!;
    expect(decode(oneUidEach)).toEqual([{ source: "a.example", uids: [{ id: "x".repeat(40) }] }, { source: "b.example", uids: [{ id: "y".repeat(40) }] }]);
    expect(decode(eidsCookieValue(eids, 150)!)).toEqual([{ source: "a.example", uids: [{ id: "x".repeat(40) }] }]);
    expect(eidsCookieValue(eids, 10)).toBeUndefined();
  });

  it("is written after each auction, before the page's own handler, and removed when there are no IDs", () => {
    const fake = fakePbjs();
    let eids: unknown = [{ source: "pubcid.org", uids: [{ id: "shared-1" }] }];
    fake.pbjs.getUserIdsAsEids = () => eids;
    win.pbjs = fake.pbjs;
    installPrebidShim(win);
    let seen = "";
    fake.pbjs.requestBids!({ adUnits: [], bidsBackHandler: () => (seen = document.cookie) });
    (fake.requested[0] as { bidsBackHandler: () => void }).bidsBackHandler();
    const cookie = seen.split("; ").find((c) => c.startsWith("ts-eids="))!;
    expect(decode(decodeURIComponent(cookie.slice("ts-eids=".length)))).toEqual([{ source: "pubcid.org", uids: [{ id: "shared-1" }] }]);

    eids = [];
    fake.pbjs.requestBids!({ adUnits: [] });
    (fake.requested[1] as { bidsBackHandler: () => void }).bidsBackHandler();
    expect(document.cookie).not.toContain("ts-eids=");
  });
});

describe("consent for /auction", () => {
  it("reads the TCF and GPP consent Prebid.js's consent modules put on the bidder request", () => {
    expect(consentFrom({ gdprConsent: { consentString: "CPxyz", gdprApplies: true }, gppConsent: { gppString: "DBABMA~", applicableSections: [7, "x"] } })).toEqual({ tcString: "CPxyz", gdprApplies: true, gppString: "DBABMA~", gppSid: [7] });
    expect(consentFrom({ gdprConsent: { gdprApplies: false } })).toBeUndefined();
    expect(consentFrom(undefined)).toBeUndefined();
  });

  it("writes it to the IAB cookies the server reads before the request goes", () => {
    document.cookie = "euconsent-v2=; Path=/; Max-Age=0";
    const fake = fakePbjs();
    win.pbjs = fake.pbjs;
    installPrebidShim(win);
    fake.registered[0]!.spec.buildRequests([request("a", "b", {})], { gdprConsent: { consentString: "CPconsent", gdprApplies: true } });
    expect(document.cookie).toContain("euconsent-v2=CPconsent");
    document.cookie = "euconsent-v2=; Path=/; Max-Age=0";
  });
});

describe("installPrebidShim", () => {
  it("registers the adapter, routes requestBids through it, sets the timeout and then runs the page's queue", () => {
    const fake = fakePbjs();
    win.pbjs = fake.pbjs;
    win.__tsjs_prebid = { timeout: 1200, clientSideBidders: ["rubicon"], bidders: ["kargo"] };
    const units: PrebidAdUnit[] = [{ code: "ad-top", mediaTypes: { banner: { sizes: [[728, 90]] } }, bids: [{ bidder: "kargo" }, { bidder: "rubicon" }] }];
    let ranAfterRegistration = false;
    fake.pbjs.que!.push(() => {
      ranAfterRegistration = fake.registered.length === 1;
      fake.pbjs.requestBids!({ adUnits: units });
    });

    expect(installPrebidShim(win)).toBe(true);

    expect(fake.registered.map((r) => r.code)).toEqual(["trustedServer"]);
    expect(ranAfterRegistration).toBe(true);
    expect(fake.requested).toHaveLength(1);
    expect(units[0]!.bids!.map((b) => b.bidder)).toEqual(["trustedServer", "rubicon"]);
    expect(fake.pbjs.bidderSettings?.trustedServer).toMatchObject({ allowAlternateBidderCodes: true, allowedAlternateBidderCodes: ["*"] });
    expect(fake.config).toEqual([{ bidderTimeout: 1200 }]);
    expect(installPrebidShim(win)).toBe(false);
  });

  it("takes the auction's EIDs from the bidder request first, then the bids, then getUserIdsAsEids()", () => {
    const spec = trustedServerSpec("/auction", () => [{ source: "global.example", uids: [{ id: "g" }] }]);
    const eidsOf = (built: unknown) => JSON.parse((built as { data: string }).data).eids;
    const bid = { ...request("a", "b", {}), userIdAsEids: [{ source: "bid.example", uids: [{ id: "b" }] }] };
    expect(eidsOf(spec.buildRequests([bid], { ortb2: { user: { ext: { eids: [{ source: "ortb2.example", uids: [{ id: "o" }] }] } } } }))).toEqual([{ source: "ortb2.example", uids: [{ id: "o" }] }]);
    expect(eidsOf(spec.buildRequests([bid], {}))).toEqual([{ source: "bid.example", uids: [{ id: "b" }] }]);
    expect(eidsOf(spec.buildRequests([request("a", "b", {})], {}))).toEqual([{ source: "global.example", uids: [{ id: "g" }] }]);
  });

  it("sends the page's User ID EIDs with each auction", () => {
    const fake = fakePbjs();
    fake.pbjs.getUserIdsAsEids = () => [{ source: "pubcid.org", uids: [{ id: "shared-1", atype: 1 }] }];
    win.pbjs = fake.pbjs;
    installPrebidShim(win);
    const built = fake.registered[0]!.spec.buildRequests([request("a", "b", {})]) as { data: string };
    expect(JSON.parse(built.data).eids).toEqual([{ source: "pubcid.org", uids: [{ id: "shared-1", atype: 1 }] }]);
  });

  it("says so and changes nothing when the external bundle did not load", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    win.pbjs = { que: [() => undefined] };
    expect(installPrebidShim(win)).toBe(false);
    expect(error).toHaveBeenCalledWith(expect.stringContaining("external Prebid bundle did not load"));
    expect(win.__tsjsPrebidShimInstalled).toBeUndefined();
  });

  it("reports a client-side bidder whose adapter the bundle lacks", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    win.pbjs = fakePbjs().pbjs;
    win.__tsjs_prebid = { clientSideBidders: ["rubicon", "appnexus"] };
    win.__tsjs_prebid_bundle = { adapters: ["appnexus"] };
    installPrebidShim(win);
    expect(error.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('"rubicon" has no adapter')]);
  });
});
