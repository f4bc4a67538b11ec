/**
 * Where to send a member after sign-in: a path inside the staff area, never another site.
 * Anything else (a full URL, "//evil.example", "/\\evil", the sign-in pages) becomes "/staff/".
 * @example safeReturnPath('/staff/requests/3f2a?tab=notes') // '/staff/requests/3f2a?tab=notes'
 */
export function safeReturnPath(value: unknown): string {
  const fallback = '/staff/';
  if (typeof value !== 'string' || value.length > 500) return fallback;
  if (!/^\/staff(\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*)?$/.test(value)) return fallback;
  if (value.includes('//') || /^\/staff\/sign-(in|out)\b/.test(value)) return fallback;
  return value;
}
