import { z } from "zod";
import { testConnection } from "@/lib/server/hosts/test-connection";
import { route } from "@/lib/server/http/route";
import { hostFormSchema } from "@/lib/validations/hosts";

const body = z.object({ form: hostFormSchema, hostId: z.string().min(1).optional() });

// Admin-only and audited because it makes the server open connections where the form says.
export const POST = route({ permission: "host.manage", body }, async ({ ctx, body }) => testConnection(ctx, body));
