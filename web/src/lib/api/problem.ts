/** RFC 9457 problem details as the API sends them, and the error the app throws for them. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(public readonly problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  /** The problem's slug, e.g. `code-wrong` from https://timely.example/problems/code-wrong. */
  get slug(): string {
    return this.problem.type?.split('/').pop() ?? '';
  }

  /** Field -> message, for showing each error beside its input. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    // The API's messages read as "must be a valid email address": shown under the field's label, capitalised.
    for (const e of this.problem.errors ?? []) out[e.field.replace(/^body\./, '')] ??= e.message.charAt(0).toUpperCase() + e.message.slice(1);
    return out;
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError && err.problem.errors?.length) return 'Please check the highlighted fields.';
  if (err instanceof ApiError) return err.problem.detail || err.problem.title;
  return 'Something went wrong. Please try again.';
}
