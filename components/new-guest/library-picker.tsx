"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { fetchImages, imagesQueryKey } from "@/components/images/images-api";
import { Field, Select } from "@/components/ui/field";
import { useUnits } from "@/lib/client/use-units";
import type { ImageRow } from "@/lib/images/types";

/** Separates pool and volume in an option's value; neither name may hold a slash. */
const SEP = "/";

/**
 * The host's image library first, for the "Import existing disk image" method: picking one chooses its pool
 * and volume (and its OS, when the library knows it). Nothing is shown while the library is empty.
 */
export function LibraryPicker({
  hostId,
  pool,
  volume,
  onPick,
}: {
  hostId: string;
  pool: string;
  volume: string;
  onPick: (image: ImageRow) => void;
}) {
  const t = useTranslations("imageLibrary");
  const units = useUnits();
  const images = useQuery({ queryKey: imagesQueryKey(hostId), queryFn: () => fetchImages(hostId), enabled: hostId !== "" });
  const present = (images.data ?? []).filter((i) => i.present);
  if (present.length === 0) return null;
  const current = present.some((i) => i.pool === pool && i.volume === volume) ? `${pool}${SEP}${volume}` : "";
  return (
    <Field label={t("fromLibrary")} hint={t("fromLibraryHint")}>
      <Select
        value={current}
        data-testid="library-picker"
        onChange={(e) => {
          const image = present.find((i) => `${i.pool}${SEP}${i.volume}` === e.target.value);
          if (image) onPick(image);
        }}
      >
        <option value="">{t("pickImage")}</option>
        {present.map((i) => (
          <option key={i.id} value={`${i.pool}${SEP}${i.volume}`}>
            {t("libraryOption", { name: i.volume, os: i.os?.name ?? t("osUnknown"), size: units.bytes(i.virtualBytes) })}
          </option>
        ))}
      </Select>
    </Field>
  );
}
