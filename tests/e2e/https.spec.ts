import { expect, test } from "@playwright/test";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import tls from "node:tls";
import { e2eCertFile, e2eServerLog } from "../../playwright.config";
import { port } from "./support/raw-http";

// The console serves HTTPS from its first start with the certificate it made for itself; its fingerprint is
// printed at start, plain HTTP is sent to HTTPS, and HSTS tells browsers to stay there.

test("the certificate served is the one the server printed the fingerprint of", async () => {
  const printed = /SHA-256 fingerprint:\s*\n\s*([0-9A-F:]{95})/.exec(readFileSync(e2eServerLog, "utf8"))?.[1];
  expect(printed).toBeTruthy();
  const served = await new Promise<string>((resolve, reject) => {
    const socket = tls.connect({ host: "127.0.0.1", port, servername: "localhost" }, () => {
      resolve(socket.getPeerX509Certificate()!.fingerprint256);
      socket.end();
    });
    socket.on("error", reject);
  });
  expect(served).toBe(printed);
  expect(served).toBe(new X509Certificate(readFileSync(e2eCertFile)).fingerprint256);
});

test("plain HTTP on the same port is redirected to HTTPS", async () => {
  const res = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get({ host: "127.0.0.1", port, path: "/guests?x=1", headers: { Host: `127.0.0.1:${port}` } }, resolve).on("error", reject),
  );
  expect(res.statusCode).toBe(308);
  expect(res.headers.location).toBe(`https://127.0.0.1:${port}/guests?x=1`);
});

test("the browser signs in over HTTPS with a Secure cookie and gets HSTS", async ({ page, context }) => {
  const response = await page.goto("/login");
  expect(response!.url()).toMatch(/^https:/);
  expect(response!.headers()["strict-transport-security"]).toBe("max-age=31536000");
  await page.getByLabel("User name").fill("admin");
  await page.getByLabel("Password").fill((await import("./fixtures")).adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const session = (await context.cookies()).find((c) => c.name === "vc_session");
  expect(session?.secure).toBe(true);
  expect(session?.httpOnly).toBe(true);
});
