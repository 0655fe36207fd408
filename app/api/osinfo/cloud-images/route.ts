import { z } from "zod";
import { listCloudImages } from "@/lib/osinfo/cloud-images";
import { route } from "@/lib/server/http/route";

const query = z.object({ arch: z.string().max(32).default("x86_64") });

/** "Download an OS": the ready-made disk images osinfo-db (and the local osinfo directory) list for an architecture. */
export const GET = route(
  { permission: "storage.manage", query, summary: "Cloud and disk images osinfo-db lists for download, per architecture" },
  async ({ query }) => ({
    images: listCloudImages()
      .filter((i) => i.arch === query.arch)
      .sort((a, b) => a.osName.localeCompare(b.osName, "en", { numeric: true }) || a.format.localeCompare(b.format)),
  }),
);
