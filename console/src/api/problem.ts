/** An RFC 9457 problem as the platform answers it: a stable type, a human detail and field errors. */
export interface Problem {
  type?: string;
  title?: string;
  detail?: string;
  status?: number;
  errors?: Record<string, string[]>;
}

export function asProblem(error: unknown): Problem {
  return error && typeof error === 'object' ? (error as Problem) : {};
}

/** The first message for a field (camelCase, as the API names it), for a form input's error. */
export function fieldError(problem: Problem | null, field: string): string | undefined {
  if (!problem?.errors) return undefined;
  const entry = Object.entries(problem.errors).find(([name]) => name.toLowerCase() === field.toLowerCase());
  return entry?.[1]?.[0];
}

/** What to tell the person: the detail, else the title, else the first field error. */
export function describe(problem: Problem | null): string {
  if (!problem) return '';
  const firstField = problem.errors ? Object.values(problem.errors)[0]?.[0] : undefined;
  return problem.detail ?? firstField ?? problem.title ?? `HTTP ${problem.status ?? ''}`;
}
