import { listSnippets } from "@/lib/server/cloud-init/list-snippets";
import { saveSnippet } from "@/lib/server/cloud-init/save-snippet";
import { route } from "@/lib/server/http/route";
import { cloudInitSnippetSchema } from "@/lib/validations/cloud-init";

/** Saved cloud-init user-data for the new-guest wizard's raw editor. */
export const GET = route({ permission: "guest.manage" }, async () => listSnippets());

/** Keeps user-data (checked as YAML) under a new name; audited. */
export const POST = route({ permission: "guest.manage", body: cloudInitSnippetSchema }, async ({ ctx, body }) => saveSnippet(ctx, body));
