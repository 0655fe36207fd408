export function AccessDenied() {
  return (
    <div role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-6 py-8 dark:border-amber-700 dark:bg-amber-950">
      <h1 className="text-lg font-semibold">Access denied</h1>
      <p className="mt-1 text-sm">Your role does not include this page. An administrator can grant you access.</p>
    </div>
  );
}
