import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { osDownloads } from "@/lib/server/disk-images/os-downloads";
import { route } from "@/lib/server/http/route";

export const GET = route(
  {
    permission: "storage.manage",
    params: hostRouteParams,
    scope: hostScope,
    summary: "Disk images osinfo lists for download for this host's architecture (Download an OS)",
  },
  async ({ params }) => osDownloads(params),
);
