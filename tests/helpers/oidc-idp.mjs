// A real OpenID Provider for the tests (the certified `oidc-provider` package), on loopback, behind a small
// proxy the test steers over HTTP: POST /__test/groups {sub, groups} changes a person's groups at the provider;
// POST /__test/tamper {on} breaks the signature of the ID tokens it hands out. Run as its own process:
//   node tests/helpers/oidc-idp.mjs <port> <redirect_uri>   → prints "ready" when it listens.
import http from "node:http";
import Provider from "oidc-provider";

const [port, redirectUri] = [Number(process.argv[2]), process.argv[3]];
const issuer = `http://127.0.0.1:${port}`;

const people = {
  olivia: { preferred_username: "olivia", name: "Olivia Operator", groups: ["ops", "viewers"] },
  vince: { preferred_username: "vince", name: "Vince Viewer", groups: ["viewers"] },
};
let tamper = false;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "virt-console",
      client_secret: "virt-console-client-secret",
      redirect_uris: [redirectUri],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  claims: { openid: ["sub"], profile: ["name", "preferred_username"], groups: ["groups"] },
  // Profile and group claims in the ID token itself, as many providers configure it.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ["oidc-test-cookie-key"] },
  features: { devInteractions: { enabled: true } },
  findAccount: (_ctx, sub) => (people[sub] ? { accountId: sub, claims: () => ({ sub, ...people[sub] }) } : undefined),
});
const backend = provider.callback();

function breakSignature(body) {
  const json = JSON.parse(body);
  const [header, payload, signature] = json.id_token.split(".");
  const flipped = (signature[5] === "A" ? "B" : "A") + "";
  json.id_token = [header, payload, signature.slice(0, 5) + flipped + signature.slice(6)].join(".");
  return JSON.stringify(json);
}

http
  .createServer((req, res) => {
    if (req.url?.startsWith("/__test/")) {
      let data = "";
      req.on("data", (c) => (data += c));
      req.on("end", () => {
        const body = JSON.parse(data || "{}");
        if (req.url === "/__test/groups") people[body.sub].groups = body.groups;
        if (req.url === "/__test/tamper") tamper = Boolean(body.on);
        res.end("ok");
      });
      return;
    }
    if (!(tamper && req.url === "/token")) return backend(req, res);
    // Let the provider answer into a buffer, then hand out its answer with a broken ID token signature.
    const chunks = [];
    const realWrite = res.write.bind(res);
    const realEnd = res.end.bind(res);
    res.write = (chunk) => (chunks.push(Buffer.from(chunk)), true);
    res.end = (chunk) => {
      if (chunk) chunks.push(Buffer.from(chunk));
      // One base64url character for another: the length (and Content-Length) stays as the provider set it.
      const body = breakSignature(Buffer.concat(chunks).toString("utf8"));
      realWrite(body);
      return realEnd();
    };
    return backend(req, res);
  })
  .listen(port, "127.0.0.1", () => console.log("ready"));
