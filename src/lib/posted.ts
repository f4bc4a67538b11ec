/**
 * A posted form field as text: the string sent, or '' when it is missing or not text (a file in
 * a crafted post, or a repeated field parsed as a list). The one reader every form uses.
 * @example const email = postedText(body.email); // body = await c.req.parseBody()
 */
export function postedText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
