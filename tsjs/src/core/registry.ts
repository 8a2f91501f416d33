import type { AdUnit } from "../shared/types";

function isSize(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === "number" && Number.isFinite(n) && n > 0);
}

/** Checks an ad unit's shape as `POST /auction` will, so a bad one is refused here with a reason. */
export function validateAdUnit(unit: unknown): string | null {
  if (!unit || typeof unit !== "object") {
    return "ad unit must be an object";
  }
  const candidate = unit as Partial<AdUnit>;
  if (typeof candidate.code !== "string" || candidate.code.length === 0 || candidate.code.length > 256) {
    return "code must be a non-empty string";
  }
  const sizes = candidate.mediaTypes?.banner?.sizes;
  if (!Array.isArray(sizes) || sizes.length === 0 || !sizes.every(isSize)) {
    return `${candidate.code}: mediaTypes.banner.sizes must be [[w,h],...]`;
  }
  return null;
}

/** The page's ad units, keyed by code: adding a unit with a known code replaces it. */
export class AdUnitRegistry {
  private readonly units = new Map<string, AdUnit>();

  add(units: AdUnit | AdUnit[], onInvalid: (reason: string) => void): void {
    for (const unit of Array.isArray(units) ? units : [units]) {
      const problem = validateAdUnit(unit);
      if (problem) {
        onInvalid(problem);
        continue;
      }
      this.units.set(unit.code, unit);
    }
  }

  remove(code: string): boolean {
    return this.units.delete(code);
  }

  get(code: string): AdUnit | undefined {
    return this.units.get(code);
  }

  all(): AdUnit[] {
    return [...this.units.values()];
  }
}
