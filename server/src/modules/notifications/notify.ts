/**
 * The import path other modules use to send notices: `notify` (notifications' commands) and the
 * addressing helpers (its queries).
 */
export { notify, type NotificationInput } from './commands.js';
export { FALLBACK_UNIT, recipients, recipientsWhoCan, routeToThoseWhoCan, type RecordArea } from './queries.js';
