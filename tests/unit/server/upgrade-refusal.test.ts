import type { IncomingMessage } from "node:http";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { refuseUpgrade } from "@/lib/server/ws/authenticate-upgrade";

/** What a refused upgrade writes on its socket. */
async function answer(acceptLanguage: string, person?: { locale: string }) {
  const socket = new PassThrough();
  let written = "";
  socket.on("data", (chunk: Buffer) => (written += chunk.toString("utf8")));
  const req = { headers: { "accept-language": acceptLanguage } } as unknown as IncomingMessage;
  await refuseUpgrade(socket, req, 403, { key: "consoleLinkInvalid" }, person);
  await new Promise((resolve) => socket.once("close", resolve));
  return written;
}

describe("a WebSocket upgrade's refusal", () => {
  it("is said in the person's stored language, else in the one the upgrade request asks for", async () => {
    const ja = await answer("ja,en;q=0.5");
    expect(ja).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(JSON.parse(ja.slice(ja.indexOf("\r\n\r\n") + 4))).toEqual({
      error:
        "このコンソールのリンクはもう有効ではありません (使用済み、期限切れ、または自分のものではありません)。コンソールを開き直してください",
    });
    expect(await answer("ja", { locale: "ru" })).toContain("Эта ссылка на консоль больше не действует");
    expect(await answer("")).toContain("This console link is not valid any more");
  });
});
