import "server-only";
import { loadOsinfoDb } from "@/lib/osinfo";
import { installScripts, productKeyMatches } from "@/lib/osinfo/install-scripts";
import { installConfigXml, scriptChoices, type UnattendedRoute } from "@/lib/osinfo/unattended";
import type { UnattendedInput } from "@/lib/validations/unattended";
import { ApiError, type FieldMessage } from "../http/errors";
import { applyStylesheet } from "./render-script";

/** The rendered script as the installer gets it. */
export type PreparedScript = {
  scriptId: string;
  profile: string;
  /** The name the installer looks for (fedora.ks, preseed.cfg, autounattend.xml, …). */
  filename: string;
  content: string;
  /** What the script wants on the installer's kernel command line (initrd injection only). */
  kernelArgs: string;
};

const FIELD = "install.unattended";
/** The wizard's field for each osinfo config param it asks for. */
const FIELD_OF: Record<string, keyof UnattendedInput> = {
  "admin-password": "adminPassword",
  "user-login": "userLogin",
  "user-realname": "userLogin",
  "user-password": "userPassword",
  "reg-product-key": "productKey",
};

/**
 * Picks the OS's install script for the profile and route, checks the answers against what the script
 * needs (required params, the product key's format), and renders it with xsltproc. Refusals name the
 * field; nothing is made here.
 */
export async function prepareUnattended({
  osId,
  route,
  answers,
  guestName,
  arch,
  treeUrl,
}: {
  osId: string;
  route: UnattendedRoute;
  answers: UnattendedInput;
  guestName: string;
  arch: string;
  treeUrl?: string;
}): Promise<PreparedScript> {
  const os = osId === "generic" ? undefined : (await loadOsinfoDb()).get(osId);
  const choices = os ? scriptChoices(os, route) : [];
  if (!os || !choices.length)
    throw new ApiError(409, { key: "unattendedUnsupported", values: { os: os?.name ?? osId } }, { [FIELD]: { key: "unattendedNotForOs" } });
  const choice = choices.find((c) => c.profile === answers.profile);
  if (!choice)
    throw new ApiError(
      409,
      { key: "unattendedUnsupported", values: { os: os.name } },
      { [`${FIELD}.profile`]: { key: "unattendedNoProfile" } },
    );
  const script = installScripts().get(choice.scriptId)!;

  const config: Record<string, string> = {
    "admin-password": answers.adminPassword,
    "user-login": answers.userLogin,
    "user-realname": answers.userLogin,
    "user-password": answers.userPassword,
    "l10n-timezone": answers.timezone,
    "l10n-language": answers.language,
    // The keyboard follows the language (the script's datamap maps en_US to its layout, us).
    "l10n-keyboard": answers.language,
    "reg-product-key": answers.productKey,
    hostname: answers.hostname || guestName,
    "hardware-arch": arch,
  };
  const fields: Record<string, FieldMessage> = {};
  for (const name of choice.required) {
    const field = FIELD_OF[name];
    if (field && !config[name]) fields[`${FIELD}.${field}`] = { validation: "neededByInstallScript" };
  }
  if (choice.params.includes("user-password") && answers.userPassword && !answers.userLogin)
    fields[`${FIELD}.userLogin`] = { validation: "neededByInstallScript" };
  if (choice.productKeyFormat && answers.productKey && !productKeyMatches(choice.productKeyFormat, answers.productKey))
    fields[`${FIELD}.productKey`] = { validation: "productKeyFormat", values: { format: choice.productKeyFormat.replaceAll("$", "X") } };
  if (Object.keys(fields).length) throw new ApiError(422, { key: "unattendedAnswers" }, fields);

  const facts = { script, os, config, injection: route, installationSource: route === "initrd" ? "network" : "media", treeUrl } as const;
  const content = await applyStylesheet(script, installConfigXml(facts));
  const kernelArgs =
    route === "initrd" && script.hasCommandLine
      ? (await applyStylesheet(script, installConfigXml({ ...facts, rootName: "command-line" }))).replace(/\s+/g, " ").trim()
      : "";
  return { scriptId: script.id, profile: script.profile, filename: script.expectedFilename, content, kernelArgs };
}
