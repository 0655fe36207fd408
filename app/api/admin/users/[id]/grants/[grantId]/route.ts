import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { revokeGrant } from "@/lib/server/users/revoke-grant";

const params = z.object({ id: z.string().min(1).max(64), grantId: z.string().min(1).max(64) });

export const DELETE = route({ permission: "admin", params }, async ({ ctx, params }) =>
  revokeGrant(ctx, { userId: params.id, grantId: params.grantId }),
);
