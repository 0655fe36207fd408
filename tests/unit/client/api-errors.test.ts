import { createTranslator } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiRequestError, setRequestWords } from "@/lib/client/api";
import ja from "@/messages/ja.json";
import ru from "@/messages/ru.json";

// The browser's API client at its transport boundary (fetch): libvirt's own messages come labelled as libvirt's
// wherever they are shown (a toast as well as a form), the console's own as the server wrote them.
const answer = (status: number, body: unknown) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));

/** The page's "requestErrors" translator, as app/providers.tsx sets it. */
const wordsOf = (locale: "ja" | "ru", messages: typeof ja | typeof ru) => {
  const t = createTranslator({ locale, messages, namespace: "requestErrors" });
  setRequestWords((key, values) => t(key, values as never));
};

afterEach(() => {
  vi.unstubAllGlobals();
  setRequestWords((key, values) => (key === "libvirtSays" ? String(values?.message) : key));
});

describe("api() errors", () => {
  it("labels libvirt's message in the page's words and keeps what libvirt said", async () => {
    wordsOf("ru", ru);
    vi.stubGlobal("fetch", answer(409, { error: "Requested operation is not valid: domain is not running", libvirt: true }));
    const error = await api("/api/x", { method: "POST", body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect((error as ApiRequestError).message).toBe("Сообщение libvirt: Requested operation is not valid: domain is not running");
    expect((error as ApiRequestError).said).toBe("Requested operation is not valid: domain is not running");
    expect((error as ApiRequestError).status).toBe(409);
  });

  it("shows the console's own message and field messages as the server wrote them", async () => {
    wordsOf("ru", ru);
    vi.stubGlobal("fetch", answer(422, { error: "Некоторые поля заполнены неверно", fields: { name: "Введите имя" } }));
    const error = (await api("/api/x", { method: "POST", body: {} }).catch((e: unknown) => e)) as ApiRequestError;
    expect(error.message).toBe("Некоторые поля заполнены неверно");
    expect(error.fields).toEqual({ name: "Введите имя" });
    expect(error.libvirt).toBe(false);
  });

  it("says the connection limiter's refusal, and an answer without words, in the page's language", async () => {
    wordsOf("ja", ja);
    vi.stubGlobal("fetch", answer(503, { error: "Too many open connections from your address", requestError: "tooManyConnections" }));
    const refused = (await api("/api/x").catch((e: unknown) => e)) as ApiRequestError;
    expect(refused.message).toBe("このアドレスからの接続が多すぎます");
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("Bad Gateway", { status: 502 })),
    );
    const bare = (await api("/api/x").catch((e: unknown) => e)) as ApiRequestError;
    expect(bare.message).toBe("リクエストが失敗しました (502)");
  });
});
