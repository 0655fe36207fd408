// Run as a fresh process on a restored data directory: signs a person in and lists a remote host's guests
// through its stored (sealed) SSH credentials. Prints one JSON line.
import { login } from "@/lib/server/auth/login";
import { db } from "@/lib/server/db";
import { hostPool } from "@/lib/server/hosts/host-pool";

async function main() {
  const [username, password, hostName] = process.argv.slice(2);
  const session = await login({ username, password, ip: "192.0.2.10", userAgent: "restore-check" });
  const host = await db().host.findUniqueOrThrow({ where: { name: hostName } });
  const lv = await hostPool().get(host.id);
  const guests = await lv.domains.list();
  console.log(JSON.stringify({ signedIn: session.kind === "session" && Boolean(session.token), hostReached: Array.isArray(guests) }));
  await hostPool().closeAll();
  await db().$disconnect();
}

main().catch((err: Error) => {
  console.log(JSON.stringify({ error: err.message }));
  process.exit(1);
});
