/** The part of Google Publisher Tag's API the module uses. */
export interface GptSlot {
  setTargeting(key: string, value: string | string[]): GptSlot;
  clearTargeting?(key?: string): GptSlot;
  addService(service: unknown): GptSlot;
  getSlotElementId(): string;
}

export interface GptPubAds {
  refresh(slots?: GptSlot[]): void;
  setTargeting?(key: string, value: string | string[]): unknown;
}

export interface GoogleTag {
  cmd: Array<() => void> | { push(command: () => void): unknown };
  defineSlot?(path: string, sizes: Array<[number, number]>, divId: string): GptSlot | null;
  pubads?(): GptPubAds;
  enableServices?(): void;
  display?(divId: string): void;
  destroySlots?(slots?: GptSlot[]): boolean;
}

/** `window.googletag`, created with an empty command queue when GPT has not loaded yet (GPT adopts it). */
export function googletagOf(win: Window): GoogleTag {
  const holder = win as unknown as { googletag?: GoogleTag };
  const tag = holder.googletag ?? ({ cmd: [] } as GoogleTag);
  tag.cmd = tag.cmd ?? [];
  holder.googletag = tag;
  return tag;
}
