import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConsentMirror, installOsanoMirror } from "../../src/integrations/osano/mirror";
import { resetPage } from "../helpers";

type Callback = (data: unknown, success: boolean) => void;

/** A stand-in for Osano's IAB APIs: listeners registered, then events fired by the test. */
function fakeOsano() {
  const tcf: Callback[] = [];
  const gpp: Callback[] = [];
  let usp: { uspString: string } | null = { uspString: "1YNN" };
  let ping: unknown = { signalStatus: "not ready" };
  const w = window as unknown as Record<string, unknown>;
  w.__tcfapi = (command: string, _v: number, cb: Callback) => {
    if (command === "addEventListener") tcf.push(cb);
  };
  w.__gpp = (command: string, cb: Callback) => {
    if (command === "addEventListener") gpp.push(cb);
    if (command === "ping") cb(ping, true);
  };
  w.__uspapi = (command: string, _v: number, cb: Callback) => {
    if (command === "getUSPData") cb(usp, usp !== null);
  };
  return {
    tcfEvent: (data: unknown) => tcf.forEach((cb) => cb(data, true)),
    gppEvent: (pingData: unknown) => {
      ping = pingData;
      gpp.forEach((cb) => cb({ eventName: "signalStatus", pingData }, true));
    },
    setUsp: (value: string | null) => {
      usp = value === null ? null : { uspString: value };
    },
  };
}

function cookies(): Record<string, string> {
  return Object.fromEntries(document.cookie.split("; ").filter(Boolean).map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)]));
}

const TC = "CPzHq4APzHq4AAHABBENAUEAAP_gAAAAAAAAFNwAQFNgA";

beforeEach(() => {
  resetPage();
  delete (window as unknown as Record<string, unknown>).__uspapi;
});
afterEach(() => vi.useRealTimers());

describe("the Osano mirror", () => {
  it("writes the TCF, GPP, section and USP cookies with the ownership marker once Osano is ready", () => {
    const osano = fakeOsano();
    installOsanoMirror(window);

    osano.tcfEvent({ eventStatus: "useractioncomplete", tcString: TC, gdprApplies: true });
    osano.gppEvent({ signalStatus: "ready", gppString: "DBABMA~CPzHq4A", applicableSections: [2, 7] });

    expect(cookies()).toMatchObject({ "euconsent-v2": TC, __gpp: "DBABMA~CPzHq4A", __gpp_sid: "2,7", us_privacy: "1YNN", _ts_consent_src: "osano" });
  });

  it("writes nothing while the CMP is still starting (cmpuishown, GPP not ready)", () => {
    const osano = fakeOsano();
    osano.setUsp(null);
    installOsanoMirror(window);

    osano.tcfEvent({ eventStatus: "cmpuishown", tcString: TC });
    osano.gppEvent({ signalStatus: "not ready", gppString: "DBABMA~x", applicableSections: [2] });

    expect(cookies()).toEqual({});
  });

  it("subscribes to APIs that appear after it is installed", () => {
    vi.useFakeTimers();
    installOsanoMirror(window, { apiPollMs: 50, apiWaitMs: 1000 });
    const osano = fakeOsano();
    vi.advanceTimersByTime(100);

    osano.tcfEvent({ eventStatus: "tcloaded", tcString: TC });

    expect(cookies()["euconsent-v2"]).toBe(TC);
  });

  it("stops looking for the APIs after the wait", () => {
    vi.useFakeTimers();
    installOsanoMirror(window, { apiPollMs: 50, apiWaitMs: 200 });
    vi.advanceTimersByTime(500);
    const osano = fakeOsano();
    vi.advanceTimersByTime(500);

    osano.tcfEvent({ eventStatus: "tcloaded", tcString: TC });

    expect(cookies()["euconsent-v2"]).toBeUndefined();
  });

  it("leaves consent cookies it does not own alone (unmarked, or another mirror's)", () => {
    document.cookie = "euconsent-v2=PUBLISHER; Path=/";
    const osano = fakeOsano();
    installOsanoMirror(window);
    osano.tcfEvent({ eventStatus: "useractioncomplete", tcString: TC });
    expect(cookies()["euconsent-v2"]).toBe("PUBLISHER");
    expect(cookies()._ts_consent_src).toBeUndefined();

    resetPage();
    document.cookie = "_ts_consent_src=sourcepoint; Path=/";
    const again = fakeOsano();
    installOsanoMirror(window);
    again.tcfEvent({ eventStatus: "useractioncomplete", tcString: TC });
    expect(cookies()["euconsent-v2"]).toBeUndefined();
  });

  it("replaces its own cookie when consent changes, and clears it when Osano, ready, reports it empty", () => {
    const osano = fakeOsano();
    installOsanoMirror(window);
    osano.tcfEvent({ eventStatus: "useractioncomplete", tcString: TC });
    osano.tcfEvent({ eventStatus: "useractioncomplete", tcString: TC + "A" });
    expect(cookies()["euconsent-v2"]).toBe(TC + "A");

    osano.tcfEvent({ eventStatus: "useractioncomplete", tcString: "", gdprApplies: false });

    expect(cookies()["euconsent-v2"]).toBeUndefined();
  });

  it("refuses values that could break out of the cookie", () => {
    const mirror = new ConsentMirror(window);

    expect(mirror.write("euconsent-v2", "abc; Domain=evil.example", true)).toBe(false);
    expect(mirror.write("us_privacy", "1Y N", true)).toBe(false);
    expect(cookies()).toEqual({});
  });

  it("an API that throws does not stop the others", () => {
    const osano = fakeOsano();
    (window as unknown as Record<string, unknown>).__gpp = () => {
      throw new Error("broken");
    };
    installOsanoMirror(window);

    osano.tcfEvent({ eventStatus: "tcloaded", tcString: TC });

    expect(cookies()["euconsent-v2"]).toBe(TC);
  });
});
