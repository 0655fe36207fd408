// The Add hardware dialog's starting point and the controller form's model list: Storage first, and a
// controller type offers only its own models (switching type picks one of the new type's).
import { describe, expect, it } from "vitest";
import { baseOptions, withField } from "@/lib/guests/hardware/form-options";
import type { HardwareChoices } from "@/lib/guests/hardware/types";
import { deviceForms } from "@/lib/validations/hardware";
import { controllerForm, controllerSchema } from "@/lib/validations/hardware/controller";

const noChoices: HardwareChoices = {
  networks: [],
  bridges: [],
  hostInterfaces: [],
  pools: [],
  volumes: [],
  isoVolumes: [],
  usbDevices: [],
  pciDevices: [],
};
const modelField = controllerForm.fields.find((f) => f.name === "model")!;
const models = (type: string) => baseOptions(modelField, noChoices, { type, model: "" }).map((o) => o.value);

describe("Add hardware", () => {
  it("opens on Storage, the kind people add most", () => {
    const addable = deviceForms().filter((f) => f.addable);
    expect(addable[0]).toMatchObject({ family: "disk" });
    expect(addable[1].family).toBe("controller");
  });

  it("lists only SCSI models for a SCSI controller and only USB models for a USB one", () => {
    expect(models("scsi")).toEqual(["virtio-scsi", "lsilogic"]);
    expect(models("usb")).toEqual(["qemu-xhci", "nec-xhci", "ich9-ehci1", "piix3-uhci", "none"]);
    expect(models("sata")).toEqual([""]);
  });

  it("switching the type picks the new type's first model, which its schema accepts", () => {
    const usb = withField(controllerForm, { ...controllerForm.defaults }, "type", "usb");
    expect(usb).toEqual({ type: "usb", model: "qemu-xhci" });
    expect(controllerSchema.safeParse(usb).success).toBe(true);
    // A model the new type also has is kept (none here), and other fields are left alone.
    expect(withField(controllerForm, usb, "model", "nec-xhci")).toEqual({ type: "usb", model: "nec-xhci" });
    expect(withField(controllerForm, usb, "type", "sata")).toEqual({ type: "sata", model: "" });
  });
});
