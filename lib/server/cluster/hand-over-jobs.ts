import "server-only";

/**
 * Graceful stop: the running jobs of this instance are handed to the others. The durable jobs (lib/server/jobs/,
 * another branch) provide the real hook; until it is wired here, this does nothing and jobs end with the process.
 */
export async function handOverJobs(): Promise<void> {}
