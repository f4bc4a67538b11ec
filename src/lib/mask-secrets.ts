/**
 * A URL's password anywhere in a text: `scheme://user:password@`. The user and host stay, so a
 * message still says which account and server; the password is never shown.
 */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#"'\\]*):([^\s@/?#"'\\]+)@/gi;

/**
 * Masks every URL password in `text` (config errors, log lines, start-up messages).
 * @example maskSecrets('got "smtp://desk:s3cret@mail.example.com"') // 'got "smtp://desk:***@mail.example.com"'
 */
export function maskSecrets(text: string): string {
  return text.replace(URL_PASSWORD, '$1$2:***@');
}
