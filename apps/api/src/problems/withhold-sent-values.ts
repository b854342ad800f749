import type { ProblemDetails } from './problem';

export const WITHHELD = '[withheld]';

/** A batch of 1000 entries holds some 20 000 strings; past this many, a refusal would start to cost. */
const MAX_STRINGS = 20_000;

/** One or two characters identify no one, and withholding them would garble the prose around them. */
const MIN_LENGTH = 3;

/** Characters that continue a token: a sent `police` must not eat the start of `police-north`. */
const TOKEN = 'A-Za-z0-9_-';

/**
 * A refusal's prose never quotes what the caller sent: error bodies end up in client logs, proxies
 * and bug reports, and a request body carries children's details (summaries, names, identifiers).
 * Domain and validation messages are written by many hands and some quote the value at fault, so
 * every string of the JSON body is withheld from `detail` and `errors[].message` here, in the one
 * place all errors pass through; `code` and `errors[].field` still say what was wrong and where.
 */
export function withholdSentValues(problem: ProblemDetails, body: unknown): ProblemDetails {
  const sent = stringsOf(body);
  if (sent.length === 0) return problem;
  const withhold = (text: string) => sent.reduce((out, value) => (out.includes(value) ? out.replace(tokenPattern(value), WITHHELD) : out), text);
  return {
    ...problem,
    detail: withhold(problem.detail),
    ...(problem.errors ? { errors: problem.errors.map((error) => ({ ...error, message: withhold(error.message) })) } : {}),
  };
}

/** Longest first, so a value is withheld whole before any shorter value inside it is looked for. */
function stringsOf(body: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [body];
  while (stack.length > 0 && found.size < MAX_STRINGS) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.trim().length >= MIN_LENGTH) found.add(value);
    } else if (value !== null && typeof value === 'object') {
      for (const child of Object.values(value)) stack.push(child);
    }
  }
  return [...found].sort((a, b) => b.length - a.length);
}

function tokenPattern(value: string): RegExp {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![${TOKEN}])${escaped}(?![${TOKEN}])`, 'g');
}
