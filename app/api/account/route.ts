import { accountStatus } from "@/lib/server/account/account-status";
import { route } from "@/lib/server/http/route";

export const GET = route(
  { permission: "authenticated", sessionOnly: true, summary: "Your account: where you sign in, and your second factor" },
  async ({ actor }) => accountStatus(actor),
);
