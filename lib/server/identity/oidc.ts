import "server-only";
import * as oidc from "openid-client";
import type { OidcConfig } from "@/lib/validations/identity";
import { processSingleton } from "../process-singleton";
import type { ExternalPerson } from "./external-user";

/**
 * OpenID Connect through openid-client (certified): discovery from the issuer, the authorization code flow
 * with PKCE (S256), state and nonce, and the ID token's signature, issuer, audience, expiry and nonce checked.
 */

const isLoopback = (url: URL) => /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/.test(url.hostname);

type Cached = { key: string; at: number; config: oidc.Configuration };
const CACHE_MS = 5 * 60_000;
const cache = processSingleton("oidc-discovery", () => new Map<string, Cached>());

/** The provider's metadata and keys, read from its discovery document (kept 5 minutes). */
async function configuration(providerId: string, config: OidcConfig, secret: string | null): Promise<oidc.Configuration> {
  const key = JSON.stringify([config.issuer, config.clientId, secret]);
  const hit = cache.get(providerId);
  if (hit && hit.key === key && Date.now() - hit.at < CACHE_MS) return hit.config;
  const issuer = new URL(config.issuer);
  // Plain HTTP only to a provider on this machine's loopback (a provider beside the console, and the tests).
  if (issuer.protocol !== "https:" && !isLoopback(issuer)) throw new Error("The issuer must use https");
  // Non-repudiation: the ID token's signature is checked against the provider's published keys even though it
  // came straight from the token endpoint (openid-client would otherwise rely on the connection alone).
  const found = await oidc.discovery(issuer, config.clientId, secret ?? undefined, secret ? undefined : oidc.None(), {
    execute: [oidc.enableNonRepudiationChecks, ...(issuer.protocol === "https:" ? [] : [oidc.allowInsecureRequests])],
    timeout: 10,
  });
  cache.set(providerId, { key, at: Date.now(), config: found });
  return found;
}

export type OidcTransaction = { providerId: string; state: string; nonce: string; verifier: string; redirectUri: string; next: string };

/** Where to send the browser to sign in, and what the callback must find again. */
export async function beginOidc(providerId: string, config: OidcConfig, secret: string | null, redirectUri: string, next: string) {
  const server = await configuration(providerId, config, secret);
  const verifier = oidc.randomPKCECodeVerifier();
  const transaction: OidcTransaction = { providerId, state: oidc.randomState(), nonce: oidc.randomNonce(), verifier, redirectUri, next };
  const url = oidc.buildAuthorizationUrl(server, {
    redirect_uri: redirectUri,
    scope: config.scopes.split(/\s+/).includes("openid") ? config.scopes : `openid ${config.scopes}`,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: transaction.state,
    nonce: transaction.nonce,
  });
  return { url, transaction };
}

const text = (value: unknown) => (typeof value === "string" ? value : "");
const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? [value] : []);

/** Redeems the code from the callback and reads who signed in, with their groups (from the ID token, else userinfo). */
export async function completeOidc(
  config: OidcConfig,
  secret: string | null,
  transaction: OidcTransaction,
  callbackUrl: URL,
): Promise<ExternalPerson> {
  const server = await configuration(transaction.providerId, config, secret);
  const tokens = await oidc.authorizationCodeGrant(server, callbackUrl, {
    pkceCodeVerifier: transaction.verifier,
    expectedState: transaction.state,
    expectedNonce: transaction.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims();
  if (!idClaims) throw new Error("The provider sent no ID token");
  let claims: Record<string, unknown> = idClaims;
  if (!(config.groupsClaim in claims) || !(config.usernameClaim in claims)) {
    claims = { ...(await oidc.fetchUserInfo(server, tokens.access_token, idClaims.sub)), ...idClaims };
  }
  const username = text(claims[config.usernameClaim]);
  if (!username) throw new Error(`The provider sent no ${config.usernameClaim}`);
  return {
    externalId: idClaims.sub,
    username,
    displayName: text(claims[config.displayNameClaim]),
    groups: list(claims[config.groupsClaim]),
  };
}
