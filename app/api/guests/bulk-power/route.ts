import { bulkPowerSchema } from "@/lib/guests/types";
import { bulkPower } from "@/lib/server/guests/bulk-power";
import { route } from "@/lib/server/http/route";

// Checked per guest inside bulkPower: someone may hold power rights on some of the selected guests only.
export const POST = route({ permission: "authenticated", body: bulkPowerSchema }, async ({ ctx, body, locale }) => ({
  results: await bulkPower(ctx, body, locale),
}));
