import { z } from "zod";
import { deleteSnippet } from "@/lib/server/cloud-init/delete-snippet";
import { route } from "@/lib/server/http/route";

/** Deletes a saved snippet; audited. */
export const DELETE = route({ permission: "guest.manage", params: z.object({ id: z.string().min(1).max(64) }) }, async ({ ctx, params }) =>
  deleteSnippet(ctx, params),
);
