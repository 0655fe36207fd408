import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import { CONSOLE_TEMPLATE_KEY, CONSOLE_TEMPLATE_NS, consoleTemplateElement } from "@/lib/xml";
import { changeGuest } from "../guests/guest-target";
import { ApiError } from "../http/errors";
import { AFFECT_CONFIG } from "../guests/hardware/definition";
import { hostInventory } from "../guests/inventory";
import type { VerbContext } from "../verb-context";
import { linkedClonesOf, refuseWhileDependents } from "./linked-clones";
import { isTemplate } from "./template-mark";

/**
 * Marks a shut-off guest as a template, or turns a template back into a guest. The mark is written to the saved
 * definition's metadata (CONSOLE_TEMPLATE_NS); marking also turns autostart off, since a template never starts.
 * A template whose linked clones still depend on its disks stays one: started, it would write to their base.
 */
export async function setTemplate(
  ctx: VerbContext,
  { hostId, uuid, template }: GuestRef & { template: boolean },
): Promise<{ template: boolean }> {
  const action = template ? "guest.template.mark" : "guest.template.unmark";
  const result = await changeGuest(ctx, { hostId, uuid, action }, async (target, details) => {
    const { lv, dom } = target;
    const [state, persistent, managedSave, marked] = await Promise.all([
      lv.domains.state(dom),
      lv.domains.isPersistent(dom),
      lv.domains.hasManagedSave(dom),
      isTemplate(target),
    ]);
    if (marked === template) return { template };
    if (template) {
      const guest = { guest: dom.name };
      if (state.name !== "shutoff") throw new ApiError(409, { key: "templateNeedsShutoff", values: guest });
      if (!persistent) throw new ApiError(409, { key: "templateNeedsDefinition", values: guest });
      if (managedSave) throw new ApiError(409, { key: "templateHasSavedState", values: guest });
      if (await lv.domains.autostart(dom)) {
        await lv.domains.setAutostart(dom, false);
        details.autostartTurnedOff = true;
      }
      await lv.domains.setElementMetadata(
        dom,
        CONSOLE_TEMPLATE_NS,
        CONSOLE_TEMPLATE_KEY,
        consoleTemplateElement(new Date()),
        AFFECT_CONFIG,
      );
    } else {
      refuseWhileDependents(await linkedClonesOf(lv, dom), "stayTemplate", dom.name);
      await lv.domains.setElementMetadata(dom, CONSOLE_TEMPLATE_NS, CONSOLE_TEMPLATE_KEY, null, AFFECT_CONFIG);
    }
    return { template };
  });
  hostInventory(hostId).forgetDefinition(uuid);
  hostInventory(hostId).invalidate();
  return result;
}
