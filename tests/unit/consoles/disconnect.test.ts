import { describe, expect, it } from "vitest";
import { ACCESS_ENDED_CLOSE_CODE } from "@/lib/auth/access-ended";
import { describeDrop } from "@/lib/consoles/disconnect";
import { RESTART_CLOSE_CODE, RESTART_CLOSE_REASON } from "@/lib/restart-close-code";

describe("why a console's link dropped", () => {
  it("says so, and does not retry, when access ended", () => {
    expect(describeDrop({ code: ACCESS_ENDED_CLOSE_CODE, reason: "disabled", online: true })).toEqual({
      words: "Your account was disabled",
      retry: false,
    });
  });
  it("blames the network when the browser is offline, whatever the code", () => {
    expect(describeDrop({ code: 1006, reason: "", online: false }).words).toMatch(/offline/);
  });
  it("passes on the relay's own sentence", () => {
    expect(describeDrop({ code: 4000, reason: "The guest is not running; start it to open its console", online: true }).words).toBe(
      "The guest is not running; start it to open its console",
    );
    expect(describeDrop({ code: 1000, reason: "The guest's display closed", online: true }).words).toBe(
      "The guest's display closed (the guest may be restarting)",
    );
  });
  it("tells a server restart from a broken link", () => {
    expect(describeDrop({ code: RESTART_CLOSE_CODE, reason: RESTART_CLOSE_REASON, online: true })).toEqual({
      words: "The console server is restarting",
      retry: true,
    });
    expect(describeDrop({ code: 1001, reason: "going away", online: true }).words).toBe("The console server is restarting");
    expect(describeDrop({ code: 1006, reason: "", online: true }).words).toMatch(/broke off/);
  });
});
