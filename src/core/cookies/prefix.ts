/** Cookie name prefixes (RFC 6265bis §5.4), matched case-insensitively as Chrome and Firefox now do. */

export function hasPrefix(s: string, prefix: string): boolean {
  return s.length >= prefix.length && s.slice(0, prefix.length).toLowerCase() === prefix;
}

export function prefixOf(name: string): '__Host-' | '__Secure-' | null {
  if (hasPrefix(name, '__host-')) return '__Host-';
  if (hasPrefix(name, '__secure-')) return '__Secure-';
  return null;
}
