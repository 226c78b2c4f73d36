/**
 * A small catalogue of errors with stable codes and Chinese messages. The global handler turns
 * them (and validation, database and unknown errors) into one JSON shape and never shows internals.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export const errors = {
  validation: (fields: FieldError[], message = '输入有误，请按提示修改') => new AppError(400, 'VALIDATION_FAILED', message, fields),
  unauthenticated: (message = '请先登录') => new AppError(401, 'UNAUTHENTICATED', message),
  sessionExpired: () => new AppError(401, 'SESSION_EXPIRED', '登录已超时，请重新登录'),
  invalidCredentials: () => new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误'),
  locked: () => new AppError(423, 'ACCOUNT_LOCKED', '登录失败次数过多，账户已临时锁定 15 分钟，请稍后再试或联系安全管理员'),
  forbidden: (message = '您没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message),
  csrf: () => new AppError(403, 'CSRF_REJECTED', '请求来源校验失败，请刷新页面后重试'),
  pending: (pending: string) => new AppError(403, 'ACTION_REQUIRED', pendingMessage(pending)),
  notFound: (message = '未找到，或不在您的权限范围内') => new AppError(404, 'NOT_FOUND', message),
  conflict: (message: string, fields?: FieldError[]) => new AppError(409, 'CONFLICT', message, fields),
  /**
   * Someone saved the record after the caller read it (the version they send is not the current
   * one). One code for every module, so the interface shows one "reload, your input is kept" prompt.
   */
  staleVersion: (message = '该记录已被他人修改，请刷新后再保存（您填写的内容仍保留在页面上）') => new AppError(409, 'VERSION_CONFLICT', message),
  tooManyRequests: () => new AppError(429, 'RATE_LIMITED', '请求过于频繁，请稍后再试'),
  unavailable: () => new AppError(503, 'DATABASE_UNAVAILABLE', '数据库暂时无法连接，请稍后再试'),
  integrity: () => new AppError(500, 'DATA_INTEGRITY', '数据校验失败：所需的加密数据未通过完整性校验，可能已被篡改；已通知安全管理员，请把请求编号告诉管理员'),
  internal: () => new AppError(500, 'INTERNAL', '服务器内部错误，请稍后再试；如持续出现，请把请求编号告诉管理员'),
};

function pendingMessage(pending: string): string {
  switch (pending) {
    case 'mfa':
      return '请先输入双因素动态码';
    case 'password-change':
      return '请先修改密码';
    case 'mfa-enroll':
      return '管理员账户须先启用双因素认证';
    default:
      return '请先完成登录步骤';
  }
}

/** PostgreSQL error codes meaning "the database is not reachable right now". */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (!e) return false;
  if (e.code && (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_ERRNO.has(e.code))) return true;
  const m = e.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error/.test(m);
}
