import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ACK_MESSAGE, FAILED_MESSAGE, RENDER_MESSAGE } from "../src/aps/messages";
import { installApsRenderer } from "../src/aps/renderer";

const NONCE = "0123456789abcdef0123456789abcdef";
const RUNNER = "https://client.aps.amazon-adsystem.com/prebid-creative.js";
const PUBLISHER = "https://publisher.example";

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

/** A message as the parent posts it; in jsdom the top window is its own parent. */
function post(data: unknown, source: unknown = window, origin = PUBLISHER): void {
  window.dispatchEvent(new MessageEvent("message", { data, source: source as Window, origin }));
}

const runnerScripts = () => Array.from(document.querySelectorAll("script")).filter((s) => s.src === RUNNER);
const apsQueue = () => (window as unknown as { _aps?: Map<string, { queue: CustomEvent[] }> })._aps;

let posted: unknown[];
let removeListener: (() => void) | null;

beforeEach(() => {
  document.head.innerHTML = "";
  delete (window as unknown as { _aps?: unknown })._aps;
  posted = [];
  vi.spyOn(window, "postMessage").mockImplementation(((message: unknown) => {
    posted.push(message);
  }) as typeof window.postMessage);
  // Each test's renderer is removed afterwards, so listeners do not pile up across tests.
  const add = window.addEventListener.bind(window);
  removeListener = null;
  vi.spyOn(window, "addEventListener").mockImplementation(((type: string, listener: EventListener, options?: unknown) => {
    add(type, listener, options as AddEventListenerOptions);
    if (type === "message") removeListener = () => window.removeEventListener("message", listener);
  }) as typeof window.addEventListener);
});

afterEach(() => removeListener?.());

describe("APS renderer document", () => {
  it("accepts the parent's descriptor with its nonce once, queues it for the account and loads only the runner", () => {
    expect(installApsRenderer(window, `#nonce=${NONCE}`, RUNNER)).toBe(true);
    post({ type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor() });

    const [script] = runnerScripts();
    expect(runnerScripts()).toHaveLength(1);
    expect(document.querySelectorAll("script")).toHaveLength(1);
    const queue = apsQueue()?.get("acct")?.queue ?? [];
    expect(queue).toHaveLength(1);
    expect(queue[0].type).toBe("prebid/creative/render");
    expect(queue[0].detail).toEqual({ aaxResponse: descriptor().aaxResponse, seatBidId: "aps-bid" });

    // No acknowledgement before the runner has loaded; then exactly one, with the nonce.
    expect(posted).toEqual([]);
    script.dispatchEvent(new Event("load"));
    expect(posted).toEqual([{ type: ACK_MESSAGE, nonce: NONCE }]);
  });

  it("ignores a replay of the same message after it accepted one", () => {
    installApsRenderer(window, `#nonce=${NONCE}`, RUNNER);
    post({ type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor() });
    post({ type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor() });
    post({ type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor({ accountId: "other" }) });

    expect(runnerScripts()).toHaveLength(1);
    expect(apsQueue()?.get("acct")?.queue).toHaveLength(1);
    expect(apsQueue()?.has("other")).toBe(false);
  });

  it.each([
    ["another nonce", { type: RENDER_MESSAGE, nonce: "ffffffffffffffffffffffffffffffff", descriptor: descriptor() }],
    ["no nonce", { type: RENDER_MESSAGE, descriptor: descriptor() }],
    ["another message type", { type: "tsjs:aps:other", nonce: NONCE, descriptor: descriptor() }],
    ["a descriptor whose envelope names another bid", { type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor({}, { id: "other" }) }],
    ["a descriptor with another size than its envelope", { type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor({ width: 320 }) }],
    ["a plain-http creative", { type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor({ creativeUrl: "http://aps-creative.example/render" }) }],
    ["a creative on the publisher's own origin", { type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor({ creativeUrl: `${PUBLISHER}/x` }, { ext: { creativeurl: `${PUBLISHER}/x`, tagtype: "iframe" } }) }],
    ["a broken envelope", { type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor({ aaxResponse: "!!!" }) }],
    ["no descriptor at all", { type: RENDER_MESSAGE, nonce: NONCE }],
    ["a string", "render please"],
  ])("ignores %s, and still accepts the right message afterwards", (_, message) => {
    installApsRenderer(window, `#nonce=${NONCE}`, RUNNER);
    post(message);
    expect(runnerScripts()).toHaveLength(0);
    expect(apsQueue()).toBeUndefined();

    post({ type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor() });
    expect(runnerScripts()).toHaveLength(1);
  });

  it("ignores a message with the right nonce from a window other than its parent", () => {
    installApsRenderer(window, `#nonce=${NONCE}`, RUNNER);
    const other = document.createElement("iframe");
    document.body.appendChild(other);
    post({ type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor() }, other.contentWindow);
    expect(runnerScripts()).toHaveLength(0);
    other.remove();
  });

  it.each([["no fragment", ""], ["a short nonce", "#nonce=0123"], ["upper-case hex", `#nonce=${NONCE.toUpperCase()}`], ["more after it", `#nonce=${NONCE}&x=1`]])(
    "listens for nothing with %s",
    (_, fragment) => {
      expect(installApsRenderer(window, fragment, RUNNER)).toBe(false);
      post({ type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor() });
      expect(runnerScripts()).toHaveLength(0);
    },
  );

  it("tells the parent when the runner fails to load, with the nonce", () => {
    installApsRenderer(window, `#nonce=${NONCE}`, RUNNER);
    post({ type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor() });
    runnerScripts()[0].dispatchEvent(new Event("error"));
    expect(posted).toEqual([{ type: FAILED_MESSAGE, nonce: NONCE }]);
  });

  it("adds to an account's existing queue on window._aps", () => {
    const existing = { queue: [new CustomEvent("earlier")], store: new Map() };
    (window as unknown as { _aps: unknown })._aps = new Map([["acct", existing]]);
    installApsRenderer(window, `#nonce=${NONCE}`, RUNNER);
    post({ type: RENDER_MESSAGE, nonce: NONCE, descriptor: descriptor() });
    expect(existing.queue.map((e) => e.type)).toEqual(["earlier", "prebid/creative/render"]);
  });
});
