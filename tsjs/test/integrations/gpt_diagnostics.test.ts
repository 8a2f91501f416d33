import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { installGptDiagnostics } from "../../src/integrations/gpt_diagnostics/install";
import { HOST_ID } from "../../src/integrations/gpt_diagnostics/panel";
import { DiagnosticsStore, MAX_CYCLES, MAX_SLOTS } from "../../src/integrations/gpt_diagnostics/store";
import { resetPage } from "../helpers";

type Listener = (event: Record<string, unknown>) => void;

/** A stand-in GPT: PubAdsService listeners fired by the test, a command queue run at once. */
function fakeGpt() {
  const listeners = new Map<string, Listener[]>();
  const refreshed: unknown[][] = [];
  const pubads = {
    addEventListener: (type: string, listener: Listener) => listeners.set(type, [...(listeners.get(type) ?? []), listener]),
    refresh: (...args: unknown[]) => {
      refreshed.push(args);
      return "refreshed";
    },
    getSlots: () => [] as unknown[],
  };
  const tag = { cmd: { push: (command: () => void) => command() }, pubads: () => pubads };
  (window as unknown as { googletag: unknown }).googletag = tag;
  const fire = (type: string, event: Record<string, unknown>) => (listeners.get(type) ?? []).forEach((l) => l(event));
  const slot = (id: string) => ({ getSlotElementId: () => id, getAdUnitPath: () => `/123/${id}` });
  return { pubads, fire, slot, refreshed };
}

beforeEach(() => {
  resetPage();
  document.getElementById(HOST_ID)?.remove();
});
afterEach(() => vi.restoreAllMocks());

describe("the GPT console", () => {
  it("records a request cycle per slot from GPT's documented events", async () => {
    const gpt = fakeGpt();
    document.body.innerHTML = '<div id="ad-top"></div>';
    const api = installGptDiagnostics(window);
    const top = gpt.slot("ad-top");

    gpt.fire("slotRequested", { slot: top });
    gpt.fire("slotResponseReceived", { slot: top });
    gpt.fire("slotRenderEnded", { slot: top, isEmpty: false, isBackfill: false, lineItemId: 42, creativeId: 7, size: [728, 90] });
    gpt.fire("slotOnload", { slot: top });
    gpt.fire("impressionViewable", { slot: top });

    const snapshot = api.snapshot();
    expect(snapshot.version).toBe(1);
    expect(snapshot.page).toEqual({ origin: window.location.origin, pathname: window.location.pathname });
    const slot = snapshot.slots[0]!;
    expect(slot.slotElementId).toBe("ad-top");
    expect(slot.binding).toBe("bound");
    const cycle = slot.cycles[0]!;
    expect(cycle).toMatchObject({ requestNumber: 1, requestPath: "unattributed", state: "filled", responseClass: "reservation", size: [728, 90], lineItemId: 42, creativeId: 7 });
    expect(cycle.responseAt).toBeGreaterThanOrEqual(cycle.requestedAt);
    expect(cycle.loadedAt).toBeDefined();
    expect(cycle.viewableAt).toBeDefined();
  });

  it("labels a request after the publisher's refresh, delegating the call unchanged", () => {
    const gpt = fakeGpt();
    installGptDiagnostics(window);
    const top = gpt.slot("ad-top");

    const result = gpt.pubads.refresh([top], { changeCorrelator: false });
    gpt.fire("slotRequested", { slot: top });
    gpt.fire("slotRenderEnded", { slot: top, isEmpty: true });
    gpt.fire("slotRequested", { slot: top });

    expect(result).toBe("refreshed");
    expect(gpt.refreshed).toEqual([[[top], { changeCorrelator: false }]]);
    const cycles = installGptDiagnostics(window).snapshot().slots[0]!.cycles;
    expect(cycles.map((c) => c.requestPath)).toEqual(["publisher_refresh", "unattributed"]);
    expect(cycles[0]).toMatchObject({ state: "empty", responseClass: "empty" });
  });

  it("reports bindings: unbound without an element, ambiguous with duplicate ids", () => {
    const gpt = fakeGpt();
    document.body.innerHTML = '<div id="dup"></div><div id="dup"></div>';
    const api = installGptDiagnostics(window);
    gpt.fire("slotRequested", { slot: gpt.slot("missing") });
    gpt.fire("slotRequested", { slot: gpt.slot("dup") });

    expect(api.snapshot().slots.map((s) => s.binding)).toEqual(["unbound", "ambiguous"]);
  });

  it("keeps at most 64 slots and 10 cycles per slot, and counts what it dropped", () => {
    let now = 0;
    const store = new DiagnosticsStore(() => now++);
    const slots = Array.from({ length: MAX_SLOTS + 3 }, (_, i) => ({ getSlotElementId: () => `s${i}` }));
    for (const slot of slots) store.requested(slot);
    for (let i = 0; i < MAX_CYCLES + 2; i++) store.requested(slots[MAX_SLOTS + 2]!);

    const snapshot = store.snapshot(document, window.location);
    expect(snapshot.slots).toHaveLength(MAX_SLOTS);
    expect(snapshot.counters.evictedSlots).toBe(3);
    expect(snapshot.slots.find((s) => s.slotElementId === "s0")).toBeUndefined();
    const busy = snapshot.slots.find((s) => s.slotElementId === `s${MAX_SLOTS + 2}`)!;
    expect(busy.cycles).toHaveLength(MAX_CYCLES);
    expect(busy.cycles[0]!.requestNumber).toBe(4);
    expect(snapshot.counters.evictedRequestCycles).toBe(3);
  });

  it("mounts its panel in a closed shadow root after load, and hide/show dismiss and restore it without losing data", async () => {
    const gpt = fakeGpt();
    vi.spyOn(window, "requestAnimationFrame").mockImplementation((cb) => {
      cb(0);
      return 0;
    });
    const api = installGptDiagnostics(window);
    gpt.fire("slotRequested", { slot: gpt.slot("ad-top") });
    window.dispatchEvent(new Event("load"));

    const host = document.getElementById(HOST_ID)!;
    expect(host).not.toBeNull();
    expect(host.shadowRoot).toBeNull();
    api.hide();
    expect(document.getElementById(HOST_ID)).toBeNull();
    api.show();
    expect(document.getElementById(HOST_ID)).not.toBeNull();
    expect(api.snapshot().slots).toHaveLength(1);
  });

  it("delivers coalesced snapshots to subscribers until they unsubscribe", async () => {
    const gpt = fakeGpt();
    const api = installGptDiagnostics(window);
    const seen: number[] = [];
    const unsubscribe = api.subscribe((s) => seen.push(s.slots.length));
    const top = gpt.slot("ad-top");

    gpt.fire("slotRequested", { slot: top });
    gpt.fire("slotResponseReceived", { slot: top });
    await Promise.resolve();
    unsubscribe();
    gpt.fire("slotRequested", { slot: gpt.slot("ad-side") });
    await Promise.resolve();

    expect(seen).toEqual([1]);
  });

  it("sends nothing over the network, even when exporting", () => {
    const fetchSpy = vi.fn();
    const beacon = vi.fn();
    vi.stubGlobal("fetch", fetchSpy);
    Object.defineProperty(navigator, "sendBeacon", { value: beacon, configurable: true });
    const open = vi.spyOn(XMLHttpRequest.prototype, "open");
    URL.createObjectURL = vi.fn(() => "blob:local");
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const gpt = fakeGpt();
    const api = installGptDiagnostics(window);
    gpt.fire("slotRequested", { slot: gpt.slot("ad-top") });

    api.export();

    expect(click).toHaveBeenCalledOnce();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(beacon).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it("installs once: the API is read-only and a second install returns the same one", () => {
    fakeGpt();
    const api = installGptDiagnostics(window);

    expect(installGptDiagnostics(window)).toBe(api);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual(["export", "hide", "show", "snapshot", "subscribe"]);
  });
});
