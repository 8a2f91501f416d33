import { beforeEach, describe, expect, it } from "vitest";
import { validateApsDescriptor } from "../src/aps/descriptor";
import { ACK_MESSAGE, APS_SANDBOX, FAILED_MESSAGE, RENDER_MESSAGE, newNonce, renderAps } from "../src/aps/index";
import type { SlotBid } from "../src/shared/types";

function descriptor(overrides: Record<string, unknown> = {}, envelopeBid: Record<string, unknown> = {}) {
  const inner = { id: "aps-bid", price: 1.1, w: 300, h: 250, ext: { creativeurl: "https://aps-creative.example/render", tagtype: "iframe" }, ...envelopeBid };
  return {
    type: "aps",
    version: 1,
    accountId: "acct",
    bidId: "aps-bid",
    tagType: "iframe",
    creativeUrl: "https://aps-creative.example/render",
    aaxResponse: btoa(JSON.stringify({ seatbid: [{ bid: [inner] }] })),
    width: 300,
    height: 250,
    ...overrides,
  };
}

const bid = (renderer: unknown): SlotBid => ({ hb_pb: "1.10", hb_bidder: "aps", hb_adid: "aps-bid", hb_auction_id: "a", w: 300, h: 250, renderer: renderer as SlotBid["renderer"] });

beforeEach(() => {
  document.body.innerHTML = '<div id="slot"><span>house ad</span></div>';
});

describe("APS descriptor", () => {
  it("accepts a descriptor that agrees with its envelope", () => {
    expect(validateApsDescriptor(descriptor(), bid(null), location.origin)).not.toBeNull();
  });

  it.each([
    ["another bid id in the envelope", descriptor({}, { id: "other" })],
    ["another size", descriptor({ width: 320 })],
    ["another creative URL", descriptor({}, { ext: { creativeurl: "https://evil.example/", tagtype: "iframe" } })],
    ["a plain-http creative", descriptor({ creativeUrl: "http://aps-creative.example/render" })],
    ["an unknown tag type", descriptor({ tagType: "html" })],
    ["a broken envelope", descriptor({ aaxResponse: "!!!" })],
    ["another version", descriptor({ version: 2 })],
  ])("refuses %s", (_, d) => {
    expect(validateApsDescriptor(d, bid(null), location.origin)).toBeNull();
  });
});

describe("APS renderer frame", () => {
  it("is sandboxed without allow-same-origin and carries a fresh nonce in its fragment", () => {
    const slot = document.getElementById("slot")!;
    expect(renderAps(window, slot, bid(descriptor()))).toBe(true);
    const frame = slot.querySelector("iframe")!;
    expect(frame.getAttribute("sandbox")).toBe(APS_SANDBOX.join(" "));
    expect(frame.getAttribute("sandbox")).not.toContain("allow-same-origin");
    expect(frame.getAttribute("src")).toMatch(/^\/integrations\/aps\/renderer#nonce=[0-9a-f]{32}$/);
    expect(newNonce(crypto)).not.toBe(newNonce(crypto));
  });

  it("posts the descriptor on load and replaces the slot only on an acknowledgement with the same nonce, once", () => {
    const slot = document.getElementById("slot")!;
    renderAps(window, slot, bid(descriptor()));
    const frame = slot.querySelector("iframe")!;
    const nonce = frame.getAttribute("src")!.split("nonce=")[1];
    const posted: unknown[] = [];
    frame.contentWindow!.postMessage = ((message: unknown) => posted.push(message)) as typeof window.postMessage;
    frame.dispatchEvent(new Event("load"));
    expect(posted).toEqual([{ type: RENDER_MESSAGE, nonce, descriptor: expect.objectContaining({ bidId: "aps-bid" }) }]);

    window.dispatchEvent(new MessageEvent("message", { data: { type: ACK_MESSAGE, nonce: "wrong" }, source: frame.contentWindow }));
    expect(slot.textContent).toBe("house ad");
    window.dispatchEvent(new MessageEvent("message", { data: { type: ACK_MESSAGE, nonce }, source: window }));
    expect(slot.textContent).toBe("house ad");

    window.dispatchEvent(new MessageEvent("message", { data: { type: ACK_MESSAGE, nonce }, source: frame.contentWindow }));
    expect(slot.children).toHaveLength(1);
    expect(frame.style.display).toBe("block");
  });

  it("removes its hidden frame and keeps the slot's content when the renderer reports a failed runner", () => {
    const slot = document.getElementById("slot")!;
    renderAps(window, slot, bid(descriptor()));
    const frame = slot.querySelector("iframe")!;
    const nonce = frame.getAttribute("src")!.split("nonce=")[1];

    window.dispatchEvent(new MessageEvent("message", { data: { type: FAILED_MESSAGE, nonce: "wrong" }, source: frame.contentWindow }));
    expect(slot.querySelector("iframe")).not.toBeNull();
    window.dispatchEvent(new MessageEvent("message", { data: { type: FAILED_MESSAGE, nonce }, source: frame.contentWindow }));
    expect(slot.querySelector("iframe")).toBeNull();
    expect(slot.textContent).toBe("house ad");

    // A late acknowledgement changes nothing.
    window.dispatchEvent(new MessageEvent("message", { data: { type: ACK_MESSAGE, nonce }, source: frame.contentWindow }));
    expect(slot.textContent).toBe("house ad");
  });

  it("refuses an invalid descriptor without touching the slot", () => {
    const slot = document.getElementById("slot")!;
    expect(renderAps(window, slot, bid(descriptor({ bidId: "" })))).toBe(false);
    expect(slot.innerHTML).toBe("<span>house ad</span>");
  });
});
