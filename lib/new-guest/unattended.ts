// Shared by server and browser: how the console marks an unattended install's script medium.

/** The script CD-ROM's user alias in the guest's definition: how the console finds it again to remove it. */
export const UNATTENDED_ALIAS = "ua-unattended-media";

/** The volume label anaconda loads a kickstart (ks.cfg) from by itself; Windows reads autounattend.xml from any medium. */
export const UNATTENDED_LABEL = "OEMDRV";

/** Whether a guest's XML (as the guest page has it) still has the script medium with the script in it. */
export function hasUnattendedMedia(xml: string): boolean {
  return xml
    .split("<disk ")
    .slice(1)
    .some((disk) => {
      const body = disk.split("</disk>")[0];
      return body.includes(`<alias name='${UNATTENDED_ALIAS}'/>`) && /<source [^>]*(file|volume|dev)=/.test(body);
    });
}
