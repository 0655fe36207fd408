// /healthz says the process answers; /readyz that it can serve people. With its database stopped the console is
// alive but not ready, and says no more than that, to anyone, without a session.
import { afterAll, describe, expect, it } from "vitest";
import { startConsoleServer, type ConsoleServer } from "../../helpers/console-server";
import { postgresBinDir, startPostgres } from "../../helpers/postgres";

let server: ConsoleServer | undefined;
let pg: { url: string; stop: () => Promise<void> } | undefined;

afterAll(async () => {
  await server?.stop();
  await pg?.stop().catch(() => undefined);
});

describe("health and readiness", () => {
  it("are ready on a running console, and not ready (but alive) once its database stops", async () => {
    const bin = postgresBinDir();
    if (!bin) throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)");
    pg = await startPostgres(bin);
    server = await startConsoleServer({ env: { DATABASE_URL: pg.url } });
    const get = async (path: string) => {
      const res = await server!.request("GET", path);
      return `${res.status} ${res.body.toString()}`;
    };
    expect(await get("/healthz")).toBe("200 ok");
    expect(await get("/readyz")).toBe("200 ready");
    await pg.stop();
    await expect.poll(() => get("/readyz"), { timeout: 30_000 }).toBe("503 not ready");
    expect(await get("/healthz")).toBe("200 ok");
  });
});
