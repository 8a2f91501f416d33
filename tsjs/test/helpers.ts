import { vi } from "vitest";
import type { TsjsApi } from "../src/shared/types";

/** Clears what a previous test left on the page and loads the unified bundle's entry point afresh. */
export async function loadUnified(): Promise<TsjsApi> {
  vi.resetModules();
  await import("../src/unified");
  return window.tsjs as TsjsApi;
}

export function resetPage(): void {
  document.body.innerHTML = "";
  delete window.tsjs;
  delete (window as unknown as { googletag?: unknown }).googletag;
  delete (window as unknown as { __tcfapi?: unknown }).__tcfapi;
  delete (window as unknown as { __gpp?: unknown }).__gpp;
  for (const cookie of document.cookie.split("; ")) {
    const name = cookie.split("=")[0];
    if (name) document.cookie = `${name}=; Path=/; Max-Age=0`;
  }
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** The OpenRTB answer `/auction` gives for one winner per slot. */
export function auctionAnswer(winners: Array<{ slot: string; seat: string; price: number; w: number; h: number; adm?: string; renderer?: unknown }>) {
  return {
    id: "auction-1",
    seatbid: winners.map((w) => ({
      seat: w.seat,
      bid: [
        {
          id: `${w.slot}-bid`,
          impid: w.slot,
          price: w.price,
          w: w.w,
          h: w.h,
          adm: w.adm,
          ext: { trusted_server: { provider: "prebid", hb_pb: w.price.toFixed(2), renderer: w.renderer } },
        },
      ],
    })),
    ext: { orchestrator: { strategy: "parallel_only" } },
  };
}

/** A googletag stand-in recording what it was given. */
export function fakeGoogletag() {
  const slots: Array<{ path: string; div: string; sizes: unknown; targeting: Record<string, unknown> }> = [];
  const refreshed: string[][] = [];
  const tag = {
    cmd: [] as Array<() => void>,
    defineSlot(path: string, sizes: unknown, div: string) {
      const record = { path, div, sizes, targeting: {} as Record<string, unknown> };
      slots.push(record);
      const slot = {
        setTargeting(key: string, value: unknown) {
          record.targeting[key] = value;
          return slot;
        },
        clearTargeting(key?: string) {
          if (key) delete record.targeting[key];
          return slot;
        },
        addService() {
          return slot;
        },
        getSlotElementId: () => div,
      };
      return slot;
    },
    pubads: () => ({ refresh: (list: Array<{ getSlotElementId(): string }>) => refreshed.push(list.map((s) => s.getSlotElementId())) }),
    enableServices() {},
    destroySlots: () => true,
  };
  // GPT runs queued commands once loaded, and pushed ones at once.
  const runQueue = () => {
    const pending = tag.cmd.splice(0);
    tag.cmd = { push: (f: () => void) => f() } as unknown as Array<() => void>;
    pending.forEach((f) => f());
  };
  return { tag, slots, refreshed, runQueue };
}
