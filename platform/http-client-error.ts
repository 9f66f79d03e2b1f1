/**
 * What may be kept of an HTTP client's (axios) error. Such an error carries the whole request
 * (headers with PLAID-SECRET and PLAID-CLIENT-ID, a body with access tokens or a customer's name)
 * in `config`, the socket in `request`, and the whole answer (identity data, HTML pages) in
 * `response`. Only this summary may be logged, stored, thrown or sent to Temporal. Shared by the
 * Plaid error mapping (activities/bank/plaid-errors.ts) and the logger's redaction.
 */

export interface HttpClientErrorSummary {
  status?: number;
  /** Network-level code: ECONNREFUSED, ECONNABORTED (timeout), ECONNRESET, ERR_BAD_RESPONSE... */
  code?: string;
  method?: string;
  /** Path only: never the host's query string, never a body. */
  endpoint?: string;
  /** The provider's own error fields, when its answer was a well-formed error body (Plaid's shape). */
  error_type?: string;
  error_code?: string;
  request_id?: string;
  /** The provider's error text, only from a well-formed error body; otherwise built from status/code. */
  message: string;
  display_message?: string;
}

interface AxiosLike {
  isAxiosError?: unknown;
  code?: unknown;
  config?: { url?: unknown; method?: unknown; headers?: unknown };
  response?: { status?: unknown; data?: unknown };
  request?: unknown;
  status?: unknown;
}

const str = (v: unknown, max: number): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined);

/** An axios error, or an axios response logged on its own (both carry `config` with the headers). */
export function isHttpClientObject(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  const o = v as AxiosLike;
  if (o.isAxiosError === true) return true;
  const cfg = o.config;
  return !!cfg && typeof cfg === 'object' && 'headers' in cfg && ('request' in o || 'response' in o);
}

function endpointOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url, 'http://x').pathname.slice(0, 200);
  } catch {
    return undefined;
  }
}

/**
 * The safe summary of an HTTP client error or response. The message is never the client's own
 * text: Node's JSON parse errors quote the start of the body, and bodies may hold personal data.
 */
export function summarizeHttpClientError(v: unknown): HttpClientErrorSummary {
  const o = (v ?? {}) as AxiosLike;
  const response = o.response && typeof o.response === 'object' ? o.response : (o as AxiosLike['response']);
  const status = typeof response?.status === 'number' ? response.status : undefined;
  const data = response?.data;
  const body = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  // A provider's error text is trusted only inside its documented error shape.
  const wellFormed = typeof body.error_type === 'string' && typeof body.error_code === 'string';
  const code = str(o.code, 40);
  const summary: HttpClientErrorSummary = {
    status,
    code,
    method: str(o.config?.method, 10)?.toUpperCase(),
    endpoint: endpointOf(o.config?.url),
    error_type: wellFormed ? str(body.error_type, 64) : undefined,
    error_code: wellFormed ? str(body.error_code, 64) : undefined,
    request_id: str(body.request_id, 64),
    message: (wellFormed ? str(body.error_message, 300) : undefined) ?? (status !== undefined ? `HTTP ${status}` : `no answer (${code ?? 'network error'})`),
    display_message: wellFormed ? str(body.display_message, 300) : undefined,
  };
  for (const k of Object.keys(summary) as (keyof HttpClientErrorSummary)[]) if (summary[k] === undefined) delete summary[k];
  return summary;
}
