import "server-only";
import type { AuditQuery } from "@/lib/validations/users";
import { db } from "./db";

export async function listAuditLog(q: AuditQuery) {
  const where = {
    actor: q.actor ? { contains: q.actor } : undefined,
    action: q.action ? { startsWith: q.action } : undefined,
    target: q.target ? { contains: q.target } : undefined,
    at: q.from || q.to ? { gte: q.from ? new Date(q.from) : undefined, lte: q.to ? new Date(q.to) : undefined } : undefined,
  };
  const [total, rows] = await Promise.all([
    db().auditLog.count({ where }),
    db().auditLog.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (q.page - 1) * q.pageSize, take: q.pageSize }),
  ]);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((r) => ({ ...r, at: r.at.toISOString(), details: JSON.parse(r.details) as Record<string, unknown> })),
  };
}
export type AuditPage = Awaited<ReturnType<typeof listAuditLog>>;
