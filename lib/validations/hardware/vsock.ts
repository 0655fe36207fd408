import { z } from "zod";
import { said } from "../messages";
import type { DeviceForm } from "@/lib/guests/hardware/types";
import { Vsock } from "@/lib/xml/devices/system";
import { optionalInt, options } from "./common";

// The largest CID: 2^32 - 1 means "any" to AF_VSOCK.
const MAX_CID = 2 ** 32 - 2;

export const vsockSchema = z
  .object({
    cid: z.enum(["auto", "fixed"], { message: said("pickCidMode") }),
    address: optionalInt(Vsock.firstGuestCid, MAX_CID, said("vsockCid")).default(null),
  })
  .superRefine((v, ctx) => {
    if (v.cid === "fixed" && v.address === null) ctx.addIssue({ code: "custom", path: ["address"], message: said("enterCid") });
  });
export type VsockValues = z.infer<typeof vsockSchema>;

export const vsockForm: DeviceForm = {
  family: "vsock",
  addable: true,
  defaults: { cid: Vsock.defaults.cidAuto ? "auto" : "fixed", address: null },
  fields: [
    {
      name: "cid",
      label: "guestCid",
      kind: "select",
      hint: "theAddressHostProgramsReach",
      options: options(["auto", "fixed"], { auto: "chosenByLibvirtWhenThe", fixed: "fixed" }),
    },
    { name: "address", label: "cid", kind: "number", showIf: { field: "cid", equals: "fixed" } },
  ],
};
