import { z } from "zod";
import { route } from "@/lib/server/http/route";
import { osAdvice, searchOperatingSystems } from "@/lib/server/new-guest/os-advice";

const query = z.object({
  q: z.string().max(100).default(""),
  eol: z.enum(["0", "1"]).default("0"),
  /** With an id: that OS's advice (memory, CPUs, disk, firmware) instead of a list. */
  id: z.string().max(200).optional(),
});

/** The operating-system picker (osinfo-db on the console's machine): a search, or one OS's advice. */
export const GET = route({ permission: "authenticated", query }, async ({ query }) =>
  query.id ? (await osAdvice(query.id)).advice : { systems: await searchOperatingSystems(query.q, query.eol === "1") },
);
