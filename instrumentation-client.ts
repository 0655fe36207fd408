import { config } from "zod";

// The Content-Security-Policy allows no eval (lib/server/http/security-headers.ts). Zod would probe for it with
// new Function() when the first object schema is made, which the browser reports as a violation even though zod
// catches the refusal; jitless skips the probe. This file runs before any of the app's own modules.
config({ jitless: true });
