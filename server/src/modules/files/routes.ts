/**
 * The files module: attachments of a child's file, Excel export of the children list, Excel import
 * of children and guardians (security requirements 23 and 24), and the audit of printed files.
 */
import type { AppDeps, ZApp } from '../../core/deps.js';
import { attachmentRoutes } from './attachments.js';
import { exportRoutes } from './exports.js';
import { importRoutes } from './imports.js';
import { printRoutes } from './print.js';

export function filesRoutes(app: ZApp, deps: AppDeps): void {
  attachmentRoutes(app, deps);
  exportRoutes(app, deps);
  importRoutes(app, deps);
  printRoutes(app, deps);
}
