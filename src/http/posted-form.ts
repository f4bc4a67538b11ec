import type { Context } from 'hono';

/** What a form handler reads of a post: the first value of a field, or all of them. */
export type PostedForm = {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
};

const URLENCODED = 'application/x-www-form-urlencoded';

/**
 * The fields of a posted form; an unreadable body (cut short, not a form, a wrong content type)
 * reads as an empty form, never an error. A urlencoded body, what every browser sends for our
 * forms, is read as text and parsed with URLSearchParams: on @hono/node-server, c.req.text()
 * reads the Node request directly, where c.req.formData() builds a whole web Request (undici,
 * web streams, an AbortController) for each post. Multipart bodies still go through formData().
 * @example const body = await postedForm(c); readForm(body); postedText(body.get('form-token'))
 */
export async function postedForm(c: Context): Promise<PostedForm> {
  const type = c.req.header('content-type') ?? '';
  const semicolon = type.indexOf(';');
  const essence = (semicolon < 0 ? type : type.slice(0, semicolon)).trim().toLowerCase();
  if (essence === URLENCODED) {
    const text = await c.req.text().catch(() => '');
    return new URLSearchParams(text);
  }
  return c.req.formData().catch(() => new FormData());
}
