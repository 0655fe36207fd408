"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { queryKeys } from "@/lib/client/live-keys";
import { useFormErrors } from "@/lib/client/use-form-errors";
import type { JobView } from "@/lib/jobs/types";

/**
 * A request that starts a job on one guest (a snapshot's or a restore point's): the dialog then shows the job's
 * bar and outcome, and only Close remains. `refresh` re-reads everything about the guest once the job ends.
 */
export function useGuestJob<T>(g: { hostId: string; uuid: string }, run: (body: T) => Promise<JobView>) {
  const queryClient = useQueryClient();
  const errors = useFormErrors();
  const [problem, setProblem] = useState<string | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const mutation = useMutation({
    mutationFn: run,
    onMutate: () => setProblem(null),
    onSuccess: setJob,
    onError: (e) => setProblem(errors.fromError(e)),
  });
  const refresh = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: queryKeys.guest(g.hostId, g.uuid) }),
    [queryClient, g.hostId, g.uuid],
  );
  return { mutation, errors, problem, job, refresh };
}
