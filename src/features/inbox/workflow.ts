import type { Status } from '../requests/index.ts';

/**
 * The inbox's rule for when a new request has waited too long. Pure: times come in. The
 * statuses themselves belong to the request record (requests/status.ts).
 */

/**
 * A request is overdue when it is still new after the clinic's response deadline
 * (see intake/response-time.ts responseDeadline).
 */
export function isOverdue(status: Status, deadline: Date, now: Date): boolean {
  return status === 'new' && now.getTime() > deadline.getTime();
}
