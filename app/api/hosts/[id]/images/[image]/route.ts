import { hostScope } from "@/lib/guests/types";
import { deleteImage } from "@/lib/server/disk-images/delete-image";
import { route } from "@/lib/server/http/route";
import { imageRouteParams } from "@/lib/validations/images";

export const DELETE = route({ permission: "storage.manage", params: imageRouteParams, scope: hostScope }, async ({ ctx, params }) =>
  deleteImage(ctx, params),
);
