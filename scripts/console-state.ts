// `npm run backup -- <file.tar.gz>` and `npm run restore -- <file.tar.gz>`: the console's own state (database, the key
// that opens host credentials, the data directory) in one archive, and back into an empty data directory.
// Uses the same settings as the server (DATA_DIR, DATABASE_URL, SECRET_KEY_FILE).
import { backupConsole } from "@/lib/server/backup/backup";
import { restoreConsole } from "@/lib/server/backup/restore";
import { PRIVATE_UMASK } from "@/lib/server/data-dir";

process.umask(PRIVATE_UMASK);
const [command, archive] = process.argv.slice(2);

async function main(): Promise<void> {
  if (!archive || (command !== "backup" && command !== "restore")) {
    console.error("usage: npm run backup -- <file.tar.gz>   |   npm run restore -- <file.tar.gz>");
    process.exit(2);
  }
  if (command === "backup") {
    const m = await backupConsole(archive);
    console.log(`backup: ${archive} (virt-console ${m.version}, ${m.database}, ${m.files.length} file(s) beside the database)`);
  } else {
    const m = await restoreConsole(archive);
    console.log(`restore: done from ${archive} (taken ${m.createdAt} by virt-console ${m.version}); start the console now`);
  }
}

main().catch((err: Error) => {
  console.error(`${command}: ${err.message}`);
  process.exit(1);
});
