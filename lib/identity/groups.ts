// Shared by the sign-in mappings and group quotas: how a directory's group name is compared with one an admin typed.

/** Group names compare without surrounding space and case ("Developers" is "developers"). */
export const sameGroup = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
