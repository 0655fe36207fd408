import { describe, expect, it } from "vitest";
import { hangulKeys, kanaRomaji, planTyping, type LayoutId } from "@/lib/consoles/keyboard-layouts";

/** Strokes as short words: "Shift+KeyL", "AltGr+Digit7". */
const keys = (text: string, layout: LayoutId) =>
  planTyping(text, layout).strokes.map((s) => `${s.shift ? "Shift+" : ""}${s.altgr ? "AltGr+" : ""}${s.code}`);

describe("paste as keys: the keys each layout needs", () => {
  it("types US English as on a US keyboard", () => {
    expect(keys('aZ@"\n', "us")).toEqual(["KeyA", "Shift+KeyZ", "Shift+Digit2", "Shift+Quote", "Enter"]);
  });

  it("types Russian on the ЙЦУКЕН keys, with the symbols where the Russian layout has them", () => {
    expect(keys("Дом, мир.", "ru")).toEqual(["Shift+KeyL", "KeyJ", "KeyV", "Shift+Slash", "Space", "KeyV", "KeyB", "KeyH", "Slash"]);
    expect(keys("№ё", "ru")).toEqual(["Shift+Digit3", "Backquote"]);
    // Latin letters need the guest to switch layouts: they are named, not guessed.
    expect(planTyping("dom", "ru").missing).toEqual(["d", "o", "m"]);
  });

  it("types ASCII on a Japanese JIS keyboard, where many symbols sit elsewhere", () => {
    expect(keys('@:_"*(', "ja")).toEqual(["BracketLeft", "Quote", "Shift+IntlRo", "Shift+Digit2", "Shift+Quote", "Shift+Digit8"]);
    expect(keys("\\¥|", "ja")).toEqual(["IntlRo", "IntlYen", "Shift+IntlYen"]);
  });

  it("types kana as the romaji the guest's input method turns back into kana", () => {
    expect(kanaRomaji("し")).toBe("shi");
    expect(kanaRomaji("カ")).toBe("ka");
    expect(keys("ねこ。", "ja")).toEqual(["KeyN", "KeyE", "KeyK", "KeyO", "Period"]);
    expect(planTyping("漢字", "ja").missing).toEqual(["漢", "字"]);
  });

  it("types Hangul as its jamo on the 2-set keys", () => {
    expect(hangulKeys("한")).toBe("gks");
    expect(hangulKeys("글")).toBe("rmf");
    expect(hangulKeys("꽃")).toBe("Rhc");
    expect(hangulKeys("왜")).toBe("dho");
    expect(hangulKeys("닭")).toBe("ekfr");
    expect(keys("한 A", "ko")).toEqual(["KeyG", "KeyK", "KeyS", "Space", "Shift+KeyA"]);
  });

  it("types German and French with AltGr and dead keys", () => {
    expect(keys("{µ@ß", "de")).toEqual(["AltGr+Digit7", "AltGr+KeyM", "AltGr+KeyQ", "Minus"]);
    // ^ is a dead key in German: the key, then Space.
    expect(keys("^", "de")).toEqual(["Backquote", "Space"]);
    expect(keys("a1@", "fr")).toEqual(["KeyQ", "Shift+Digit1", "AltGr+Digit0"]);
    expect(keys("€", "gb")).toEqual(["AltGr+Digit4"]);
  });

  it("gives each character its own keysym", () => {
    const [d] = planTyping("д", "ru").strokes;
    expect(d.keysym).toBe(0x01000000 + 0x0434);
    expect(planTyping("é", "fr").strokes[0].keysym).toBe(0xe9);
  });
});
