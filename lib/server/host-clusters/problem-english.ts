import "server-only";
import { createTranslator } from "next-intl";
import type { MemberProblem } from "@/lib/host-clusters/fitness";
import english from "@/messages/en.json";

const t = createTranslator({ locale: "en", messages: english, namespace: "clusterWords" });

/** A member's problem in English, for a job's error (maintenance refusing to start). */
export const memberProblemInEnglish = (p: MemberProblem): string => t(p.key, p as never);
