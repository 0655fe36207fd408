import "server-only";
import type { CloudInitSnippet } from "@/lib/new-guest/cloud-init";
import { db } from "../db";

/** The saved user-data snippets, by name, for the wizard's raw editor. Reading only. */
export async function listSnippets(): Promise<{ snippets: CloudInitSnippet[] }> {
  const rows = await db().cloudInitSnippet.findMany({ orderBy: { name: "asc" } });
  return {
    snippets: rows.map((r) => ({
      id: r.id,
      name: r.name,
      userData: r.userData,
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
