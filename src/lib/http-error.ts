/** An expected failure with the status to answer; app.ts turns it into a page in one place. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409 | 413 | 422 | 429 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
