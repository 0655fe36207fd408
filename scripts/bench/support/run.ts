// What every benchmark script does around its measurements: a production build to run against, and the
// things it started, stopped in reverse order however the run ends.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Builds the production server once when there is no build yet. */
export function ensureBuild(): void {
  if (!existsSync(".next/BUILD_ID")) execFileSync("npx", ["--no-install", "next", "build"], { stdio: "inherit" });
}

/** Undo steps, run newest first; one that fails is logged and the rest still run. */
export function cleanupStack(log: (message: string) => void) {
  const steps: (() => unknown)[] = [];
  return {
    push: (step: () => unknown) => void steps.push(step),
    async run(): Promise<void> {
      for (const step of steps.splice(0).reverse())
        await Promise.resolve()
          .then(step)
          .catch((err) => log(`cleanup: ${err}`));
    },
  };
}
