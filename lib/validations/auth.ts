import { z } from "zod";

export const loginSchema = z.object({
  username: z.string().trim().min(1, "Enter your user name").max(64),
  password: z.string().min(1, "Enter your password").max(1024),
});
export type LoginInput = z.infer<typeof loginSchema>;
