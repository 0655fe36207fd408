/** The warning virt-manager gives before a force off, worded for one guest or several. */
export function ForceOffWarning({ names }: { names: string[] }) {
  const who = names.length === 1 ? `“${names[0]}”` : `${names.length} guests`;
  return (
    <p
      role="note"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      This pulls the power plug on {who}: the operating system gets no chance to shut down, and the guest’s file systems may be damaged or
      lose data that was not yet written.
    </p>
  );
}
