import "server-only";
import type { GuestRef } from "@/lib/guests/types";
import { flagSet } from "@/lib/libvirt/flag-set";
import type { SetTagsInput } from "@/lib/validations/tags";
import { tagsSchema } from "@/lib/validations/tags";
import { CONSOLE_TAGS_KEY, CONSOLE_TAGS_NS, consoleTagsElement } from "@/lib/xml";
import { changeGuest, type GuestTarget } from "../guests/guest-target";
import { AFFECT_CONFIG, AFFECT_LIVE } from "../guests/hardware/definition";
import { hostInventory } from "../guests/inventory";
import type { VerbContext } from "../verb-context";
import { readGuestTags } from "./read-guest-tags";
import { mirrorGuestTags, tagAccessChanged } from "./guest-tag-index";

/**
 * Replaces a guest's tags. Written with libvirt's metadata call under the console's namespace, to the running
 * guest and its saved definition together (only the one it has), then mirrored for grants on a tag; holders of
 * grants on an added or removed tag have their live connections re-checked.
 */
export async function setGuestTags(ctx: VerbContext, { hostId, uuid, tags: asked }: GuestRef & SetTagsInput): Promise<{ tags: string[] }> {
  const tags = tagsSchema.parse(asked);
  // Filled in as the change learns the tags it replaces; the audit row reads it when the change ends.
  const details: Record<string, unknown> = { after: tags };
  const result = await changeGuest(ctx, { hostId, uuid, action: "guest.tags", details }, async (target) => {
    details.before = await readGuestTags(target);
    await target.lv.domains.setElementMetadata(
      target.dom,
      CONSOLE_TAGS_NS,
      CONSOLE_TAGS_KEY,
      consoleTagsElement(tags),
      await impact(target),
    );
    return { tags };
  });
  // This instance's list shows them at once; the others hear libvirt's metadata event.
  hostInventory(hostId).forgetDefinition(uuid);
  hostInventory(hostId).invalidate();
  const { changed } = await mirrorGuestTags(hostId, uuid, tags);
  await tagAccessChanged(changed);
  return result;
}

/** Both definitions when the guest has both; a transient guest has no saved one, a shut-off guest no live one. */
async function impact(target: GuestTarget) {
  const [active, persistent] = await Promise.all([target.lv.domains.isActive(target.dom), target.lv.domains.isPersistent(target.dom)]);
  return flagSet(persistent ? AFFECT_CONFIG : 0, active ? AFFECT_LIVE : 0);
}
