import "server-only";
import { can, type Grant } from "@/lib/roles";
import { forbidden } from "../../http/errors";

/** Hardware and XML are for those who look after the host or may change the guest; helpdesk staff run guests, they don't inspect them. */
export function requireHardwareView(grants: readonly Grant[], hostId: string, uuid: string): { canManage: boolean } {
  const canManage = can(grants, "guest.manage", { kind: "guest", hostId, guestUuid: uuid });
  if (!canManage && !can(grants, "host.view", { kind: "host", hostId })) throw forbidden();
  return { canManage };
}
