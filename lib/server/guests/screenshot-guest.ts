import "server-only";
import type { VerbContext } from "../verb-context";
import type { GuestRef } from "@/lib/guests/types";
import { encodePng, parsePpm } from "../images/png";
import { ApiError } from "../http/errors";
import { resolveGuest } from "./guest-target";

/**
 * The guest's screen as PNG, through libvirt's screenshot stream (QEMU writes PPM), so it works for
 * remote hosts and for people who may look but not touch. Reading only: not audited.
 */
export async function screenshotGuest(_ctx: VerbContext, { hostId, uuid }: GuestRef): Promise<Buffer> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  if (!(await lv.domains.isActive(dom))) throw new ApiError(409, { key: "noScreen" });
  const { mime, data } = await lv.domains.screenshot(dom);
  if (mime === "image/png") return data;
  return encodePng(parsePpm(data));
}
