import { beforeEach, describe, expect, it } from "vitest";
import { CREATIVE_SANDBOX, creativeDocument, renderMarkup } from "../src/core/render";
import { loadUnified, resetPage } from "./helpers";

beforeEach(resetPage);

describe("creative frame", () => {
  it("is sandboxed with exactly the original's tokens and never allow-same-origin", () => {
    document.body.innerHTML = '<div id="slot">old</div>';
    const slot = document.getElementById("slot")!;
    const frame = renderMarkup(slot, { hb_pb: "1.00", hb_bidder: "b", hb_adid: "a", hb_auction_id: "x", w: 300, h: 250, adm: "<p>ad</p>" }, null);

    expect(frame.getAttribute("sandbox")).toBe(
      "allow-forms allow-popups allow-popups-to-escape-sandbox allow-scripts allow-top-navigation-by-user-activation",
    );
    expect(frame.getAttribute("sandbox")).not.toContain("allow-same-origin");
    expect(CREATIVE_SANDBOX).not.toContain("allow-same-origin" as never);
    expect(slot.children).toHaveLength(1);
    expect(slot.textContent).toBe("");
    expect(frame.srcdoc).toContain("<p>ad</p>");
    expect(frame.hasAttribute("src")).toBe(false);
  });

  it("loads the click guard before the creative's markup, from the first-party bundle with its hash", async () => {
    document.body.innerHTML = '<div id="top"></div>';
    const api = await loadUnified();
    api.renderBid("top", { hb_pb: "1.00", hb_bidder: "b", hb_adid: "a", hb_auction_id: "x", w: 728, h: 90, adm: "<a href='/x'>go</a>" });
    const srcdoc = (document.querySelector("#top iframe") as HTMLIFrameElement).srcdoc;
    const guard = srcdoc.indexOf(`<script src="${location.origin}/static/tsjs=tsjs-creative.min.js?v=test-hash"></script>`);
    expect(guard).toBeGreaterThan(0);
    expect(guard).toBeLessThan(srcdoc.indexOf("<a href="));
  });

  it("escapes the guard URL as an attribute", () => {
    expect(creativeDocument("", '/x?a="b"&c')).toContain('src="/x?a=&quot;b&quot;&amp;c"');
  });
});
