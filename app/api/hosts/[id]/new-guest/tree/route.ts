import { hostRouteParams, hostScope } from "@/lib/guests/types";
import { route } from "@/lib/server/http/route";
import { readInstallTree } from "@/lib/server/new-guest/install-tree";
import { treeSchema } from "@/lib/validations/new-guest";

/** Reads a network install tree's .treeinfo: the OS it installs and its installer kernel and initrd. */
export const POST = route({ permission: "guest.manage", params: hostRouteParams, scope: hostScope, body: treeSchema }, async ({ body }) =>
  readInstallTree(body.url),
);
