/**
 * Every table that holds part of a child's file and carries its area keys. When a file changes
 * committee (transfer, committee merge), each of these rows moves with it; a new table of child
 * data must be added here (a test checks the list against the database).
 */
export const CHILD_DATA_TABLES = [
  'household_members',
  'child_categories',
  'child_benefits',
  'child_history',
  'child_assignments',
  'visits',
  'problems',
  'problem_events',
  'assistance',
  'care_plans',
  'care_plan_reviews',
  'work_log_children',
  'attachments',
  'eligibility_results',
  'entitlements',
  'entitlement_events',
  'mandatory_reports',
  'eligibility_assignments',
  'referrals',
  'guardianship_supervisions',
  'guardianship_assessments',
  'guardianship_interventions',
  'guardianship_documents',
  'guidance_sessions',
  'supervision_followups',
  'placements',
  'bookings',
  'holiday_plans',
  'activity_participants',
  'project_children',
  'charity_aid',
  'child_processing_bases',
  'child_consents',
  'photo_publicity_children',
  // 数据共享: a matched record and its proposed change belong to the file's area (the street reviews them)
  'feed_records',
  'feed_changes',
] as const;
