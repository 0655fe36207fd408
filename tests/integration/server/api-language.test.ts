// The API's errors in the language of the person asking: their stored choice, else their browser's, through the
// real route guard and handlers (a fresh SQLite database; the not-found host never reaches libvirt).
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, PATCH } from "@/app/api/hosts/[id]/route";
import { createSession, SESSION_COOKIE } from "@/lib/server/auth/session";
import { db } from "@/lib/server/db";
import { newId } from "@/lib/server/ids";
import { startTestConsole, type TestConsole } from "../../helpers/console-db";

let tc: TestConsole;
let cookie: string;
let userId: string;
const missing = "00000000-0000-4000-8000-0000000000aa";

beforeAll(async () => {
  tc = await startTestConsole();
  userId = (await tc.actor()).id;
  await db().roleGrant.create({ data: { id: newId(), userId, role: "admin", scope: "global" } });
  cookie = `${SESSION_COOKIE}=${(await createSession(userId, "127.0.0.1", "vitest")).token}`;
});

afterAll(async () => {
  await tc.cleanup();
});

const setLocale = (locale: string | null) => db().user.update({ where: { id: userId }, data: { locale } });

async function call(method: "GET" | "PATCH", headers: Record<string, string>, body?: unknown) {
  const req = new NextRequest(`http://console.test/api/hosts/${missing}`, {
    method,
    headers: { cookie, host: "console.test", origin: "http://console.test", "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const handler = method === "GET" ? GET : PATCH;
  const res = await handler(req, { params: Promise.resolve({ id: missing }) });
  return { status: res.status, body: (await res.json()) as { error: string; fields?: Record<string, string> } };
}

describe("errors in the requester's language", () => {
  it("follows Accept-Language when the person chose no language: a Russian not-found and field messages", async () => {
    await setLocale(null);
    expect(await call("GET", { "accept-language": "ru-RU,ru;q=0.9" })).toEqual({
      status: 404,
      body: { error: "Узел не найден" },
    });
    const invalid = await call("PATCH", { "accept-language": "ru" }, { kind: "local", name: " " });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toBe("Некоторые поля заполнены неверно");
    expect(invalid.body.fields).toEqual({ name: "Введите имя" });
    // zod's own message (no sentence of ours on the field) comes in Russian too.
    const wrongType = await call("PATCH", { "accept-language": "ru" }, { kind: "local", name: 42 });
    expect(wrongType.body.fields?.name).toMatch(/[а-я]/);
  });

  it("prefers the person's stored language over the browser's, and speaks English by default", async () => {
    await setLocale("ru");
    expect((await call("GET", { "accept-language": "ko" })).body.error).toBe("Узел не найден");
    await setLocale("ko");
    expect((await call("GET", {})).body.error).toBe("호스트를 찾을 수 없습니다");
    await setLocale(null);
    expect(await call("GET", {})).toEqual({ status: 404, body: { error: "Host not found" } });
    expect((await call("PATCH", {}, { kind: "local", name: "" })).body).toEqual({
      error: "Some fields are not valid",
      fields: { name: "Enter a name" },
    });
  });
});
