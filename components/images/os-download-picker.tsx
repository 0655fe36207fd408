"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Field, Input, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import type { CloudImage } from "@/lib/osinfo/cloud-images";
import { imagesPath } from "./images-api";

/** How many images the list shows at once: a search narrows osinfo's hundred-odd to the few a person means. */
const SHOWN = 60;

/**
 * "Download an OS": the ready-made images osinfo lists for the host's architecture, found by name; choosing one
 * fills the import's URL and OS (the download is then an ordinary URL import, checksum and conversion included).
 */
export function OsDownloadPicker({
  hostId,
  disabled,
  error,
  onPick,
}: {
  hostId: string;
  disabled: boolean;
  error?: string;
  onPick: (image: CloudImage | null) => void;
}) {
  const t = useTranslations("imageLibrary");
  const [query, setQuery] = useState("");
  const [chosen, setChosen] = useState("");
  const list = useQuery({
    queryKey: ["images", hostId, "os-downloads"],
    queryFn: () => api<{ arch: string; images: CloudImage[] }>(`${imagesPath(hostId)}/os-downloads`),
  });
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (list.data?.images ?? []).filter((i) => words.every((w) => i.osName.toLowerCase().includes(w)));
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <Field label={t("osDownloadSearch")} hint={list.data ? t("osDownloadHint", { arch: list.data.arch }) : undefined}>
        <Input value={query} disabled={disabled} placeholder={t("osPlaceholder")} onChange={(e) => setQuery(e.target.value)} />
      </Field>
      <Field label={t("osDownload")} error={error ?? (list.isError ? list.error.message : undefined)}>
        <Select
          value={chosen}
          disabled={disabled || !list.data}
          onChange={(e) => {
            setChosen(e.target.value);
            onPick(matches.find((i) => i.url === e.target.value) ?? null);
          }}
        >
          <option value="">{list.data ? t("osDownloadChoose", { count: matches.length }) : t("loading")}</option>
          {matches.slice(0, SHOWN).map((i) => (
            <option key={i.url} value={i.url}>
              {t("osDownloadOption", { os: i.osName, format: i.format, cloudInit: String(i.cloudInit) })}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
