import { z } from "zod";
import { said } from "./messages";
import { volumeNameSchema } from "./storage";

/** The largest image the console takes in (upload or URL): a cloud image is a few GiB, a VMware disk rarely over 1 TiB. */
export const MAX_IMAGE_BYTES = 2 * 1024 ** 4;

const sha256 = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, said("sha256Digits"))
  .transform((s) => s.toLowerCase())
  .optional();
const osId = z.string().trim().min(1).max(300).optional();
const pool = z.string().min(1).max(255);

/** An upload's facts come in the query (the body is the file): where to, the file's name and size, what to check. */
export const imageUploadQuerySchema = z.object({
  pool,
  name: volumeNameSchema,
  fileName: z.string().min(1).max(255),
  sizeBytes: z.coerce.number().int().positive().max(MAX_IMAGE_BYTES),
  sha256: z.preprocess((v) => (v === "" ? undefined : v), sha256),
  osId,
});
export type ImageUploadQuery = z.infer<typeof imageUploadQuerySchema>;

export const imageUrlImportSchema = z.object({
  pool,
  name: volumeNameSchema,
  url: z.string().trim().url(said("imageUrl")).max(2000),
  sha256: z.preprocess((v) => (v === "" ? undefined : v), sha256),
  osId,
});
export type ImageUrlImport = z.infer<typeof imageUrlImportSchema>;

export const imageRouteParams = z.object({ id: z.string().min(1), image: z.string().min(1).max(100) }).transform(({ id, image }) => ({
  hostId: id,
  image,
}));
