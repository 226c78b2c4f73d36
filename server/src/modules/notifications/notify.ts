/**
 * The import path other modules use to send notices: `notify` (notifications' commands) and the
 * addressing helpers (its queries).
 */
export { notify, notifyMany, type NotificationInput } from './commands.js';
export { FALLBACK_UNIT, recipients, recipientsWhoCan, routeManyToThoseWhoCan, routeToThoseWhoCan, type RecordArea, type RoutedRecord } from './queries.js';
