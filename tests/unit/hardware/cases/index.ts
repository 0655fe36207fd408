import type { HardwareGoldenCase } from "./types";
import { watchdogCases } from "./watchdog";
import { interfaceCases } from "./interface";
import { graphicsCases } from "./graphics";

export const hardwareCases: HardwareGoldenCase[] = [
  ...watchdogCases,
  ...interfaceCases,
  ...graphicsCases,
];
