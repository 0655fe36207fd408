import { z } from "zod";
import { testConnection } from "@/lib/server/hosts/test-connection";
import { route } from "@/lib/server/http/route";
import { hostFormSchema } from "@/lib/validations/hosts";

const body = z.object({ form: hostFormSchema, hostId: z.string().min(1).optional() });

// Not audited: it changes nothing. It is admin-only because it makes the server open connections.
export const POST = route({ permission: "host.manage", body }, async ({ body }) => testConnection(body.form, body.hostId));
