// Typing text into a guest as key presses ("Paste as keys"), for the keyboard layout the guest's own system
// uses. QEMU takes the physical key (the scancode in its extended key event), so a character must become the
// key that produces it in the guest's layout: "д" is the L key under Russian, "@" the [ key under Japanese.
// Scripts typed through an input method (Korean Hangul, Japanese kana) become the keys a person types with
// the guest's input method switched on: jamo for Hangul (2-set), romaji for kana.

export const keyboardLayouts = [
  { id: "us", label: "English (US)" },
  { id: "gb", label: "English (UK)" },
  { id: "de", label: "German" },
  { id: "fr", label: "French (AZERTY)" },
  { id: "ru", label: "Russian" },
  { id: "ja", label: "Japanese (JIS; kana as romaji)" },
  { id: "ko", label: "Korean (Hangul as 2-set jamo)" },
] as const;
export type LayoutId = (typeof keyboardLayouts)[number]["id"];

/** One key press: the physical key (KeyboardEvent.code), its X11 keysym, and the modifiers held with it. */
export type Stroke = { code: string; keysym: number; shift: boolean; altgr: boolean };

const ROWS = {
  E: [
    "Backquote",
    "Digit1",
    "Digit2",
    "Digit3",
    "Digit4",
    "Digit5",
    "Digit6",
    "Digit7",
    "Digit8",
    "Digit9",
    "Digit0",
    "Minus",
    "Equal",
    "IntlYen",
  ],
  D: ["KeyQ", "KeyW", "KeyE", "KeyR", "KeyT", "KeyY", "KeyU", "KeyI", "KeyO", "KeyP", "BracketLeft", "BracketRight", "Backslash"],
  C: ["KeyA", "KeyS", "KeyD", "KeyF", "KeyG", "KeyH", "KeyJ", "KeyK", "KeyL", "Semicolon", "Quote", "Backslash"],
  B: ["IntlBackslash", "KeyZ", "KeyX", "KeyC", "KeyV", "KeyB", "KeyN", "KeyM", "Comma", "Period", "Slash", "IntlRo"],
} as const;
type Row = keyof typeof ROWS;

/**
 * A layout as its rows: per row the characters of each key unshifted, shifted and with AltGr, in the order of
 * ROWS (a space means the key gives nothing there). Dead keys are listed with `dead`: their character
 * needs the key and then Space.
 */
type LayoutRows = { rows: Partial<Record<Row, [string, string, string?]>>; dead?: string };

const US: LayoutRows = {
  rows: {
    E: ["`1234567890-=", "~!@#$%^&*()_+"],
    D: ["qwertyuiop[]\\", "QWERTYUIOP{}|"],
    C: ["asdfghjkl;'", 'ASDFGHJKL:"'],
    B: [" zxcvbnm,./", " ZXCVBNM<>?"],
  },
};

const layouts: Record<Exclude<LayoutId, "ko">, LayoutRows> = {
  us: US,
  gb: {
    rows: {
      E: ["`1234567890-=", '¬!"£$%^&*()_+', "    €"],
      D: ["qwertyuiop[]", "QWERTYUIOP{}"],
      C: ["asdfghjkl;'#", "ASDFGHJKL:@~"],
      B: ["\\zxcvbnm,./", "|ZXCVBNM<>?"],
    },
  },
  de: {
    rows: {
      E: ["^1234567890ß´", '°!"§$%&/()=?`', "  ²³   {[]}\\"],
      D: ["qwertzuiopü+", "QWERTZUIOPÜ*", "@ €        ~"],
      C: ["asdfghjklöä#", "ASDFGHJKLÖÄ'"],
      B: ["<yxcvbnm,.-", ">YXCVBNM;:_", "|      µ"],
    },
    dead: "^´`",
  },
  fr: {
    rows: {
      E: ["²&é\"'(-è_çà)=", " 1234567890°+", "  ~#{[|`\\^@]}"],
      D: ["azertyuiop^$", "AZERTYUIOP¨£", "  €        ¤"],
      C: ["qsdfghjklmù*", "QSDFGHJKLM%µ"],
      B: ["<wxcvbn,;:!", ">WXCVBN?./§"],
    },
    dead: "^¨~`",
  },
  ru: {
    rows: {
      E: ["ё1234567890-=", 'Ё!"№;%:?*()_+'],
      D: ["йцукенгшщзхъ\\", "ЙЦУКЕНГШЩЗХЪ/"],
      C: ["фывапролджэ", "ФЫВАПРОЛДЖЭ"],
      B: [" ячсмитьбю.", " ЯЧСМИТЬБЮ,"],
    },
  },
  ja: {
    rows: {
      // Backquote is the hankaku/zenkaku key on JIS keyboards: it types nothing.
      E: [" 1234567890-^¥", " !\"#$%&'() =~|"],
      D: ["qwertyuiop@[", "QWERTYUIOP`{"],
      C: ["asdfghjkl;:]", "ASDFGHJKL+*}"],
      B: [" zxcvbnm,./\\", " ZXCVBNM<>?_"],
    },
  },
};

const SPECIAL: Record<string, Stroke> = {
  "\n": { code: "Enter", keysym: 0xff0d, shift: false, altgr: false },
  "\t": { code: "Tab", keysym: 0xff09, shift: false, altgr: false },
  " ": { code: "Space", keysym: 0x20, shift: false, altgr: false },
};

/** X11 keysym of a character: Latin-1 is its code point, everything else the Unicode keysym range. */
export const keysymOf = (ch: string): number => {
  const cp = ch.codePointAt(0)!;
  return cp <= 0xff ? cp : 0x01000000 + cp;
};

type KeyMap = Map<string, { strokes: Stroke[] }>;

function buildKeyMap({ rows, dead = "" }: LayoutRows): KeyMap {
  const map: KeyMap = new Map();
  for (const [row, levels] of Object.entries(rows) as [Row, [string, string, string?]][]) {
    const codes = ROWS[row];
    levels.forEach((chars, level) => {
      [...(chars ?? "")].forEach((ch, i) => {
        if (ch === " " || i >= codes.length || map.has(ch)) return;
        const stroke: Stroke = { code: codes[i], keysym: keysymOf(ch), shift: level === 1, altgr: level === 2 };
        map.set(ch, { strokes: dead.includes(ch) ? [stroke, SPECIAL[" "]] : [stroke] });
      });
    });
  }
  for (const [ch, stroke] of Object.entries(SPECIAL)) map.set(ch, { strokes: [stroke] });
  return map;
}

const keyMaps = new Map<string, KeyMap>();
function keyMapFor(layout: Exclude<LayoutId, "ko">): KeyMap {
  let map = keyMaps.get(layout);
  if (!map) keyMaps.set(layout, (map = buildKeyMap(layouts[layout])));
  return map;
}

/** The key presses that type `text` in a guest using `layout`, and the characters that layout cannot type. */
export function planTyping(text: string, layout: LayoutId): { strokes: Stroke[]; missing: string[] } {
  const strokes: Stroke[] = [];
  const missing: string[] = [];
  const latin = keyMapFor(layout === "ko" ? "us" : layout);
  const typeLatin = (chars: string, original: string) => {
    const found = [...chars].map((c) => latin.get(c));
    if (found.some((f) => !f)) return void missing.push(original);
    for (const f of found) strokes.push(...f!.strokes);
  };
  for (const ch of text.replace(/\r\n?/g, "\n")) {
    if (latin.has(ch)) strokes.push(...latin.get(ch)!.strokes);
    else if (layout === "ko" && hangulKeys(ch)) typeLatin(hangulKeys(ch)!, ch);
    else if (layout === "ja" && kanaRomaji(ch)) typeLatin(kanaRomaji(ch)!, ch);
    else missing.push(ch);
  }
  return { strokes, missing: [...new Set(missing)] };
}

// Korean 2-set (Dubeolsik): each jamo is one key (a capital letter: with Shift) of the US layout.
const JAMO_KEYS: Record<string, string> = {
  ㄱ: "r",
  ㄲ: "R",
  ㄴ: "s",
  ㄷ: "e",
  ㄸ: "E",
  ㄹ: "f",
  ㅁ: "a",
  ㅂ: "q",
  ㅃ: "Q",
  ㅅ: "t",
  ㅆ: "T",
  ㅇ: "d",
  ㅈ: "w",
  ㅉ: "W",
  ㅊ: "c",
  ㅋ: "z",
  ㅌ: "x",
  ㅍ: "v",
  ㅎ: "g",
  ㅏ: "k",
  ㅐ: "o",
  ㅑ: "i",
  ㅒ: "O",
  ㅓ: "j",
  ㅔ: "p",
  ㅕ: "u",
  ㅖ: "P",
  ㅗ: "h",
  ㅘ: "hk",
  ㅙ: "ho",
  ㅚ: "hl",
  ㅛ: "y",
  ㅜ: "n",
  ㅝ: "nj",
  ㅞ: "np",
  ㅟ: "nl",
  ㅠ: "b",
  ㅡ: "m",
  ㅢ: "ml",
  ㅣ: "l",
  ㄳ: "rt",
  ㄵ: "sw",
  ㄶ: "sg",
  ㄺ: "fr",
  ㄻ: "fa",
  ㄼ: "fq",
  ㄽ: "ft",
  ㄾ: "fx",
  ㄿ: "fv",
  ㅀ: "fg",
  ㅄ: "qt",
};
const INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
const MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
const FINALS = ["", ..."ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"];

/** A Hangul syllable or jamo as the US-layout keys of its jamo (initial, medial, final), or null. */
export function hangulKeys(ch: string): string | null {
  if (JAMO_KEYS[ch]) return JAMO_KEYS[ch];
  const s = ch.codePointAt(0)! - 0xac00;
  if (s < 0 || s >= 11172) return null;
  const jamo = [INITIALS[Math.floor(s / 588)], MEDIALS[Math.floor((s % 588) / 28)], FINALS[s % 28]];
  return jamo.map((j) => (j ? JAMO_KEYS[j] : "")).join("");
}

// Japanese kana as the romaji an input method turns back into kana (Hepburn-style, as IMEs accept).
const KANA =
  "あa いi うu えe おo かka きki くku けke こko さsa しshi すsu せse そso たta ちchi つtsu てte とto なna にni ぬnu ねne のno " +
  "はha ひhi ふfu へhe ほho まma みmi むmu めme もmo やya ゆyu よyo らra りri るru れre ろro わwa をwo んnn " +
  "がga ぎgi ぐgu げge ごgo ざza じji ずzu ぜze ぞzo だda ぢdi づdu でde どdo ばba びbi ぶbu べbe ぼbo ぱpa ぴpi ぷpu ぺpe ぽpo " +
  "ぁxa ぃxi ぅxu ぇxe ぉxo ゃxya ゅxyu ょxyo っxtu ゎxwa ー- 、, 。. 「[ 」] ・/ ゔvu";
const ROMAJI = new Map(KANA.split(" ").map((pair) => [pair[0], pair.slice(1)]));

/** Hiragana or katakana (typed as the same romaji) and Japanese punctuation, or null. */
export function kanaRomaji(ch: string): string | null {
  const cp = ch.codePointAt(0)!;
  // Katakana sit 0x60 above their hiragana.
  const hira = cp >= 0x30a1 && cp <= 0x30f6 ? String.fromCodePoint(cp - 0x60) : ch;
  return ROMAJI.get(hira) ?? null;
}

/** Modifier keys pressed around a stroke. */
export const MODIFIER = {
  shift: { code: "ShiftLeft", keysym: 0xffe1 },
  altgr: { code: "AltRight", keysym: 0xfe03 },
} as const;

/** The layout a display's `keymap` (QEMU's names: en-us, de-ch, ru, ja, …) suggests, if it is one of ours. */
export function layoutForKeymap(keymap: string | undefined): LayoutId | null {
  const base = keymap?.toLowerCase();
  if (!base) return null;
  if (base === "en-gb") return "gb";
  if (base.startsWith("en")) return "us";
  const lang = base.split("-")[0];
  return keyboardLayouts.some((l) => l.id === lang) ? (lang as LayoutId) : null;
}
