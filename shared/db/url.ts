/** Apart from the pool code, so a process that only reads configuration (the cluster primary) does not load pg. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}
