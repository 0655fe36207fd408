import type { HardwareGoldenCase } from "./types";
import { watchdogCases } from "./watchdog";

export const hardwareCases: HardwareGoldenCase[] = [...watchdogCases];
