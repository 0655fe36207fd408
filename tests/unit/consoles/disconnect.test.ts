import { createTranslator, type Messages } from "next-intl";
import { describe, expect, it } from "vitest";
import { ACCESS_ENDED_CLOSE_CODE } from "@/lib/auth/access-ended";
import { closeReason, readCloseReason } from "@/lib/consoles/close-words";
import { describeDrop, sayDrop, type DropSayers } from "@/lib/consoles/disconnect";
import { RESTART_CLOSE_CODE, RESTART_CLOSE_REASON } from "@/lib/restart-close-code";
import en from "@/messages/en.json";
import ja from "@/messages/ja.json";
import ru from "@/messages/ru.json";

/** The page's translators, as components/console/use-console-words.ts makes them. */
function sayers(messages: unknown, locale: "en" | "ja" | "ru"): DropSayers {
  const t = createTranslator({ locale, messages: messages as Messages });
  return {
    drop: (key, values) => t(`console.drop.${key}`, values as never),
    console: (key, values) => t(`consoleErrors.${key}`, values as never),
    api: (key, values) => t(`apiErrors.${key}`, values as never),
    ended: (reason) => t(`accessEnded.${reason}`),
  };
}
const english = (drop: Parameters<typeof describeDrop>[0]) => sayDrop(describeDrop(drop).words, sayers(en, "en"));

describe("why a console's link dropped", () => {
  it("says so, and does not retry, when access ended", () => {
    expect(describeDrop({ code: ACCESS_ENDED_CLOSE_CODE, reason: "disabled", online: true })).toEqual({
      words: { ended: "disabled" },
      retry: false,
    });
    expect(english({ code: ACCESS_ENDED_CLOSE_CODE, reason: "disabled", online: true })).toBe("Your account was disabled");
  });
  it("blames the network when the browser is offline, whatever the code", () => {
    expect(english({ code: 1006, reason: "", online: false })).toMatch(/offline/);
  });
  it("passes on the relay's own sentence: said by key in the page's language, or its text as it is", () => {
    expect(english({ code: 4000, reason: "The guest is not running; start it to open its console", online: true })).toBe(
      "The guest is not running; start it to open its console",
    );
    const closed = { code: 1000, reason: closeReason({ key: "displayClosed" }), online: true };
    expect(english(closed)).toBe("The guest's display closed (the guest may be restarting)");
    expect(sayDrop(describeDrop(closed).words, sayers(ja, "ja"))).toBe(
      "ゲストのディスプレイが閉じました (ゲストが再起動中の可能性があります)",
    );
    const refused = {
      code: 4000,
      reason: closeReason({ key: "vncPasswordRefused", values: { reason: "Authentication failed" } }),
      online: true,
    };
    expect(english(refused)).toBe("The VNC server refused the display password: Authentication failed");
    expect(sayDrop(describeDrop(refused).words, sayers(ru, "ru"))).toBe("VNC-сервер отклонил пароль дисплея: Authentication failed");
    const noDisplay = { code: 4000, reason: closeReason({ apiError: "noDisplay", values: { display: "VNC" } }), online: true };
    expect(sayDrop(describeDrop(noDisplay).words, sayers(ja, "ja"))).toContain("VNC");
  });
  it("tells a server restart from a broken link", () => {
    expect(describeDrop({ code: RESTART_CLOSE_CODE, reason: RESTART_CLOSE_REASON, online: true })).toEqual({
      words: { drop: "serverRestarting" },
      retry: true,
    });
    expect(english({ code: 1001, reason: "going away", online: true })).toBe("The console server is restarting");
    expect(english({ code: 1006, reason: "", online: true })).toMatch(/broke off/);
  });
});

describe("a close reason by key", () => {
  it("fits the 123 bytes a close reason may hold, cutting the longest value short", () => {
    const detail = "ssh: ".repeat(60);
    const reason = closeReason({ key: "cannotReachOn", values: { host: "ホスト-1", address: "192.0.2.10:5900", detail } });
    expect(new TextEncoder().encode(reason).length).toBeLessThanOrEqual(123);
    const words = readCloseReason(reason)!;
    expect(words).toMatchObject({ key: "cannotReachOn", values: { host: "ホスト-1", address: "192.0.2.10:5900" } });
    expect(String(words.values?.detail)).toMatch(/^ssh: .*…$/);
  });
  it("reads plain text as no words", () => {
    expect(readCloseReason("internal error: the console is busy")).toBeNull();
    expect(readCloseReason("{not json")).toBeNull();
  });
});
