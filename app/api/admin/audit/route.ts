import { auditQuerySchema } from "@/lib/validations/users";
import { route } from "@/lib/server/http/route";
import { listAuditLog } from "@/lib/server/list-audit-log";

export const GET = route({ permission: "admin", query: auditQuerySchema }, async ({ query }) => listAuditLog(query));
