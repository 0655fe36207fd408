// Shared by server and browser: what the cloud-init API answers.

/** The files of a NoCloud seed, by the names cloud-init looks for, in the order the preview shows them. */
export const seedFileNames = ["user-data", "meta-data", "network-config"] as const;
export type SeedFiles = Record<(typeof seedFileNames)[number], string>;

/** Saved user-data offered in the wizard's raw editor. */
export type CloudInitSnippet = { id: string; name: string; userData: string; createdBy: string; createdAt: string };

/** The seed CD-ROM's user alias in the guest's definition: how the console finds its seed again. */
export const SEED_ALIAS = "ua-cloudinit-seed";

/** Whether a guest's XML (as the guest page has it) has the console's seed CD-ROM with the seed in it. */
export const hasCloudInitSeed = (xml: string): boolean => hasMediumWithAlias(xml, SEED_ALIAS);

/** Whether a guest's XML has a CD-ROM with this user alias and a medium in it (the console's one-use media). */
export function hasMediumWithAlias(xml: string, alias: string): boolean {
  return xml
    .split("<disk ")
    .slice(1)
    .some((disk) => {
      const body = disk.split("</disk>")[0];
      return body.includes(`<alias name='${alias}'/>`) && /<source [^>]*(file|volume|dev)=/.test(body);
    });
}
