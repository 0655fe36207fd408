import type { HardwareGoldenCase } from "./types";
import { watchdogCases } from "./watchdog";
import { interfaceCases } from "./interface";
import { graphicsCases } from "./graphics";
import { videoCases } from "./video";
import { soundCases } from "./sound";
import { inputCases } from "./input";
import { tpmCases } from "./tpm";
import { rngCases } from "./rng";
import { panicCases } from "./panic";
import { memballoonCases } from "./memballoon";

export const hardwareCases: HardwareGoldenCase[] = [
  ...watchdogCases,
  ...interfaceCases,
  ...graphicsCases,
  ...videoCases,
  ...soundCases,
  ...inputCases,
  ...tpmCases,
  ...rngCases,
  ...panicCases,
  ...memballoonCases,
];
