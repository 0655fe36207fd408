import type { HardwareGoldenCase } from "./types";
import { diskCases } from "./disk";
import { hostDeviceCases } from "./host-devices";
import { watchdogCases } from "./watchdog";
import { interfaceCases } from "./interface";
import { graphicsCases } from "./graphics";
import { videoCases } from "./video";
import { soundCases } from "./sound";
import { inputCases } from "./input";
import { serialCases } from "./serial";
import { parallelCases } from "./parallel";
import { consoleCases } from "./console";
import { channelCases } from "./channel";
import { tpmCases } from "./tpm";
import { rngCases } from "./rng";
import { panicCases } from "./panic";
import { memballoonCases } from "./memballoon";
import { newKindCases } from "./new-kinds";

export const hardwareCases: HardwareGoldenCase[] = [
  ...diskCases,
  ...hostDeviceCases,
  ...watchdogCases,
  ...interfaceCases,
  ...graphicsCases,
  ...videoCases,
  ...soundCases,
  ...inputCases,
  ...serialCases,
  ...parallelCases,
  ...consoleCases,
  ...channelCases,
  ...tpmCases,
  ...rngCases,
  ...panicCases,
  ...memballoonCases,
  ...newKindCases,
];
