import { describe, expect, it, vi } from "vitest";
import { AbortError, ConnectionClosedError, ErrorCode, LibvirtError, ProtocolError, TimeoutError } from "@/lib/libvirt";
import { HostUnavailableError } from "@/lib/server/hosts/connections";
import { ApiError } from "@/lib/server/http/errors";
import { errorResponse } from "@/lib/server/http/error-response";
import { runInRequest } from "@/lib/server/request-context";

const answer = async (error: unknown) => {
  const response = await errorResponse(error);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("errorResponse: every error class gets its status and a sentence", () => {
  it("keeps an ApiError's status, message and fields", async () => {
    expect(await answer(new ApiError(422, "Some fields are not valid", { name: "Too long" }))).toEqual({
      status: 422,
      body: { error: "Some fields are not valid", fields: { name: "Too long" } },
    });
    expect((await errorResponse(new ApiError(413, "too big"))).headers.get("connection")).toBe("close");
  });

  it("answers 409 with libvirt's own message for a libvirt refusal", async () => {
    const refusal = new LibvirtError({
      code: ErrorCode.VIR_ERR_OPERATION_INVALID,
      message: "Requested operation is not valid: domain is not running",
      remote: true,
    });
    expect(await answer(refusal)).toEqual({
      status: 409,
      body: { error: "Requested operation is not valid: domain is not running", libvirt: true },
    });
  });

  it("carries the request's id (the one in the log and on its audit rows) inside a request", async () => {
    const refusal = new LibvirtError({ code: ErrorCode.VIR_ERR_OPERATION_INVALID, message: "domain is not running", remote: true });
    const body = await runInRequest({ requestId: "0123456789abcdef" }, () => answer(refusal));
    expect(body).toEqual({ status: 409, body: { error: "domain is not running", libvirt: true, requestId: "0123456789abcdef" } });
  });

  it("answers 503 when the host cannot be reached or its connection closed", async () => {
    expect(await answer(new HostUnavailableError("kvm1", "connection refused"))).toEqual({
      status: 503,
      body: { error: "kvm1: connection refused" },
    });
    expect((await answer(new ConnectionClosedError())).status).toBe(503);
  });

  it("answers 504 when libvirt did not answer in time", async () => {
    expect(await answer(new TimeoutError("DOMAIN_GET_XML_DESC timed out after 30000 ms"))).toEqual({
      status: 504,
      body: { error: "The host did not answer in time (DOMAIN_GET_XML_DESC timed out after 30000 ms)" },
    });
  });

  it("answers 499, not 500, for a cancelled operation or request", async () => {
    const cancelled = { status: 499, body: { error: "The operation was cancelled before it finished" } };
    expect(await answer(new AbortError())).toEqual(cancelled);
    expect(await answer(new DOMException("The operation was aborted.", "AbortError"))).toEqual(cancelled);
  });

  it("answers 502 with a sentence when libvirt's answer cannot be read", async () => {
    expect(await answer(new ProtocolError("packet length 3 below the minimum"))).toEqual({
      status: 502,
      body: { error: "The host's libvirt sent an answer the console cannot read (packet length 3 below the minimum)" },
    });
  });

  it("recognises errors made by another copy of their module, and not errors that only borrow a name", async () => {
    // A second copy of the modules, as a route bundle has next to server.ts: its classes are others.
    vi.resetModules();
    const other = {
      libvirt: await import("@/lib/libvirt"),
      pool: await import("@/lib/server/hosts/connections"),
      http: await import("@/lib/server/http/errors"),
    };
    const timeout = new other.libvirt.TimeoutError("slow");
    expect(timeout instanceof TimeoutError).toBe(false);
    expect((await answer(timeout)).status).toBe(504);
    expect((await answer(new other.pool.HostUnavailableError("kvm1", "down"))).status).toBe(503);
    expect((await answer(new other.http.ApiError(404, "Guest not found"))).status).toBe(404);
    expect((await answer(new other.libvirt.LibvirtError({ code: ErrorCode.VIR_ERR_NO_DOMAIN, message: "no domain" }))).status).toBe(409);
    const impostor = Object.assign(new Error("not from libvirt"), { name: "LibvirtError", code: ErrorCode.VIR_ERR_NO_DOMAIN });
    const errorLog = console.error;
    console.error = () => undefined;
    try {
      expect(await answer(impostor)).toEqual({
        status: 500,
        body: { error: "Something went wrong on the server; the details are in its log" },
      });
    } finally {
      console.error = errorLog;
    }
  });
});
