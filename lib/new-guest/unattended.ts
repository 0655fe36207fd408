// Shared by server and browser: how the console marks an unattended install's script medium.
import { hasMediumWithAlias } from "./cloud-init";

/** The script CD-ROM's user alias in the guest's definition: how the console finds it again to remove it. */
export const UNATTENDED_ALIAS = "ua-unattended-media";

/** The volume label anaconda loads a kickstart (ks.cfg) from by itself; Windows reads autounattend.xml from any medium. */
export const UNATTENDED_LABEL = "OEMDRV";

/** Whether a guest's XML (as the guest page has it) still has the script medium with the script in it. */
export const hasUnattendedMedia = (xml: string): boolean => hasMediumWithAlias(xml, UNATTENDED_ALIAS);
