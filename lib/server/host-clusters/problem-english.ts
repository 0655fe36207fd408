import "server-only";
import type { MemberProblem } from "@/lib/host-clusters/fitness";
import { englishTranslator } from "../i18n/english";

const t = englishTranslator("clusterWords");

/** A member's problem in English, for a job's error (maintenance refusing to start). */
export const memberProblemInEnglish = (p: MemberProblem): string => t(p.key, p as never);
