import "server-only";
import { encodePng, parsePpm } from "../images/png";
import { ApiError } from "../http/errors";
import { resolveGuest } from "./guest-target";

/**
 * The guest's screen as PNG, through libvirt's screenshot stream (QEMU writes PPM), so it works for
 * remote hosts and for people who may look but not touch. Reading only: not audited.
 */
export async function screenshotGuest(hostId: string, uuid: string): Promise<Buffer> {
  const { lv, dom } = await resolveGuest(hostId, uuid);
  if (!(await lv.domains.isActive(dom))) throw new ApiError(409, "The guest is not running, so it has no screen to capture");
  const { mime, data } = await lv.domains.screenshot(dom);
  if (mime === "image/png") return data;
  return encodePng(parsePpm(data));
}
