import "server-only";
import type { SeedFiles } from "@/lib/new-guest/cloud-init";
import type { CloudInitInput } from "@/lib/validations/cloud-init";
import type { VerbContext } from "../verb-context";
import { renderSeed } from "./render";

/** "Preview seed": the three files as the guest will get them (passwords hashed; the instance id is made at Finish). */
export async function previewSeed(
  _ctx: VerbContext,
  { guestName, config }: { guestName: string; config: CloudInitInput },
): Promise<SeedFiles> {
  return renderSeed(config, `${guestName || "new-guest"}-<made at Finish>`);
}
