import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zodErrorMap } from "@/lib/i18n/zod-locale";
import { ApiError, forbidden, invalidFields, notFound, reasonOf } from "@/lib/server/http/errors";
import { fetchRefusal } from "@/lib/server/net/fetch-error";
import { sizeError } from "@/lib/server/net/limit-body";
import { errorResponse } from "@/lib/server/http/error-response";
import { describeAs, say } from "@/lib/guests/hardware/device-words";
import { fieldErrors } from "@/lib/server/http/route";
import { nameSchema } from "@/lib/validations/names";
import { passwordSchema } from "@/lib/validations/users";
import { issueText } from "../../helpers/issue-text";

const answer = async (error: unknown, locale: "en" | "ko" | "ja" | "ru") =>
  (await (await errorResponse(error, locale)).json()) as Record<string, unknown>;

describe("an ApiError said by key", () => {
  it("keeps English as its message (for the log and audit) and answers in the requester's language", async () => {
    const error = notFound("pool");
    expect(error.message).toBe("Storage pool not found");
    expect(await answer(error, "ru")).toEqual({ error: "Пул хранения не найден" });
    expect(await answer(error, "ko")).toEqual({ error: "스토리지 풀을 찾을 수 없습니다" });
    expect(await answer(notFound(), "ru")).toEqual({ error: "Не найдено" });
    expect(await answer(forbidden(), "ja")).toEqual({ error: "この操作を行う権限がありません" });
  });

  it("says its fields' keys too, and passes text that is not a key as it is", async () => {
    const error = invalidFields({ name: { validation: "atMostChars", values: { max: 64 } }, xml: "libvirt: bad XML" });
    // Code that reads the error (logs, audit, tests) sees English.
    expect(error.fields).toEqual({ name: "At most 64 characters", xml: "libvirt: bad XML" });
    expect(await answer(error, "ru")).toEqual({
      error: "Некоторые поля заполнены неверно",
      fields: { name: "Не больше 64 символов", xml: "libvirt: bad XML" },
    });
    // A sentence not converted yet stays as written.
    expect(await answer(new ApiError(409, "The guest is not running"), "ru")).toEqual({ error: "The guest is not running" });
  });

  it("names a device in the reader's words, and marks libvirt's own text as libvirt's", async () => {
    const device = describeAs([say("controller"), "virtio-serial", 0], [say("defaultModel"), say("inUseBy", { devices: "vda" })]);
    const error = new ApiError(409, { key: "cannotRemoveDevice", device });
    expect(error.message).toBe("Controller virtio-serial 0 cannot be removed: default model, in use by vda");
    expect(await answer(error, "ja")).toEqual({
      error: "コントローラー virtio-serial 0 は削除できません: デフォルトのモデル、vda が使用中",
    });
    const refused = ApiError.libvirt(409, "unsupported configuration", { persistentOnly: { key: "addSavedOnlyOffer" } });
    expect(await answer(refused, "ko")).toEqual({
      error: "unsupported configuration",
      libvirt: true,
      fields: { persistentOnly: "저장된 정의에만 추가하세요. 게스트가 다음에 시작할 때 나타납니다." },
    });
  });
});

describe("a sentence within a sentence", () => {
  it("says why a step failed in the reader's language, a fetch's reason by key too, and libvirt's text as it is", async () => {
    const fetched = fetchRefusal(sizeError(2 ** 20), "http://mirror.lan/tree/.treeinfo");
    const failed = new ApiError(409, { key: "createFailed", values: { step: "fetch", reason: reasonOf(fetched), kept: "no" } });
    expect(failed.message).toBe(
      "Failed while fetching the installer: Could not fetch http://mirror.lan/tree/.treeinfo: it is larger than 1 MiB, the size limit",
    );
    const ja = (await answer(failed, "ja")).error as string;
    expect(ja).toContain("http://mirror.lan/tree/.treeinfo を取得できませんでした: サイズの上限 1 MiB を超えています");
    const libvirt = new ApiError(409, {
      key: "createFailed",
      values: { step: "define", reason: reasonOf(new Error("XML error: bad")), kept: "no" },
    });
    expect((await answer(libvirt, "ru")).error).toContain("XML error: bad");
  });

  it("formats a size limit as the reader writes numbers: 1.5 MiB in English, 1,5 МиБ in Russian", async () => {
    const refused = fetchRefusal(sizeError(1.5 * 2 ** 20), "http://mirror.lan/a.iso");
    expect(refused.message).toBe("Could not fetch http://mirror.lan/a.iso: it is larger than 1.5 MiB, the size limit");
    expect((await answer(refused, "ru")).error).toContain("размер больше допустимого (1,5 МиБ)");
    expect((await answer(fetchRefusal(sizeError(64 * 2 ** 30), "http://mirror.lan/a.iso"), "ja")).error).toContain("64 GiB");
  });
});

describe("a schema issue", () => {
  it("a schema's own sentence is a key with its values, said in each language", () => {
    const issue = nameSchema("guest").safeParse("a".repeat(65)).error!.issues[0];
    expect(issue.message).toBe("atMostChars");
    expect(issueText(issue, "en")).toBe("At most 64 characters");
    expect(issueText(issue, "ru")).toBe("Не больше 64 символов");
    expect(issueText(issue, "ko")).toBe("64자 이하");
    // A size check's bound is its value: .min(12, said("atLeastChars")).
    expect(issueText(passwordSchema.safeParse("short").error!.issues[0], "ru")).toBe("Не меньше 12 символов");
  });

  it("the server keeps the key for errorResponse and zod's own messages come in the parse's language", async () => {
    const schema = z.object({ name: nameSchema("guest"), memoryMiB: z.number() });
    const result = schema.safeParse({ name: "", memoryMiB: "lots" }, { error: zodErrorMap("ru") });
    const fields = fieldErrors(result.error!);
    expect(fields.name).toEqual({ validation: "enterName", values: undefined });
    expect(fields.memoryMiB).toMatch(/^Неверный ввод/);
    const ko = fieldErrors(schema.safeParse({ name: "x", memoryMiB: "lots" }, { error: zodErrorMap("ko") }).error!);
    expect(ko.memoryMiB).toMatch(/[가-힣]/);
    expect(await answer(invalidFields(fields), "ru")).toMatchObject({ fields: { name: "Введите имя" } });
  });
});
