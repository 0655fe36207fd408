import { dismissBalanceProposal } from "@/lib/server/host-clusters/dismiss-balance-proposal";
import { makeBalanceMove } from "@/lib/server/host-clusters/make-balance-move";
import { route } from "@/lib/server/http/route";
import { balanceDecisionSchema, proposalRouteParams } from "@/lib/validations/host-clusters";

export const POST = route(
  {
    permission: "admin",
    params: proposalRouteParams,
    body: balanceDecisionSchema,
    summary: "Make a balancing proposal (live-migrate the guest as proposed) or dismiss it",
  },
  async ({ ctx, params, body }) => (body.decision === "migrate" ? makeBalanceMove(ctx, params) : dismissBalanceProposal(ctx, params)),
);
