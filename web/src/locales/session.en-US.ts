import type { sessionZh } from './session.zh-CN';

export const sessionEn: Record<keyof typeof sessionZh, string> = {
  'auditAction.auth.draftKey.create': 'Form draft key created',
  'session.warnTitle': 'Your session is about to expire',
  'session.warnBody': 'You have not been active for a while; the session ends in {time}. What you are typing is saved, encrypted, on this device.',
  'session.continue': 'Continue',
  'session.logout': 'Log out',
  'session.reloginTitle': 'Session timed out: log in again',
  'session.reloginHint': 'What you entered on this page is kept; log in again to continue and submit it.',
  'session.reloginSubmit': 'Log in and continue',
  'session.otherAccount': 'Log in with another account',

  'drafts.restoreTitle.visit': 'Restore the unsent visit record?',
  'drafts.restoreTitle.problem': 'Restore the unsent problem?',
  'drafts.restoreTitle.child': 'Restore the unsent child file?',
  'drafts.restoreTitle.report': 'Restore the unsent progress report?',
  'drafts.restoreBody': 'This device holds what you entered at {time} and did not submit.',
  'drafts.restoreBodyChanged':
    'This device holds what you entered at {time} and did not submit. The record on the server has changed since; check it after restoring.',
  'drafts.restore': 'Restore',
  'drafts.discard': 'Discard',
  'drafts.restored': 'Unsent content restored',
  'drafts.logoutTitle': '{count} unsent form(s) on this device',
  'drafts.logoutBody': 'They cannot be restored after you log out. Log out anyway?',

  'childFile.section': 'Section',
  'childFile.recordVisit': 'Record a visit',
  'childFile.callGuardian': 'Call guardian',
  'childFile.raiseProblem': 'Raise a problem',
  'childFile.noGuardianPhone': 'No guardian phone on file: add it under Family members',
  'children.sortLabel': 'Sort',
  'children.sort.nextVisitDue': 'Visit due date',
  'children.sort.name': 'Name',
  'children.sort.committee': 'Committee',
  'children.sort.riskLevel': 'Risk level',
} as const;
