import "server-only";
import { log } from "../log";
import { brandError } from "@/lib/branded-error";
import { nameProblem } from "@/lib/validations/names";
import { auditRow } from "../audit";
import { consumeChallenge, createChallenge, findChallenge } from "../auth/challenge";
import { finishSignIn } from "../auth/finish-sign-in";
import { recordSignInFailure, throttleGate } from "../auth/login";
import { ApiError, isApiError } from "../http/errors";
import { syncExternalUser } from "./external-user";
import { beginOidc, completeOidc, type OidcTransaction } from "./oidc";
import { loadProvider, oidcRedirectPath } from "./providers";

/** Why an OpenID Connect sign-in failed, as the sign-in page says it (lib/auth/sign-in-errors.ts). */
export class OidcSignInError extends Error {
  constructor(readonly reason: "expired" | "refused" | "disabled" | "name-taken" | "unavailable") {
    super(reason);
  }
}
export const isOidcSignInError = brandError(OidcSignInError, "OidcSignInError");

/** Throttling counts failed OpenID Connect returns per address under this name. */
const throttleName = (providerId: string) => `oidc:${providerId}`;

async function enabledOidc(providerId: string) {
  const provider = await loadProvider(providerId);
  if (provider?.kind !== "oidc" || !provider.enabled) throw new ApiError(404, { key: "noSuchProvider" });
  return provider;
}

/** Begins a sign-in: the provider's authorization URL, and the token the browser keeps (a cookie) until it returns. */
export async function startOidcSignIn(providerId: string, origin: string, next: string, ip: string) {
  const provider = await enabledOidc(providerId);
  await throttleGate(throttleName(providerId), ip, "oidc");
  const redirectUri = origin + oidcRedirectPath(providerId);
  let begun;
  try {
    begun = await beginOidc(provider.id, provider.config, provider.secret, redirectUri, next);
  } catch (error) {
    log.error(`OpenID Connect provider ${provider.name}: ${(error as Error).message}`);
    throw new OidcSignInError("unavailable");
  }
  const token = await createChallenge("oidc", null, begun.transaction, ip);
  return { url: begun.url, token };
}

/**
 * The provider sent the browser back: the transaction is used up first (a replayed callback finds nothing), the
 * code is redeemed and the ID token checked, then the person is created or updated with their groups' grants.
 */
export async function finishOidcSignIn(
  providerId: string,
  token: string | undefined,
  callbackUrl: URL,
  client: { ip: string; userAgent: string },
) {
  const provider = await enabledOidc(providerId);
  const failed = async (reason: OidcSignInError["reason"], details: Record<string, unknown>, username = throttleName(providerId)) => {
    await recordSignInFailure(throttleName(providerId), client.ip);
    await auditRow(
      { actor: { id: null, username }, ip: client.ip },
      { action: "auth.login", details: { method: "oidc", provider: provider.name, ...details } },
      "denied",
    );
    return new OidcSignInError(reason);
  };
  await throttleGate(throttleName(providerId), client.ip, "oidc");
  const challenge = token ? await findChallenge<OidcTransaction>("oidc", token, client.ip) : null;
  if (!challenge || challenge.data.providerId !== providerId || !(await consumeChallenge(challenge.id))) {
    throw await failed("expired", { reason: "no sign-in under way (expired, or already used)" });
  }
  let person;
  try {
    person = await completeOidc(provider.config, provider.secret, challenge.data, callbackUrl);
  } catch (error) {
    throw await failed("refused", { reason: describeError(error).slice(0, 300) });
  }
  if (nameProblem("label", person.username)) throw await failed("refused", { reason: "unusable user name" }, person.username.slice(0, 64));
  let user;
  try {
    user = await syncExternalUser(provider, person, client.ip);
  } catch (error) {
    if (isApiError(error) && error.status === 409) throw new OidcSignInError("name-taken");
    throw error;
  }
  if (user.disabled) throw await failed("disabled", { reason: "disabled" }, user.username);
  const session = await finishSignIn(user, client, "oidc", { provider: provider.name });
  return { session, next: challenge.data.next };
}

/** openid-client wraps what went wrong ("invalid response encountered") around its cause: both say why. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error && parts.length < 3; e = e.cause) parts.push(e.message);
  return parts.join(": ");
}
