import "server-only";
import type { PowerAction } from "@/lib/guests/types";
import { VirDomainRebootFlagValues as Reboot, VirDomainShutdownFlagValues as Shutdown } from "@/lib/libvirt/generated/flags";
import type { GuestRef } from "@/lib/guests/types";
import type { VerbContext } from "../verb-context";
import { refuseTemplateStart } from "../templates/template-mark";
import { changeGuest, type GuestTarget } from "./guest-target";

type Method = "acpi" | "agent" | undefined;

const run: Record<PowerAction, (t: GuestTarget, method: Method) => Promise<unknown>> = {
  // Every start (the guest page, bulk power, schedules) comes here; a template never starts.
  start: async (t) => {
    await refuseTemplateStart(t);
    return t.lv.domains.start(t.dom);
  },
  shutdown: ({ lv, dom }, m) =>
    lv.domains.shutdown(
      dom,
      m === "agent" ? Shutdown.VIR_DOMAIN_SHUTDOWN_GUEST_AGENT : m === "acpi" ? Shutdown.VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN : 0,
    ),
  reboot: ({ lv, dom }, m) =>
    lv.domains.reboot(
      dom,
      m === "agent" ? Reboot.VIR_DOMAIN_REBOOT_GUEST_AGENT : m === "acpi" ? Reboot.VIR_DOMAIN_REBOOT_ACPI_POWER_BTN : 0,
    ),
  reset: ({ lv, dom }) => lv.domains.reset(dom),
  forceoff: ({ lv, dom }) => lv.domains.destroy(dom),
  pause: ({ lv, dom }) => lv.domains.suspend(dom),
  resume: ({ lv, dom }) => lv.domains.resume(dom),
};

/** Start (never a template), shut down, reboot, reset, force off, pause or resume one guest (a managed save starts from its image). */
export async function powerGuest(
  ctx: VerbContext,
  { hostId, uuid, action, method }: GuestRef & { action: PowerAction; method?: Method },
): Promise<void> {
  await changeGuest(ctx, { action: `guest.${action}`, hostId, uuid, details: method ? { method } : undefined }, (t) =>
    run[action](t, method),
  );
}
