/**
 * 送教上门 and other appointment programmes (plan tasks 25, 12): slots of one place each, booked for
 * a child (or a household guardian, for a caregiver programme), confirmed at once, cancelled with a
 * reason, completed by the provider with what was taught. The API contract and the small pure rules.
 */
import { z } from 'zod';
import { IsoDate } from './fields.js';
import { plainName, plainText } from './text.js';

/** A booking holds its slot in these states. */
export const LIVE_STATUSES = ['reserved', 'confirmed', 'waitlisted', 'attended'] as const;
export const APPOINTMENT_STATUSES = ['confirmed', 'cancelled', 'attended', 'absent'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** The provider's view of a participant: masked name and age in 周岁 (张*明 · 3岁). */
export function displayLabel(maskedName: string, age: number | null): string {
  return age === null ? maskedName : `${maskedName} · ${age}岁`;
}

/** The instant of a slot from its Shanghai day and time (UTC+8 all year). */
export function slotInstant(day: string, time: string): string {
  return new Date(`${day}T${time}:00+08:00`).toISOString();
}

const Version = z.number({ error: '缺少版本号，请刷新后再改' }).int().min(1, '缺少版本号，请刷新后再改');
const Reason = (label: string) =>
  plainText(
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(1, `请填写${label}`)
      .max(200, `${label}最多 200 个字`),
    label,
  );

export const AppointmentProgramme = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  ownerUnitCode: z.string(),
  ownerUnitName: z.string().nullable(),
  providerName: z.string().nullable(),
  audience: z.enum(['child', 'guardian']),
  minAge: z.number().nullable(),
  maxAge: z.number().nullable(),
  contact: z.string().nullable(),
  description: z.string().nullable(),
  /** Slots ahead, open and not taken. */
  freeSlots: z.number(),
  /** The caller runs it (its unit owns it, with services.provide; or services.manage). */
  canProvide: z.boolean(),
});
export type AppointmentProgramme = z.infer<typeof AppointmentProgramme>;
export const AppointmentProgrammeList = z.object({ items: z.array(AppointmentProgramme) });

export const Appointment = z.object({
  id: z.string(),
  slotId: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  startsAt: z.string(),
  place: z.string().nullable(),
  status: z.string(),
  participantKind: z.enum(['child', 'guardian', 'external']),
  /** What the provider sees: masked name and age. */
  displayLabel: z.string(),
  /** The child (only for those who reach the child's file; null for the provider). */
  childId: z.string().nullable(),
  requestedByName: z.string().nullable(),
  requestedByUnitName: z.string().nullable(),
  cancelReason: z.string().nullable(),
  completionNote: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  attendanceNote: z.string().nullable(),
  canCancel: z.boolean(),
  canComplete: z.boolean(),
  version: z.number(),
});
export type Appointment = z.infer<typeof Appointment>;

export const Slot = z.object({
  id: z.string(),
  programmeId: z.string(),
  startsAt: z.string(),
  day: z.string(),
  place: z.string().nullable(),
  status: z.enum(['open', 'cancelled', 'closed']),
  cancelReason: z.string().nullable(),
  taken: z.boolean(),
  past: z.boolean(),
  /** The booking holding it, when the caller may see it (the provider: masked). */
  appointment: Appointment.nullable(),
  version: z.number(),
});
export type Slot = z.infer<typeof Slot>;
export const SlotList = z.object({
  items: z.array(Slot),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  canProvide: z.boolean(),
});
export type SlotList = z.infer<typeof SlotList>;
export const SlotQuery = z.object({
  /** 'free': open slots ahead, not taken (the booking dialog); 'all' (default): every slot from `from`. */
  show: z.enum(['all', 'free', 'booked'], { error: '显示范围应为 all、free 或 booked' }).default('all'),
  from: IsoDate('起始日期').optional(),
  page: z.coerce.number({ error: '页码应为数字' }).int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number({ error: '每页条数应为数字' }).int().min(1).max(100, '每页最多 100 条').default(20),
});

const Time = z.string({ error: '请选择时间' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm（如 09:30）');
export const SlotBatch = z.object({
  days: z.array(IsoDate('日期'), { error: '请选择日期' }).min(1, '请至少选择一天').max(60, '一次最多 60 天'),
  times: z.array(Time, { error: '请选择时间' }).min(1, '请至少选择一个时间').max(12, '每天最多 12 个时间'),
  place: plainName(z.string().trim().min(1, '请填写地点').max(60, '地点最多 60 个字'), '地点').default('家中'),
});
export type SlotBatch = z.input<typeof SlotBatch>;
export const SlotBatchResult = z.object({ created: z.number(), skipped: z.number() });

export const ReasonBody = z.object({ reason: Reason('取消原因'), version: Version });
export type ReasonBody = z.infer<typeof ReasonBody>;

export const BookBody = z.object({
  childId: z.string({ error: '请选择儿童' }).uuid('儿童编号格式不正确'),
  /** The household guardian taking a caregiver programme (audience guardian). */
  memberId: z.string().uuid('监护人编号格式不正确').optional().nullable(),
});
export type BookBody = z.infer<typeof BookBody>;

export const CompleteBody = z
  .object({
    attended: z.boolean({ error: '请选择已完成或未到' }),
    completionNote: plainText(z.string().trim().max(2000, '送教内容最多 2000 个字'), '送教内容').optional().nullable(),
    durationMinutes: z
      .number({ error: '时长应为分钟数' })
      .int('时长应为整数分钟')
      .min(1, '时长至少 1 分钟')
      .max(600, '时长最多 600 分钟')
      .optional()
      .nullable(),
    absenceNote: plainText(z.string().trim().max(200, '未到原因最多 200 个字'), '未到原因').optional().nullable(),
    version: Version,
  })
  .superRefine((v, ctx) => {
    if (v.attended && !v.completionNote?.trim()) ctx.addIssue({ code: 'custom', path: ['completionNote'], message: '请填写本次送教的内容' });
    if (v.attended && !v.durationMinutes) ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: '请填写本次送教的时长（分钟）' });
    if (!v.attended && !v.absenceNote?.trim()) ctx.addIssue({ code: 'custom', path: ['absenceNote'], message: '未到时请填写原因' });
  });
export type CompleteBody = z.infer<typeof CompleteBody>;

export const ChildAppointments = z.object({
  items: z.array(Appointment),
  /** Appointment programmes whose ages fit the child (the 预约 dialog). */
  programmes: z.array(AppointmentProgramme),
  /** The household's guardians, for a caregiver programme. */
  members: z.array(z.object({ id: z.string(), name: z.string(), relation: z.string() })),
  canBook: z.boolean(),
});
export type ChildAppointments = z.infer<typeof ChildAppointments>;
