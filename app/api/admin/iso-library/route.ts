import { isoCandidates } from "@/lib/server/guests/media/iso-candidates";
import { route } from "@/lib/server/http/route";

/** Every host's ISO volumes, for choosing the images helpdesk staff may insert (saved with PATCH /api/admin/settings). */
export const GET = route({ permission: "admin" }, async ({ actor }) => isoCandidates(actor));
