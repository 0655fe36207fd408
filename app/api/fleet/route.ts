import { canAnywhere } from "@/lib/roles";
import { forbidden } from "@/lib/server/http/errors";
import { route } from "@/lib/server/http/route";
import { readFleet } from "@/lib/server/metrics/fleet";

/** The fleet dashboard, for anyone with metrics.view somewhere; what it lists is limited to their grants. */
export const GET = route({ permission: "authenticated" }, async ({ actor }) => {
  if (!canAnywhere(actor.grants, "metrics.view")) throw forbidden();
  return readFleet(actor);
});
