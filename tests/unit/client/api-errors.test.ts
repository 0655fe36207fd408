import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiRequestError, setLibvirtLabel } from "@/lib/client/api";

// The browser's API client at its transport boundary (fetch): libvirt's own messages come labelled as libvirt's
// wherever they are shown (a toast as well as a form), the console's own as the server wrote them.
const answer = (status: number, body: unknown) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));

afterEach(() => {
  vi.unstubAllGlobals();
  setLibvirtLabel((message) => message);
});

describe("api() errors", () => {
  it("labels libvirt's message in the page's words and keeps what libvirt said", async () => {
    setLibvirtLabel((message) => `Сообщение libvirt: ${message}`);
    vi.stubGlobal("fetch", answer(409, { error: "Requested operation is not valid: domain is not running", libvirt: true }));
    const error = await api("/api/x", { method: "POST", body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect((error as ApiRequestError).message).toBe("Сообщение libvirt: Requested operation is not valid: domain is not running");
    expect((error as ApiRequestError).said).toBe("Requested operation is not valid: domain is not running");
    expect((error as ApiRequestError).status).toBe(409);
  });

  it("shows the console's own message and field messages as the server wrote them", async () => {
    setLibvirtLabel((message) => `Сообщение libvirt: ${message}`);
    vi.stubGlobal("fetch", answer(422, { error: "Некоторые поля заполнены неверно", fields: { name: "Введите имя" } }));
    const error = (await api("/api/x", { method: "POST", body: {} }).catch((e: unknown) => e)) as ApiRequestError;
    expect(error.message).toBe("Некоторые поля заполнены неверно");
    expect(error.fields).toEqual({ name: "Введите имя" });
    expect(error.libvirt).toBe(false);
  });
});
