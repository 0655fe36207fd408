import { Shell } from "@/components/shell/shell";
import { requireActor } from "@/lib/server/current-actor";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return <Shell user={{ username: actor.username, displayName: actor.displayName, grants: actor.grants }}>{children}</Shell>;
}
