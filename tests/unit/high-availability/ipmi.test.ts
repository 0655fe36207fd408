import { describe, expect, it } from "vitest";
import { ipmitoolArgs, parsePowerStatus } from "@/lib/high-availability/ipmi";

const target = { address: "10.0.0.9", port: 6230, user: "fence" };

describe("ipmitool's arguments", () => {
  it("asks over lanplus with the password from the environment, never in argv", () => {
    const args = ipmitoolArgs(target, "status");
    expect(args).toEqual([
      "-I",
      "lanplus",
      "-H",
      "10.0.0.9",
      "-p",
      "6230",
      "-U",
      "fence",
      "-E",
      "-N",
      "2",
      "-R",
      "2",
      "chassis",
      "power",
      "status",
    ]);
    expect(args).not.toContain("-P");
  });

  it("powers off with chassis power off", () => {
    expect(ipmitoolArgs(target, "off").slice(-3)).toEqual(["chassis", "power", "off"]);
  });
});

describe("reading the power state", () => {
  it("reads on and off as ipmitool prints them", () => {
    expect(parsePowerStatus("Chassis Power is on\n")).toBe("on");
    expect(parsePowerStatus("Chassis Power is off\n")).toBe("off");
  });

  it("says unknown for anything else", () => {
    expect(parsePowerStatus("Chassis Power Control: Down/Off\n")).toBe("unknown");
    expect(parsePowerStatus("")).toBe("unknown");
  });
});
