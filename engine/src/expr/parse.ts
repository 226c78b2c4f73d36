/**
 * Hand-written lexer and recursive-descent parser for criterion expressions. Every node keeps its
 * start and end offsets in the expression text, so errors point at the exact place.
 *
 *   expr    := or
 *   or      := and ('or' and)*
 *   and     := not ('and' not)*
 *   not     := 'not' not | cmp
 *   cmp     := sum [ ('=='|'!='|'<'|'<='|'>'|'>=') sum | 'in' list | 'not' 'in' list
 *                  | 'contains' sum | 'intersects' list ]
 *   sum     := prod (('+'|'-') prod)*
 *   prod    := unary (('*'|'/') unary)*
 *   unary   := '-' unary | primary
 *   primary := number [unit] | string | list | 'true' | 'false' | 'unknown' | '(' expr ')'
 *            | ('all'|'any') 'parents' '(' expr ')'
 *            | 'count' '(' 'parents' ['where' expr] ')'
 *            | 'sum' '(' 'parents' ['where' expr] ',' expr ')'
 *            | name '(' [expr (',' expr)*] ')' | name ('.' name)*
 *   unit    := 'yuan' | 'fen' | 'day(s)' | 'month(s)' | 'year(s)' | '%'
 */

export interface Pos {
  start: number;
  end: number;
}

export type LitUnit = 'yuan' | 'fen' | 'days' | 'months' | 'years' | '%';
export type BinOp = '+' | '-' | '*' | '/' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or' | 'contains';

export type Node =
  | { k: 'num'; value: number; unit: LitUnit | null; pos: Pos }
  | { k: 'str'; value: string; pos: Pos }
  | { k: 'bool'; value: boolean; pos: Pos }
  /** `unknown`: a condition the rules leave open (需人工核实), e.g. where two texts disagree. */
  | { k: 'unknown'; pos: Pos }
  | { k: 'list'; items: Node[]; pos: Pos }
  | { k: 'path'; parts: string[]; pos: Pos }
  | { k: 'neg'; arg: Node; pos: Pos }
  | { k: 'not'; arg: Node; pos: Pos }
  | { k: 'bin'; op: BinOp; left: Node; right: Node; pos: Pos; opPos: Pos }
  | { k: 'in'; negate: boolean; left: Node; list: Node; pos: Pos; opPos: Pos }
  | { k: 'intersects'; left: Node; list: Node; pos: Pos; opPos: Pos }
  | { k: 'call'; name: string; args: Node[]; pos: Pos; namePos: Pos }
  | { k: 'quant'; q: 'all' | 'any'; body: Node; pos: Pos }
  | { k: 'count'; where: Node | null; pos: Pos }
  | { k: 'sum'; where: Node | null; value: Node; pos: Pos };

export class ExprError extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

type TokKind = 'num' | 'str' | 'ident' | 'op' | 'eof';
interface Tok {
  kind: TokKind;
  text: string;
  value?: number | string;
  pos: Pos;
}

const OPS = ['==', '!=', '<=', '>=', '<', '>', '+', '-', '*', '/', '(', ')', '[', ']', ',', '.', '%'];

export function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c >= '0' && c <= '9') {
      while (i < src.length && /[0-9_]/.test(src[i]!)) i++;
      if (src[i] === '.' && /[0-9]/.test(src[i + 1] ?? '')) {
        i++;
        while (i < src.length && /[0-9_]/.test(src[i]!)) i++;
      }
      const text = src.slice(start, i);
      if (text.endsWith('_') || text.includes('__')) throw new ExprError(`malformed number ${text}`, { start, end: i });
      toks.push({ kind: 'num', text, value: Number(text.replace(/_/g, '')), pos: { start, end: i } });
      continue;
    }
    if (c === "'" || c === '"') {
      i++;
      let s = '';
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) {
          s += src[i + 1];
          i += 2;
        } else s += src[i++];
      }
      if (i >= src.length) throw new ExprError('unterminated string', { start, end: src.length });
      i++;
      toks.push({ kind: 'str', text: src.slice(start, i), value: s, pos: { start, end: i } });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i]!)) i++;
      toks.push({ kind: 'ident', text: src.slice(start, i), pos: { start, end: i } });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      i += op.length;
      toks.push({ kind: 'op', text: op, pos: { start, end: i } });
      continue;
    }
    if (c === '=') throw new ExprError("use '==' to compare", { start, end: i + 1 });
    throw new ExprError(`unexpected character '${c}'`, { start, end: i + 1 });
  }
  toks.push({ kind: 'eof', text: '', pos: { start: src.length, end: src.length } });
  return toks;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'contains', 'intersects', 'true', 'false', 'unknown', 'where']);
const UNITS: Record<string, LitUnit> = {
  yuan: 'yuan',
  fen: 'fen',
  day: 'days',
  days: 'days',
  month: 'months',
  months: 'months',
  year: 'years',
  years: 'years',
};

export function parse(src: string): Node {
  const toks = lex(src);
  let p = 0;
  const peek = () => toks[p]!;
  const next = () => toks[p++]!;
  const isOp = (t: string) => peek().kind === 'op' && peek().text === t;
  const isWord = (w: string) => peek().kind === 'ident' && peek().text === w;
  const expectOp = (t: string, what: string) => {
    if (!isOp(t)) throw new ExprError(`expected '${t}' ${what}, found ${describe(peek())}`, peek().pos);
    return next();
  };
  const span = (a: Pos, b: Pos): Pos => ({ start: a.start, end: b.end });

  function orExpr(): Node {
    let left = andExpr();
    while (isWord('or')) {
      const op = next();
      const right = andExpr();
      left = { k: 'bin', op: 'or', left, right, pos: span(left.pos, right.pos), opPos: op.pos };
    }
    return left;
  }
  function andExpr(): Node {
    let left = notExpr();
    while (isWord('and')) {
      const op = next();
      const right = notExpr();
      left = { k: 'bin', op: 'and', left, right, pos: span(left.pos, right.pos), opPos: op.pos };
    }
    return left;
  }
  function notExpr(): Node {
    if (isWord('not')) {
      const t = next();
      const arg = notExpr();
      return { k: 'not', arg, pos: span(t.pos, arg.pos) };
    }
    return cmpExpr();
  }
  function cmpExpr(): Node {
    const left = sumExpr();
    const t = peek();
    if (t.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.text)) {
      next();
      const right = sumExpr();
      return { k: 'bin', op: t.text as BinOp, left, right, pos: span(left.pos, right.pos), opPos: t.pos };
    }
    if (isWord('in')) {
      next();
      const list = listLit();
      return { k: 'in', negate: false, left, list, pos: span(left.pos, list.pos), opPos: t.pos };
    }
    if (isWord('not') && toks[p + 1]?.kind === 'ident' && toks[p + 1]?.text === 'in') {
      next();
      const inTok = next();
      const list = listLit();
      return { k: 'in', negate: true, left, list, pos: span(left.pos, list.pos), opPos: span(t.pos, inTok.pos) };
    }
    if (isWord('contains')) {
      next();
      const right = sumExpr();
      return { k: 'bin', op: 'contains', left, right, pos: span(left.pos, right.pos), opPos: t.pos };
    }
    if (isWord('intersects')) {
      next();
      const list = listLit();
      return { k: 'intersects', left, list, pos: span(left.pos, list.pos), opPos: t.pos };
    }
    return left;
  }
  function sumExpr(): Node {
    let left = prodExpr();
    while (isOp('+') || isOp('-')) {
      const op = next();
      const right = prodExpr();
      left = { k: 'bin', op: op.text as BinOp, left, right, pos: span(left.pos, right.pos), opPos: op.pos };
    }
    return left;
  }
  function prodExpr(): Node {
    let left = unary();
    while (isOp('*') || isOp('/')) {
      const op = next();
      const right = unary();
      left = { k: 'bin', op: op.text as BinOp, left, right, pos: span(left.pos, right.pos), opPos: op.pos };
    }
    return left;
  }
  function unary(): Node {
    if (isOp('-')) {
      const t = next();
      const arg = unary();
      return { k: 'neg', arg, pos: span(t.pos, arg.pos) };
    }
    return primary();
  }
  function listLit(): Node {
    const open = expectOp('[', 'to open a list');
    const items: Node[] = [];
    if (!isOp(']')) {
      for (;;) {
        items.push(unary());
        if (isOp(',')) {
          next();
          continue;
        }
        break;
      }
    }
    const close = expectOp(']', 'to close the list');
    return { k: 'list', items, pos: span(open.pos, close.pos) };
  }
  function parentsScope(what: string): Pos {
    if (!isWord('parents')) throw new ExprError(`${what} ranges over 'parents', found ${describe(peek())}`, peek().pos);
    return next().pos;
  }
  function primary(): Node {
    const t = peek();
    if (t.kind === 'num') {
      next();
      const u = peek();
      if (u.kind === 'op' && u.text === '%') {
        next();
        return { k: 'num', value: t.value as number, unit: '%', pos: span(t.pos, u.pos) };
      }
      if (u.kind === 'ident' && UNITS[u.text]) {
        next();
        return { k: 'num', value: t.value as number, unit: UNITS[u.text]!, pos: span(t.pos, u.pos) };
      }
      return { k: 'num', value: t.value as number, unit: null, pos: t.pos };
    }
    if (t.kind === 'str') {
      next();
      return { k: 'str', value: t.value as string, pos: t.pos };
    }
    if (t.kind === 'op' && t.text === '[') return listLit();
    if (t.kind === 'op' && t.text === '(') {
      next();
      const e = orExpr();
      expectOp(')', 'to close the parenthesis');
      return e;
    }
    if (t.kind === 'ident') {
      if (t.text === 'true' || t.text === 'false') {
        next();
        return { k: 'bool', value: t.text === 'true', pos: t.pos };
      }
      if (t.text === 'unknown') {
        next();
        return { k: 'unknown', pos: t.pos };
      }
      if ((t.text === 'all' || t.text === 'any') && toks[p + 1]?.text === 'parents') {
        next();
        parentsScope(t.text);
        expectOp('(', `after '${t.text} parents'`);
        const body = orExpr();
        const close = expectOp(')', `to close '${t.text} parents (...)'`);
        return { k: 'quant', q: t.text, body, pos: span(t.pos, close.pos) };
      }
      if ((t.text === 'count' || t.text === 'sum') && toks[p + 1]?.text === '(') {
        next();
        next();
        parentsScope(t.text);
        let where: Node | null = null;
        if (isWord('where')) {
          next();
          where = orExpr();
        }
        if (t.text === 'count') {
          const close = expectOp(')', "to close 'count(...)'");
          return { k: 'count', where, pos: span(t.pos, close.pos) };
        }
        expectOp(',', "before the summed value in 'sum(parents …, value)'");
        const value = orExpr();
        const close = expectOp(')', "to close 'sum(...)'");
        return { k: 'sum', where, value, pos: span(t.pos, close.pos) };
      }
      if (KEYWORDS.has(t.text)) throw new ExprError(`unexpected '${t.text}'`, t.pos);
      next();
      if (isOp('(')) {
        next();
        const args: Node[] = [];
        if (!isOp(')')) {
          for (;;) {
            args.push(orExpr());
            if (isOp(',')) {
              next();
              continue;
            }
            break;
          }
        }
        const close = expectOp(')', `to close the call of ${t.text}`);
        return { k: 'call', name: t.text, args, pos: span(t.pos, close.pos), namePos: t.pos };
      }
      const parts = [t.text];
      let end = t.pos;
      while (isOp('.')) {
        next();
        const n = peek();
        if (n.kind !== 'ident') throw new ExprError(`expected a field name after '.', found ${describe(n)}`, n.pos);
        next();
        parts.push(n.text);
        end = n.pos;
      }
      return { k: 'path', parts, pos: span(t.pos, end) };
    }
    throw new ExprError(`expected a value, found ${describe(t)}`, t.pos);
  }

  const e = orExpr();
  if (peek().kind !== 'eof') throw new ExprError(`unexpected ${describe(peek())} after the end of the expression`, peek().pos);
  return e;
}

function describe(t: Tok): string {
  return t.kind === 'eof' ? 'the end of the expression' : `'${t.text}'`;
}
