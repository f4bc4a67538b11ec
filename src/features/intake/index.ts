/**
 * The confidential request form: its routes (GET shows it, POST receives it, the thank-you page
 * confirms it), its abuse policy, and the response-time rule the inbox shares. The request
 * record itself (fields, sealing, storage) belongs to ../requests.
 * @example app.route('/', intakeRoutes({ db, logger, publicSite, now, clientAddress, policy: DEFAULT_INTAKE_POLICY }));
 */
export { intakeRoutes, FORM_SCRIPT, SENT_PATH, type IntakeDeps } from './routes.tsx';
export { DEFAULT_INTAKE_POLICY, type IntakePolicy } from './abuse.ts';
export { formatDeadline, responseDeadline } from './response-time.ts';
export {
  postGuard,
  DEFAULT_POST_GUARD_POLICY,
  type PostGuard,
  type PostCheck,
  type PostGuardPolicy,
} from './post-guard.ts';
export { CARRY_FIELD, CARRY_MARK, encodeCarried, readCarried, type Carried } from './carry-over.ts';
export { sendHtml } from './html-response.ts';
