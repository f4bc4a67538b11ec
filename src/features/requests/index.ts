/**
 * The patient request: its fields, the sealed document, sealing and opening it, every statement
 * on `requests` and its child tables (status changes, call attempts, notes), the retention purge
 * and the CSV export. Intake, the inbox, analytics and the command line import it from here.
 * Browser code imports ./fields.ts instead: it is pure, and this file also brings database code.
 * @example
 * const { reference } = await storeRequest(db, publicKey, fields, meta); // intake
 * const request = await getSealedRequest(db, id); // inbox
 * const fields = await openRequestFields(privateKey, request);
 */
export {
  FIELDS,
  FIELD_ORDER,
  SINGLE_FIELDS,
  MULTI_FIELDS,
  HIDDEN_FIELDS,
  MESSAGE_KEYS,
  choiceId,
  choicesOf,
  controlId,
  fieldSpec,
  ruleMessage,
  type ChoiceOf,
  type FieldName,
  type FieldSpec,
  type MessageKey,
  type MultiField,
  type RuleError,
  type SingleField,
  type Words,
} from './fields.ts';
export {
  parseSealedRequest,
  serializeRequestFields,
  RequestFieldsSchema,
  type RequestFields,
} from './record.ts';
export { openNote, openRequestFields, sealNote, sealRequestFields } from './sealing.ts';
export {
  CALL_OUTCOMES,
  CHANNEL_LABEL,
  CONTACT_CHANNELS,
  CONTACT_KINDS,
  OUTCOME_LABEL,
  STATUSES,
  STATUS_LABEL,
  WORK_STATUSES,
  isCallOutcome,
  isContactKind,
  isStatus,
  isWorkStatus,
  type CallOutcome,
  type ContactChannel,
  type ContactKind,
  type Status,
  type WorkStatus,
} from './status.ts';
export { newReference, storeRequest, type RequestMeta } from './store.ts';
export {
  ANY_REQUEST,
  NO_ATTRIBUTION,
  countRequestsByPeriod,
  findRequestByReference,
  getRequestIdByReference,
  referencesByIds,
  getSealedRequest,
  isRequestId,
  listNewArrivals,
  listRequests,
  listRequestsToExport,
  type ExportChoice,
  type RequestCriteria,
  type RequestOrigin,
  type RequestSummary,
  type SealedRequest,
  type StoredRequest,
  type VisitAttribution,
} from './queries.ts';
export {
  assignRequest,
  bulkUpdate,
  changeStatus,
  insertCallAttempt,
  insertNote,
  logContact,
  type Actor,
  type ContactLog,
  type WriteResult,
} from './workflow-queries.ts';
export {
  INBOX_SORTS,
  INBOX_VIEWS,
  OPEN_STATUSES,
  getInboxRequest,
  listAssignableMembers,
  listInboxIds,
  listInboxPage,
  countInbox,
  countUntriedNewArrivedBy,
  type InboxCriteria,
  type InboxRequest,
  type InboxSort,
  type InboxView,
  type LastContact,
} from './inbox-queries.ts';
export {
  entryOf,
  loadSearchEntries,
  openEntry,
  openSearchEntries,
  openSearchKey,
  sealEntry,
  searchIndexStamp,
  requestsPurgedSince,
  type PrivateKeySource,
  type SearchIndexStamp,
  type IndexedRequest,
  type SearchEntry,
  type SearchKey,
} from './search-entries.ts';
export { loadSearchSnapshot, saveSearchSnapshot, type SearchSnapshot } from './search-snapshot.ts';
export {
  listHistory,
  type CallAttempt,
  type History,
  type SealedNote,
  type StatusChange,
} from './history-queries.ts';
export { listPurgeable, purgeExpiredRequests, type PurgeTrigger } from './purge.ts';
export { retentionCutoff } from './retention.ts';
export {
  cellText,
  clinicDateTime,
  exportCsv,
  fieldsByColumn,
  phoneText,
  safeCell,
  statusWords,
  type ExportHistory,
  type ExportOptions,
  type ExportRecord,
} from './csv.ts';
export { WEB_EXPORT_LIMIT, buildExportCsv, openForExport } from './export.ts';
