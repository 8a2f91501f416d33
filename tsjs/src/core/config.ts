import type { TsjsConfig } from "../shared/types";

export const defaultConfig = (): TsjsConfig => ({
  auctionPath: "/auction",
  pageBidsPath: "/_ts/page-bids",
  creativeScript: "/static/tsjs=tsjs-creative.min.js",
  consentTimeoutMs: 500,
  auctionTimeoutMs: 3000,
  spa: true,
  debug: false,
  context: {},
});

/** Merges known keys only, so a typo cannot switch something on by accident. */
export function mergeConfig(current: TsjsConfig, update: Partial<TsjsConfig> | null | undefined): TsjsConfig {
  if (!update || typeof update !== "object") {
    return current;
  }
  const next: TsjsConfig = { ...current };
  const defaults = defaultConfig();
  for (const key of Object.keys(defaults) as Array<keyof TsjsConfig>) {
    const value = update[key];
    if (value !== undefined && typeof value === typeof defaults[key]) {
      (next as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return next;
}
