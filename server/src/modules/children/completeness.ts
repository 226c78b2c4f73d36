/**
 * What a complete file has (一人一档, task 18): identity number (or the reason there is none),
 * residence address, contact phone, school stage, at least one category current on the day, at
 * least one guardian. One definition for the children list's "档案不完整" filter and the
 * supervision indicator files.complete. `day` is an SQL date expression.
 */
export const fileCompleteSql = (day: string) => `((c.id_number_enc is not null or c.no_id_note is not null)
  and c.residence_address_enc is not null and c.phone_enc is not null and c.school_stage is not null
  and exists (select 1 from child_categories cc where cc.child_id = c.id and cc.since <= ${day} and (cc.until is null or cc.until > ${day}))
  and exists (select 1 from household_members m where m.child_id = c.id and m.role = 'guardian'))`;
